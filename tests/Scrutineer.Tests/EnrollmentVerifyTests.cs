using Google.Protobuf;
using Scrutineer.Verify;
using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Scrutineer.Tests;

/// <summary>
/// Checks 13–14 of audit.md on an election whose roll holds one-time enrollment keys: members enrol a credential
/// against a committed roll entry, then vote with it. The log is long enough (over 16,384 records) that most
/// enrollments are checked by the parallel workers against the committed roll, and the first ones by the ordered walk.
/// </summary>
public class EnrollmentVerifyTests
{
    private const int Voters = 9_000;
    private static readonly LogBuilder Builder = new(voters: Voters, every: 2_000);
    private static readonly List<LogRecord> Bodies = Builder.EnrollmentBodies();

    private static LogVerifier Verify(List<LogRecord> bodies)
    {
        var closed = Builder.Build(bodies);
        var withDeclaration = new List<LogRecord>(bodies) { new() { Declaration = Builder.DeclarationFor(closed) } };
        return LogVerifier.Run(Builder.Build(withDeclaration), Builder.Policy());
    }

    private static int IndexOfEnrollment(List<LogRecord> bodies, int voter) =>
        bodies.FindIndex(r => r.BodyCase == LogRecord.BodyOneofCase.Enrollment && r.Enrollment.RollIndex == (ulong)voter);

    [Fact]
    public void An_enrollment_election_passes_every_check()
    {
        var v = Verify(Bodies);
        Assert.True(v.Passed, v.FirstProblem is { } p ? LogVerifier.Describe(p) : "");
        Assert.Equal(Voters, v.Results.Single(r => r.Name == "enrollment.signature").Examined);
        Assert.Equal(Voters, v.Facts!.CountedBallots);
    }

    [Theory]
    [InlineData(3)]       // early in the log: checked by the ordered walk
    [InlineData(8_500)]   // deep in the log: checked by a worker against the committed roll
    public void A_bad_credential_signature_fails_at_its_enrollment_and_its_ballot_is_not_counted(int voter)
    {
        var bodies = Bodies.Select(b => b.Clone()).ToList();
        int at = IndexOfEnrollment(bodies, voter);
        var sig = bodies[at].Enrollment.CredentialSignature.ToByteArray();
        sig[5] ^= 0x40;
        bodies[at].Enrollment.CredentialSignature = ByteString.CopyFrom(sig);
        var v = Verify(bodies);
        var check = v.Results.Single(r => r.Name == "enrollment.signature");
        Assert.Equal(Verdict.Fail, check.Verdict);
        Assert.Equal((ulong)at, check.FailedAt);
        Assert.Equal("credential possession signature does not verify", check.Evidence);
        var onRoll = v.Results.Single(r => r.Name == "ballot.on-roll");
        Assert.Equal((ulong)at + 1, onRoll.FailedAt);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8_800)]
    public void A_roll_signature_by_another_entrys_key_fails(int voter)
    {
        var bodies = Bodies.Select(b => b.Clone()).ToList();
        int at = IndexOfEnrollment(bodies, voter);
        bodies[at].Enrollment.RollIndex = (ulong)voter + 1 == Voters ? 0 : (ulong)voter + 1; // claims the next member's entry
        var v = Verify(bodies);
        var check = v.Results.Single(r => r.Name == "enrollment.signature");
        Assert.Equal(Verdict.Fail, check.Verdict);
        Assert.Equal((ulong)at, check.FailedAt);
        Assert.StartsWith("roll signature does not verify against roll entry", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_enrollment_of_one_entry_fails_distinct_entry()
    {
        var bodies = Bodies.Select(b => b.Clone()).ToList();
        int first = IndexOfEnrollment(bodies, 10);
        bodies.Insert(IndexOfEnrollment(bodies, 9_000 - 2), bodies[first].Clone());
        var v = Verify(bodies);
        var check = v.Results.Single(r => r.Name == "enrollment.distinct-entry");
        Assert.Equal(Verdict.Fail, check.Verdict);
        Assert.Equal("roll entry 10 is already enrolled; each enrollment code works once", check.Evidence); // the server's V9 words: one rule, PhaseRules
    }
}
