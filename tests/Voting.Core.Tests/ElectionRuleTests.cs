using Google.Protobuf;
using Voting.Core.Ballots;
using Voting.Core.Records;

namespace Voting.Core.Tests;

/// <summary>
/// The roll, phase and chain rules the server and the scrutineer share (issue 13 item 1): each names its audit
/// check; each branch is shown here, and both callers' tests (ErrorTableTests, AuditCheckFailureTests) show them used.
/// </summary>
public class ElectionRuleTests
{
    [Fact]
    public void RollEntriesAre32ByteKeysThatDoNotRepeat()
    {
        Assert.Null(RollRules.EntryProblem(3, new byte[32], earlier: null));
        Assert.Equal(new RuleViolation("roll.distinct", "roll entry 3 is 31 bytes, not a 32-byte public key"), RollRules.EntryProblem(3, new byte[31], null));
        Assert.Equal(new RuleViolation("roll.distinct", "roll entry 3 repeats entry 1"), RollRules.EntryProblem(3, new byte[32], 1));
    }

    [Theory]
    [InlineData(0, 0u)]
    [InlineData(1, 1u)]
    [InlineData(RollMath.ChunkEntries, 1u)]
    [InlineData(RollMath.ChunkEntries + 1, 2u)]
    public void ChunksHoldAtMostChunkEntries(int entries, uint chunks)
    {
        Assert.Equal(chunks, RollRules.ChunkCount(entries));
        var keys = Enumerable.Range(0, entries).Select(i => ByteString.CopyFrom(BitConverter.GetBytes(i).Concat(new byte[28]).ToArray())).ToList();
        var made = RollMath.Chunks("e", keys);
        Assert.Equal((int)chunks, made.Count);
        Assert.Equal(Enumerable.Range(0, (int)chunks).Select(i => (uint)i), made.Select(c => c.ChunkIndex));
        Assert.Equal(keys, made.SelectMany(c => c.Entries));
    }

    [Fact]
    public void TheCommitmentMustSealThePublishedRollOnceBeforeOpen()
    {
        var entries = new[] { new byte[32], Enumerable.Repeat((byte)1, 32).ToArray() };
        var (chunks, c) = RollMath.Seal("e", entries);
        var digest = RollMath.Digest(entries.Select(e => (ReadOnlyMemory<byte>)e));
        Assert.Null(RollRules.CommitmentProblem(c, 2, (uint)chunks.Count, digest));
        Assert.Equal("the roll is empty", RollRules.CommitmentProblem(c, 0, 0, digest)!.Message);
        Assert.Equal("the commitment says 2 entries in 1 chunks; the roll has 3 in 1", RollRules.CommitmentProblem(c, 3, 1, digest)!.Message);
        Assert.Equal("roll_digest does not match the published entries", RollRules.CommitmentProblem(c, 2, 1, new byte[32])!.Message);
        Assert.Null(RollRules.CommitmentPhaseProblem(committed: false, opened: false));
        Assert.Equal("a second roll commitment", RollRules.CommitmentPhaseProblem(true, false)!.Message);
        Assert.Equal("the roll was committed after Open", RollRules.CommitmentPhaseProblem(false, true)!.Message);
        Assert.Equal("roll chunk 2 where chunk 1 was due", RollRules.ChunkProblem(2, 1, committed: false)!.Message);
        Assert.Equal("a roll chunk after the commitment", RollRules.ChunkProblem(1, 1, committed: true)!.Message);
        Assert.All(new[] { RollRules.CommitmentProblem(c, 0, 0, digest)!, RollRules.ChunkProblem(1, 1, true)! }, v => Assert.Equal("roll.committed-before-open", v.Check));
    }

    [Fact]
    public void PhasesComeInOrder()
    {
        Assert.Null(PhaseRules.OpenProblem(rollCommitted: true, opened: false));
        Assert.Equal(new RuleViolation("open.once", "Open before the roll commitment"), PhaseRules.OpenProblem(false, false));
        Assert.Equal(new RuleViolation("open.once", "a second Open"), PhaseRules.OpenProblem(true, true));
        Assert.Null(PhaseRules.CloseProblem(opened: true, closed: false));
        Assert.Equal(new RuleViolation("close.once", "Close before Open"), PhaseRules.CloseProblem(false, false));
        Assert.Equal(new RuleViolation("close.once", "a second Close"), PhaseRules.CloseProblem(true, true));
        Assert.Null(PhaseRules.WindowProblem(opened: true, closed: false));
        Assert.Equal("voting has not opened yet", PhaseRules.WindowProblem(false, false)!.Message);
        Assert.Equal("voting has closed", PhaseRules.WindowProblem(true, true)!.Message);
    }

    [Fact]
    public void BallotsAreCastInsideTheSchedule()
    {
        var s = new Schedule { OpensAtUnix = 1_796_083_200, ClosesAtUnix = 1_796_688_000 };
        Assert.Null(PhaseRules.ScheduleProblem(s, s.OpensAtUnix));
        Assert.Null(PhaseRules.ScheduleProblem(s, s.ClosesAtUnix - 1));
        Assert.Equal(new RuleViolation("ballot.in-window", "voting opens at 2026-12-01T00:00:00Z (schedule opens_at_unix 1796083200); the server's clock says 2026-11-30T23:59:59Z"),
            PhaseRules.ScheduleProblem(s, s.OpensAtUnix - 1));
        Assert.Equal(new RuleViolation("ballot.in-window", "voting closed at 2026-12-08T00:00:00Z (schedule closes_at_unix 1796688000); the server's clock says 2026-12-08T00:00:00Z"),
            PhaseRules.ScheduleProblem(s, s.ClosesAtUnix));
    }

    [Fact]
    public void TheRevealedSeedMustMatchTheCommitment()
    {
        var seed = Enumerable.Repeat((byte)9, 32).ToArray();
        var d = new ElectionDefinition { TieBreakSeedCommitment = ByteString.CopyFrom(RollMath.SeedCommitment(seed)) };
        Assert.Null(PhaseRules.SeedProblem(new Close { TieBreakSeed = ByteString.CopyFrom(seed) }, d));
        seed[0] ^= 1;
        Assert.Equal("close.once", PhaseRules.SeedProblem(new Close { TieBreakSeed = ByteString.CopyFrom(seed) }, d)!.Check);
        Assert.NotNull(PhaseRules.SeedProblem(new Close { TieBreakSeed = ByteString.CopyFrom(new byte[31]) }, d));
    }

    [Fact]
    public void EnrollmentEligibilityAndRevote()
    {
        Assert.NotNull(PhaseRules.EnrollmentPhaseProblem(RollKind.CredentialKeys, true, false));
        Assert.NotNull(PhaseRules.EnrollmentPhaseProblem(RollKind.EnrollmentKeys, rollCommitted: false, closed: false));
        Assert.NotNull(PhaseRules.EnrollmentPhaseProblem(RollKind.EnrollmentKeys, true, closed: true));
        Assert.Null(PhaseRules.EnrollmentPhaseProblem(RollKind.EnrollmentKeys, true, false));
        Assert.Equal("roll entry 5 does not exist (the roll has 5)", PhaseRules.EnrollmentEntryProblem(5, 5)!.Message);
        Assert.Null(PhaseRules.EnrollmentEntryProblem(4, 5));
        Assert.Equal("roll entry 4 is already enrolled; each enrollment code works once", PhaseRules.EnrollmentTakenProblem(4, true, false)!.Message);
        Assert.Equal("this credential key is already enrolled", PhaseRules.EnrollmentTakenProblem(4, false, true)!.Message);
        Assert.Null(PhaseRules.EnrollmentTakenProblem(4, false, false));
        Assert.Equal("ballot.on-roll", PhaseRules.EligibilityProblem(RollKind.EnrollmentKeys, false)!.Check);
        Assert.Null(PhaseRules.EligibilityProblem(RollKind.CredentialKeys, true));
        Assert.Equal("ballot.revote", PhaseRules.RevoteProblem(RevotePolicy.Single, voted: true)!.Check);
        Assert.Null(PhaseRules.RevoteProblem(RevotePolicy.LastCounts, voted: true));
        Assert.Null(PhaseRules.RevoteProblem(RevotePolicy.Single, voted: false));
    }

    [Fact]
    public void TheChainRulesNameTheirChecks()
    {
        var prev = new byte[32];
        var r = new LogRecord { Height = 2, Prev = ByteString.CopyFrom(prev), SequencedAtMs = 10 };
        Assert.Null(Chain.Check(r, 2, prev, 10));
        Assert.Equal("chain.height", Chain.HeightProblem(r, 3)!.Check);
        Assert.Equal("chain.prev", Chain.PrevProblem(r, 2, new byte[] { 1 })!.Check);
        Assert.Equal("chain.prev", Chain.PrevProblem(r, 0, prev)!.Check); // the first record's prev is empty
        Assert.Equal("chain.time", Chain.TimeProblem(r, 11)!.Check);
        Assert.Equal("height is 2, expected 3", Chain.Check(r, 3, prev, 10));
    }
}
