using Google.Protobuf;
using Voting.Core.Records;

namespace Scrutineer.Tests;

/// <summary>scrutineer verify-diff in script style: an honest later export extends the earlier one; a rewritten history does not.</summary>
public class VerifyDiffTests
{
    private static readonly LogBuilder Builder = new();

    private static string Write(Scrutineer.Verify.ExportedLog log)
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("scrutineer-diff-").FullName, "log");
        LogBuilder.Write(log, dir);
        return dir;
    }

    [Fact]
    public void AnHonestLaterExportExtendsTheEarlierOne()
    {
        var bodies = Builder.Valid().Records.Select(r => Canonical.Parse(r)).ToList();
        var monday = Write(Builder.Build(bodies[..8]));
        var friday = Write(Builder.Valid());
        var (code, o, e) = CliRunner.Run("verify-diff", monday, friday);
        Assert.True(code == 0, o + e);
        Assert.StartsWith("PASS    checkpoint.consistency (OLD → NEW): OLD's 8 records are a prefix of NEW's", o, StringComparison.Ordinal);
        Assert.EndsWith("VERIFIED: every check ran and passed, or does not apply to this election (N/A)\n", o, StringComparison.Ordinal);
    }

    [Fact]
    public void ARewrittenHistoryIsCaughtWithBothSignedCheckpointsAsEvidence()
    {
        var bodies = Builder.Valid().Records.Select(r => Canonical.Parse(r)).ToList();
        var monday = Write(Builder.Build(bodies[..8]));
        // The log-key holder later rewrites record 6 (a ballot) and re-signs everything.
        var rewritten = bodies.Select(b => b.Clone()).ToList();
        rewritten[6].Ballot.ClientNonce = ByteString.CopyFrom(new byte[16]);
        VoterSigning.SignBallot(rewritten[6].Ballot, Builder.Election.CredentialSeed(2));
        var friday = Write(Builder.Build(rewritten));
        var (code, o, e) = CliRunner.Run("verify-diff", monday, friday);
        Assert.Equal(1, code);
        Assert.Contains("is not the first 8 records of NEW", o, StringComparison.Ordinal);
        Assert.Contains("OLD's latest checkpoint, as signed:", o, StringComparison.Ordinal);
        Assert.Contains("NEW's latest checkpoint, as signed:", o, StringComparison.Ordinal);
        Assert.StartsWith("scrutineer: error: OLD is not a prefix of NEW", e, StringComparison.Ordinal);
    }
}
