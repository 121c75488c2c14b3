using Google.Protobuf;
using Voting.Core.Ballots;
using Voting.Core.Crypto;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Synthetic;

namespace Voting.Core.Tests;

public class BallotRuleTests
{
    private static Contest ContestOf(Method m, uint seats, int candidates, uint maxMarks = 0)
    {
        var c = new Contest { ContestId = "c", Method = m, Seats = seats, MaxMarks = maxMarks, RuleSet = m == Method.Stv ? "meek" : "" };
        for (int i = 0; i < candidates; i++) c.Candidates.Add(new Candidate { CandidateId = $"k{i}", Name = $"K{i}" });
        return c;
    }

    private static RuleViolation? Check(Contest contest, params uint[] choices)
    {
        var d = new ElectionDefinition { ElectionId = "e", Contests = { contest } };
        return BallotRules.CheckContent(new PlainBallot { Votes = { new ContestVote { Choices = { choices } } } }, d);
    }

    [Theory]
    [InlineData(Method.Fptp, 1u, new uint[] { }, true)]
    [InlineData(Method.Fptp, 1u, new uint[] { 2 }, true)]
    [InlineData(Method.Fptp, 1u, new uint[] { 0, 1 }, false)]
    [InlineData(Method.Fptp, 1u, new uint[] { 4 }, false)]
    [InlineData(Method.Referendum, 1u, new uint[] { 3 }, true)]
    [InlineData(Method.Referendum, 1u, new uint[] { 1, 3 }, false)]
    [InlineData(Method.Block, 2u, new uint[] { 0, 3 }, true)]
    [InlineData(Method.Block, 2u, new uint[] { 0, 1, 2 }, false)]
    [InlineData(Method.Block, 2u, new uint[] { 3, 0 }, false)]
    [InlineData(Method.Block, 2u, new uint[] { 1, 1 }, false)]
    [InlineData(Method.Approval, 1u, new uint[] { 0, 1, 2, 3 }, true)]
    [InlineData(Method.Stv, 2u, new uint[] { 3, 0, 2 }, true)]
    [InlineData(Method.Stv, 2u, new uint[] { 3, 0, 3 }, false)]
    [InlineData(Method.Stv, 2u, new uint[] { 9 }, false)]
    public void ContentRulesPerMethod(Method method, uint seats, uint[] choices, bool valid) =>
        Assert.Equal(valid, Check(ContestOf(method, seats, 4), choices) is null);

    [Fact]
    public void BlockVoteHonoursMaxMarks() =>
        Assert.NotNull(Check(ContestOf(Method.Block, 3, 5, maxMarks: 2), 0, 1, 2));

    [Fact]
    public void BallotsForAnotherElectionOrWithTamperedFieldsAreRefused()
    {
        var e = new SyntheticElection(3);
        var b = e.BallotOf(1);
        Assert.Null(BallotRules.Check(b, e.Definition));
        var other = b.Clone(); other.ElectionId = "other";
        Assert.Equal("ballot.election-id", BallotRules.Check(other, e.Definition)!.Check);
        var nonce = b.Clone(); nonce.ClientNonce = ByteString.CopyFrom(new byte[8]);
        Assert.Equal("ballot.form", BallotRules.Check(nonce, e.Definition)!.Check);
        var content = b.Clone(); content.Plain.Votes[1].Choices[0] ^= 1;
        Assert.Equal("ballot.signature", BallotRules.Check(content, e.Definition)!.Check);
        var missing = b.Clone(); missing.Plain.Votes.RemoveAt(1);
        Assert.Equal("ballot.content", BallotRules.Check(missing, e.Definition)!.Check);
    }

    [Fact]
    public void DefinitionProblemsAreListed()
    {
        var d = new SyntheticElection(1).Definition.Clone();
        d.ElectionId = "has space";
        d.Contests[0].RuleSet = "gregory";
        d.Contests[1].Seats = 2;
        d.OrganiserThreshold = 3;
        var problems = DefinitionRules.Problems(d);
        // Four mistakes, and the first contest's constraint now sits on a rule set that would ignore it.
        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.EndsWith("constraints apply to METHOD_STV with rule_set scottish-stv only", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1_700_000_000L, long.MaxValue)]
    [InlineData(-1L, 1_700_000_000L)]
    [InlineData(1_700_000_000L, DefinitionRules.LatestUnixSeconds + 1)]
    public void ScheduleTimesOutsideTheCalendarAreProblems(long opens, long closes)
    {
        var d = new SyntheticElection(1).Definition.Clone();
        d.Schedule.OpensAtUnix = opens;
        d.Schedule.ClosesAtUnix = closes;
        Assert.Equal([$"schedule times must be between 0 and {DefinitionRules.LatestUnixSeconds} (the end of the year 9999)"], DefinitionRules.Problems(d));
        d.Schedule.ClosesAtUnix = DefinitionRules.LatestUnixSeconds;
        d.Schedule.OpensAtUnix = 0;
        Assert.Empty(DefinitionRules.Problems(d));
    }
}

/// <summary>counting.md §1: at most 500 candidates a contest, so that no definition can make a count run for minutes.</summary>
public class CandidateLimitTests
{
    [Theory]
    [InlineData(DefinitionRules.MaxCandidates, false)]
    [InlineData(DefinitionRules.MaxCandidates + 1, true)]
    [InlineData(5_000, true)]
    public void MoreThan500CandidatesIsAProblem(int candidates, bool problem)
    {
        var d = new SyntheticElection(1).Definition.Clone();
        var c = d.Contests[1];
        c.Candidates.Clear();
        for (int i = 0; i < candidates; i++) c.Candidates.Add(new Candidate { CandidateId = $"k{i}", Name = $"K{i}" });
        var expected = problem ? new[] { $"contest \"chair\": {candidates} candidates; at most 500 are allowed" } : [];
        Assert.Equal(expected, DefinitionRules.Problems(d));
    }
}

/// <summary>counting.md §6.1 at create: a contest whose constraints no choice of its candidates could meet is refused.</summary>
public class ConstraintDefinitionTests
{
    // Four seats from six candidates; women are candidates 0 (and 1 when `women` is 2).
    private static ElectionDefinition Region(int women, uint minWomen, string ruleSet = "scottish-stv")
    {
        var d = new SyntheticElection(1).Definition.Clone();
        var c = new Contest { ContestId = "north", Title = "North", Method = Method.Stv, Seats = 4, RuleSet = ruleSet };
        for (int i = 0; i < 6; i++)
        {
            var cand = new Candidate { CandidateId = $"k{i}", Name = $"K{i}" };
            if (i < women) cand.Attributes.Add(new Voting.Core.Records.Attribute { Key = "gender", Value = "woman" });
            c.Candidates.Add(cand);
        }
        c.Constraints.Add(new Constraint { ConstraintId = "women", AttributeKey = "gender", AttributeValue = "woman", MinElected = minWomen });
        d.Contests.Clear();
        d.Contests.Add(c);
        return d;
    }

    [Fact]
    public void AMinimumMoreThanTheGroupStandingIsRefusedNamingTheConstraint()
    {
        Assert.Empty(DefinitionRules.Problems(Region(women: 2, minWomen: 2)));
        var problem = Assert.Single(DefinitionRules.Problems(Region(women: 1, minWomen: 2)));
        Assert.Equal("contest \"north\": the constraints cannot be met by the 6 candidates standing for 4 seats: women cannot be met", problem);
    }

    [Fact]
    public void ConstraintsThatFailOnlyTogetherAreNamedTogether()
    {
        // At least 3 women and at least 2 men of 4 seats: each alone can be met, not both.
        var d = Region(women: 3, minWomen: 3);
        var c = d.Contests[0];
        for (int i = 3; i < 6; i++) c.Candidates[i].Attributes.Add(new Voting.Core.Records.Attribute { Key = "gender", Value = "man" });
        c.Constraints.Add(new Constraint { ConstraintId = "men", AttributeKey = "gender", AttributeValue = "man", MinElected = 2 });
        Assert.Equal(["contest \"north\": the constraints cannot be met together by the 6 candidates standing for 4 seats (women, men)"], DefinitionRules.Problems(d));
    }

    [Fact]
    public void ConstraintsOnARuleSetThatIgnoresThemAreRefused() =>
        Assert.Equal(["contest \"north\": constraints apply to METHOD_STV with rule_set scottish-stv only"], DefinitionRules.Problems(Region(women: 2, minWomen: 1, ruleSet: "meek")));

    [Fact]
    public void RepeatedConstraintIdsAndMissingKeysAreRefused()
    {
        var d = Region(women: 2, minWomen: 1);
        d.Contests[0].Constraints.Add(new Constraint { ConstraintId = "women", AttributeKey = "", MinElected = 0 });
        Assert.Equal(["contest \"north\": constraint_id \"women\" must be a distinct identifier", "contest \"north\": constraint \"women\" names no attribute_key"], DefinitionRules.Problems(d));
    }

    [Fact]
    public void ASearchBeyondItsBudgetIsAnErrorNotAHang()
    {
        // 60 candidates for 30 seats, each pair of neighbours at most one, and a group that needs 18 of the first 33,
        // where the pairs allow 17 at most: the search learns that only after trying the pairs' many choices.
        var members = Enumerable.Range(0, 60).ToList();
        var groups = new List<GroupConstraint> { new("first", Enumerable.Range(0, 33).ToHashSet(), 18, null) };
        for (int i = 0; i < 60; i += 2) groups.Add(new GroupConstraint($"pair{i}", new HashSet<int> { i, i + 1 }, 0, 1));
        var e = Assert.Throws<UnsatisfiableConstraintsException>(() => new Constraints(groups).Feasible([], members, 30));
        Assert.Contains("too complex to decide", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBudgetCoversEveryQuestionOfOneCountNotEachAlone()
    {
        // A count asks once per hopeful per stage: cheap questions, asked without end of one object, exhaust it; the
        // next count (a fresh object) starts afresh.
        var members = Enumerable.Range(0, 40).ToList();
        Constraints Count() => new([new GroupConstraint("evens", members.Where(c => c % 2 == 0).ToHashSet(), 10, null)]);
        var count = Count();
        long questions = 0;
        Assert.Throws<UnsatisfiableConstraintsException>(() =>
        {
            for (; questions < 100_000_000; questions++) count.Feasible([], members, 20);
        });
        Assert.InRange(questions, 1_000, Constraints.WorkBudget);
        Assert.True(Count().Feasible([], members, 20));
    }
}

public class OrganiserAndEnrollmentTests
{
    [Fact]
    public void ThresholdDistinctKeysAndBadSignaturesAreEnforced()
    {
        var k0 = new NoteSigner("o0", Enumerable.Repeat((byte)1, 32).ToArray());
        var k1 = new NoteSigner("o1", Enumerable.Repeat((byte)2, 32).ToArray());
        var d = new ElectionDefinition { ElectionId = "e", OrganiserKeys = { ByteString.CopyFrom(k0.PublicKey), ByteString.CopyFrom(k1.PublicKey) }, OrganiserThreshold = 2 };
        var open = new Open { ElectionId = "e", OpenedAtUnix = 5 };
        OrganiserSigning.Sign(open, 0, k0);
        Assert.Contains("requires 2", OrganiserSigning.Check(open, d), StringComparison.Ordinal);
        var twice = open.Clone();
        OrganiserSigning.Sign(twice, 0, k0);
        Assert.Contains("signed twice", OrganiserSigning.Check(twice, d), StringComparison.Ordinal);
        var wrongKey = open.Clone();
        OrganiserSigning.Sign(wrongKey, 1, k0);
        Assert.Contains("does not verify", OrganiserSigning.Check(wrongKey, d), StringComparison.Ordinal);
        OrganiserSigning.Sign(open, 1, k1);
        Assert.Null(OrganiserSigning.Check(open, d));
        open.OpenedAtUnix = 6;
        Assert.NotNull(OrganiserSigning.Check(open, d));
        var otherElection = new Open { ElectionId = "f" };
        Assert.Contains("names election", OrganiserSigning.Check(otherElection, d), StringComparison.Ordinal);
    }

    [Fact]
    public void EnrollmentBindsACredentialToTheRollKeyOfACode()
    {
        var rollSeed = RollMath.EnrollmentSeed("e", "abcd-efgh-ijkl");
        Assert.Equal(rollSeed, RollMath.EnrollmentSeed("e", "ABCD EFGH IJKL"));
        Assert.NotEqual(rollSeed, RollMath.EnrollmentSeed("f", "ABCDEFGHIJKL"));
        var rollKey = Ed25519.PublicKeyFromSeed(rollSeed);
        var credSeed = Enumerable.Repeat((byte)9, 32).ToArray();
        var en = new Enrollment { ElectionId = "e", RollIndex = 4, CredentialKey = ByteString.CopyFrom(Ed25519.PublicKeyFromSeed(credSeed)) };
        VoterSigning.SignEnrollment(en, rollSeed, credSeed);
        Assert.Null(VoterSigning.CheckEnrollment(en, rollKey));
        Assert.NotNull(VoterSigning.CheckEnrollment(en, Ed25519.PublicKeyFromSeed(credSeed)));
        var moved = en.Clone(); moved.RollIndex = 5;
        Assert.NotNull(VoterSigning.CheckEnrollment(moved, rollKey));
    }
}

public class NoteStrictnessTests
{
    private static readonly NoteSigner Log = new("log.example/e", Enumerable.Repeat((byte)3, 32).ToArray());
    private static readonly NoteSigner Other = new("other.example", Enumerable.Repeat((byte)4, 32).ToArray());

    private static string Signed(string text) => SignedNote.Sign(text, Log).Format();

    [Theory]
    [InlineData("no final newline")]
    [InlineData("no blank line\n")]
    [InlineData("text\n\n- log.example/e AAAA\n")]
    [InlineData("text\n\n\u2014 log.example/e not!base64\n")]
    [InlineData("text\n\n\u2014 log.example/e AAAA\n")]
    [InlineData("text\n\n")]
    [InlineData("te\u0007xt\n\n\u2014 log.example/e AAAAAAAA\n")]
    public void MalformedNotesAreRejected(string note) => Assert.Throws<VotingFormatException>(() => SignedNote.Parse(note));

    [Fact]
    public void UnknownKeysAreIgnoredButABadKnownSignatureRejects()
    {
        var text = "hello\n";
        var note = SignedNote.Sign(text, Other, Log);
        Assert.Single(note.Verify([Log.Verifier]));
        Assert.Throws<NoteVerificationException>(() => SignedNote.Sign(text, Other).Verify([Log.Verifier]));
        var forged = new SignedNote(text, [Log.SignNote("goodbye\n")]);
        Assert.Throws<NoteVerificationException>(() => forged.Verify([Log.Verifier]));
    }

    [Fact]
    public void SixteenSignaturesAreAcceptedAndTheSplitIsAtTheLastBlankLine()
    {
        var signers = Enumerable.Range(10, 15).Select(i => new NoteSigner($"w{i}", Enumerable.Repeat((byte)i, 32).ToArray())).Append(Log).ToArray();
        var text = "para one\n\npara two\n";
        var note = SignedNote.Parse(SignedNote.Sign(text, signers).Format());
        Assert.Equal(16, note.Signatures.Count);
        Assert.Equal(text, note.Text);
        Assert.Equal(16, note.Verify(signers.Select(s => s.Verifier)).Count);
        var tooMany = string.Concat(Enumerable.Repeat(Log.SignNote("x\n").ToLine(), SignedNote.MaxSignatures + 1));
        Assert.Throws<VotingFormatException>(() => SignedNote.Parse("x\n\n" + tooMany));
    }

    [Theory]
    [InlineData("log.example/e\n01\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("log.example/e\n1\nAAAA\n")]
    [InlineData("log.example/e\n-1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("log example\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("log.example/e\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n")]
    [InlineData("log.example/e\n1\n")]
    public void MalformedCheckpointsAreRejected(string text) => Assert.Throws<VotingFormatException>(() => Checkpoint.ParseText(text));

    [Fact]
    public void CheckpointFromAnotherOriginIsRejected()
    {
        var note = Signed(new Checkpoint("log.example/other", 1, new byte[32]).ToText());
        Assert.Throws<NoteVerificationException>(() => Checkpoint.ParseAndVerify(note, Log.Verifier));
        var ok = Signed(new Checkpoint("log.example/e", 1, new byte[32], ["ext one"]).ToText());
        Assert.Equal(["ext one"], Checkpoint.ParseAndVerify(ok, Log.Verifier).Checkpoint.Extensions);
    }

    [Fact]
    public void CosignatureTimestampIsBoundToTheSignature()
    {
        var text = new Checkpoint("log.example/e", 7, new byte[32]).ToText();
        var witness = new NoteSigner("witness.example", Enumerable.Repeat((byte)5, 32).ToArray());
        var line = witness.Cosign(text, 1_800_000_000);
        var v = witness.Verifier.AsCosignatureVerifier();
        Assert.Equal(1_800_000_000UL, Cosignature.Verify(v, text, line));
        var blob = (byte[])line.Blob.Clone();
        blob[11] ^= 1; // change the timestamp
        Assert.Null(Cosignature.Verify(v, text, line with { Blob = blob }));
    }

    [Fact]
    public void VkeyAndSkeyRoundTripAndBadKeyIdsAreRejected()
    {
        Assert.Equal(Log.ToVkey(), NoteVerifier.ParseVkey(Log.ToVkey()).ToVkey());
        Assert.Equal(Log.ToSkey(), NoteSigner.ParseSkey(Log.ToSkey()).ToSkey());
        var parts = Log.ToVkey().Split('+', 3);
        Assert.Throws<VotingFormatException>(() => NoteVerifier.ParseVkey($"{parts[0]}+00000000+{parts[2]}"));
        Assert.Throws<VotingFormatException>(() => NoteVerifier.ParseVkey($"{parts[0]}+{parts[1].ToUpperInvariant()}+{parts[2]}"));
    }
}

public class ReceiptTests
{
    [Fact]
    public void ReceiptRoundTripsAndCatchesAWrongRecord()
    {
        var log = new NoteSigner("log.example/e", Enumerable.Repeat((byte)3, 32).ToArray());
        var tree = new Voting.Core.Merkle.MemoryTree();
        var records = new SyntheticElection(5).AllBodies().Select((r, i) =>
        {
            var c = r.Clone(); c.Height = (ulong)i;
            return Canonical.Serialize(c);
        }).ToList();
        foreach (var r in records) tree.AppendLeaf(r);
        var note = SignedNote.Sign(new Checkpoint(log.Name, tree.Size, tree.Root()).ToText(), log).Format();
        var receipt = new Receipt(3, records[3], tree.InclusionProof(3, tree.Size), note);
        var parsed = Receipt.Parse(receipt.Format());
        Assert.Equal(tree.Size, parsed.Verify(log.Verifier).Size);
        Assert.Throws<NoteVerificationException>(() => (parsed with { Record = records[4] }).Verify(log.Verifier));
        Assert.Throws<NoteVerificationException>(() => (parsed with { Index = 4, Record = records[4] }).Verify(log.Verifier));
        Assert.Throws<VotingFormatException>(() => Receipt.Parse(receipt.Format().Replace("index 3", "index 03", StringComparison.Ordinal)));

        // Without its record (GetReceipt before Close): no "extra" line, and it verifies once the record is put back.
        var bare = receipt with { Record = [] };
        Assert.StartsWith("c2sp.org/tlog-proof@v1\nindex 3\n", bare.Format(), StringComparison.Ordinal);
        var parsedBare = Receipt.Parse(bare.Format());
        Assert.Empty(parsedBare.Record);
        Assert.Contains("carries no record", Assert.Throws<NoteVerificationException>(() => parsedBare.Verify(log.Verifier)).Message, StringComparison.Ordinal);
        Assert.Equal(tree.Size, (parsedBare with { Record = records[3] }).Verify(log.Verifier).Size);
        Assert.Throws<VotingFormatException>(() => Receipt.Parse(bare.Format().Replace("index 3", "extra \nindex 3", StringComparison.Ordinal)));
    }
}
