using Scrutineer.Verify;
using Voting.Core.Records;

namespace Scrutineer.Tests;

/// <summary>
/// The verifier streams records in windows (of 512) from the export's bundles: a log several windows long, read from
/// disk, passes every check, and a change deep in a later window is caught at its own record.
/// </summary>
public class StreamingVerifyTests
{
    private static readonly LogBuilder Builder = new(voters: 9_000, every: 1_000);
    private static readonly ExportedLog Valid = Builder.Valid();

    private static string OnDisk(ExportedLog log)
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("streaming-verify-").FullName, "log");
        LogBuilder.Write(log, dir);
        return dir;
    }

    [Fact]
    public void ALogOfSeveralWindowsReadFromItsBundlesPassesEveryCheck()
    {
        var log = ExportedLog.Read(OnDisk(Valid));
        Assert.Equal(Valid.Records.Count, log.Records.Count);
        Assert.True(log.Records.Count > 2 * 4096);
        var v = LogVerifier.Run(log, Builder.Policy());
        Assert.All(v.Results, r => Assert.True(r.Verdict is Verdict.Pass or Verdict.NotApplicable, $"{r.Name}: {r.Verdict} {r.Evidence}"));
        Assert.Equal(9_000, v.Facts!.CountedBallots);
        Assert.Equal(9_000, v.Facts.BallotTimesMs.Count);
        Assert.Equal(Valid.Records[8_500], log.Records[8_500]);
    }

    [Fact]
    public void ABallotReplacedInALaterWindowFailsAtItsRecord()
    {
        // Re-chained and re-signed by the log-key holder: only the ballot's own signature can catch it.
        var bodies = Valid.Records.Select(r => Canonical.Parse(r)).ToList();
        int target = 8_200;
        Assert.Equal(LogRecord.BodyOneofCase.Ballot, bodies[target].BodyCase);
        bodies[target].Ballot.Plain.Votes[1].Choices[0] ^= 1;
        var v = LogVerifier.Run(ExportedLog.Read(OnDisk(Builder.Build(bodies))), Builder.Policy());
        var failed = v.Results.Single(r => r.Name == "ballot.signature");
        Assert.Equal(Verdict.Fail, failed.Verdict);
        Assert.Equal((ulong)target, failed.FailedAt);
        Assert.Equal(1, failed.Failures);
    }
}
