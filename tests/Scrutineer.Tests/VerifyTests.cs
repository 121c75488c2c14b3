using Voting.Core.Ballots;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Scrutineer.Verify;
using Voting.Core.Notes;
using Voting.Core.Records;

namespace Scrutineer.Tests;

public class VerifyTests
{
    private static readonly LogBuilder Builder = new();
    private static readonly ExportedLog ValidLog = Builder.Valid();

    /// <summary>The checks of a split roll, ballot styles and disputes (audit.md §6): not applicable to a plain election, which has none.</summary>
    private static readonly string[] SplitRollChecks = ["roll.attested", "enrollment.both-halves", "ballot.style", "dispute.valid", "roll.audit"];
    /// <summary>Not applicable to a plain election (no trustees): its ballots are in clear.</summary>
    private static readonly string[] SealedChecks = ["trustees.key", "ballot.sealed"];

    [Fact]
    public void AValidLogPassesEveryCheck()
    {
        var v = LogVerifier.Run(ValidLog, Builder.Policy());
        Assert.All(v.Results, r => Assert.True(r.Verdict == (SplitRollChecks.Contains(r.Name) || SealedChecks.Contains(r.Name) ? Verdict.NotApplicable : Verdict.Pass), $"{r.Name}: {r.Verdict} {r.Evidence}"));
        Assert.Equal(LogVerifier.CheckNames.Length, v.Results.Count);
        Assert.True(v.Results.Single(r => r.Name == "ballot.signature").Examined >= 12);
        Assert.True(v.Passed);
    }

    /// <summary>
    /// A definition whose constraints no count could meet (refused at create since issue 13 item 9, but a log can
    /// still hold one) is not well-formed, saying which constraint, and cannot be recounted: the recount is NOT RUN,
    /// saying why — never a crash, never a FAIL.
    /// </summary>
    [Fact]
    public void ConstraintsNoCountCouldMeetLeaveTheRecountNotRun()
    {
        var bodies = Builder.BodiesBeforeDeclaration();
        var d = bodies[0].Election;
        d.Contests[0].Constraints.Add(new Constraint { ConstraintId = "nobody", AttributeKey = "group", AttributeValue = "none-standing", MinElected = 1 });
        d.Signatures.Clear();
        OrganiserSigning.Sign(d, 0, Builder.Election.Organiser);
        var v = LogVerifier.Run(Builder.Build(bodies), Builder.Policy());
        var recount = v.Results.Single(r => r.Name == "count.recount");
        Assert.Equal(Verdict.NotRun, recount.Verdict);
        Assert.Contains("not well-formed", recount.Evidence, StringComparison.Ordinal);
        Assert.Contains("nobody cannot be met", v.Results.Single(r => r.Name == "election.well-formed").Evidence, StringComparison.Ordinal);
        Assert.Equal(Verdict.NotRun, v.Results.Single(r => r.Name == "count.matches-declaration").Verdict);
    }

    /// <summary>A sealed log that stops before the third trustee confirms (no Open): trustees.key fails at the end, naming no record.</summary>
    [Fact]
    public void ASealedLogWhoseKeyWasNeverCompletedFailsTrusteesKey()
    {
        var builder = new LogBuilder();
        var bodies = builder.Trustees.Bodies();
        var v = LogVerifier.Run(builder.Build([.. bodies.Take(6), bodies[7], bodies[8]]), builder.Policy());
        var key = v.Results.Single(r => r.Name == "trustees.key");
        Assert.Equal(Verdict.Fail, key.Verdict);
        Assert.Null(key.FailedAt);
        Assert.Contains("never completed: 3 of 3 trustees committed, 2 confirmed", key.Evidence, StringComparison.Ordinal);
    }

    /// <summary>
    /// A ciphertext of a sealed ballot the revote rule refused is still remembered (audit.md §7): voter 3 casts again
    /// (refused, record 22), then that second ballot once more with another nonce (record 23), which fails ballot.sealed.
    /// </summary>
    [Fact]
    public void ACiphertextOfARefusedBallotCannotBeCastAgain()
    {
        var builder = new LogBuilder();
        var bodies = builder.Trustees.Bodies();
        var second = builder.Trustees.SealedBallotOf(3);
        var third = second.Clone();
        third.ClientNonce = Google.Protobuf.ByteString.CopyFrom(new byte[16]);
        third.Signature = Google.Protobuf.ByteString.Empty;
        Voting.Core.Records.VoterSigning.SignBallot(third, builder.Election.CredentialSeed(3));
        bodies.Insert(22, new Voting.Core.Records.LogRecord { Ballot = second });
        bodies.Insert(23, new Voting.Core.Records.LogRecord { Ballot = third });
        var v = LogVerifier.Run(builder.Build(bodies), builder.Policy());
        Assert.Equal(22UL, v.Results.Single(r => r.Name == "ballot.revote").FailedAt);
        var repeated = v.Results.Single(r => r.Name == "ballot.sealed");
        Assert.Equal(23UL, repeated.FailedAt);
        Assert.Contains("repeats the alpha of a ciphertext in record 22", repeated.Evidence, StringComparison.Ordinal);
    }

    /// <summary>
    /// A split election — an independent issuer, two ballot styles, a dispute — passes every check, none of them not
    /// applicable but the sealed ballots' (its ballots are plain); the disputed voter's ballot and the chair-only voters' committee votes are left out of the recount.
    /// </summary>
    [Fact]
    public void AValidSplitLogPassesEveryCheckAndTheRecountLeavesOutWhatItMust()
    {
        var builder = new LogBuilder(); // its own: the other tests here share theirs
        var v = LogVerifier.Run(builder.SplitValid(), builder.Policy());
        Assert.All(v.Results, r => Assert.True(r.Verdict == (SealedChecks.Contains(r.Name) ? Verdict.NotApplicable : Verdict.Pass), $"{r.Name}: {r.Verdict} {r.Evidence}"));
        Assert.True(v.Passed);
        int voters = builder.Election.Voters;
        Assert.Equal(voters - 1, v.Facts!.CountedBallots);
        // Committee (contest 0): the "full" (even) voters only; chair (contest 1): everyone but the disputed voter.
        static long Ballots(Voting.Counting.ContestCount c) => c.Result.ValidPoll / Voting.Counting.Results.Fixed.Pow10(c.Result.Decimals); // polls are fixed-point
        Assert.Equal((voters + 1) / 2, Ballots(v.Counts![0]));
        Assert.Equal(voters - 1, Ballots(v.Counts![1]));
    }

    /// <summary>The catalogue is audit.md's table: every row's number, name and section, in order, and nothing else.</summary>
    [Fact]
    public void TheAuditCatalogueIsExactlyAuditMdsTable()
    {
        var documented = new List<string>();
        int section = 0;
        foreach (var line in File.ReadLines(TestPaths.Repo("docs", "spec", "audit.md")))
        {
            if (System.Text.RegularExpressions.Regex.Match(line, @"^## (\d+)\.") is { Success: true } h) section = int.Parse(h.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            else if (System.Text.RegularExpressions.Regex.Match(line, @"^\| (\d+) \| `([a-z.-]+)` \|") is { Success: true } row) documented.Add($"{row.Groups[1].Value} {row.Groups[2].Value} §{section}");
        }
        Assert.Equal(documented, AuditCatalogue.Checks.Select(c => $"{c.Number} {c.Name} §{c.Section}"));
        Assert.Equal(AuditCatalogue.Checks.Select(c => c.Name), LogVerifier.CheckNames);
        Assert.All(AuditCatalogue.Checks, c => Assert.EndsWith(".", c.Plain, StringComparison.Ordinal));
    }

    public enum Tamper { FlipBit, Delete, Swap, InsertForgedBallot, ResignWithWrongKey, BallotAfterClose, ChangeDeclaration, DropCosignature }

    /// <summary>Which check must fail for each kind of tampering.</summary>
    private static string Expected(Tamper t) => t switch
    {
        Tamper.FlipBit or Tamper.Delete or Tamper.Swap or Tamper.InsertForgedBallot => "merkle.root",
        Tamper.ResignWithWrongKey => "checkpoint.signature",
        Tamper.BallotAfterClose => "after-close.permitted",
        Tamper.ChangeDeclaration => "count.matches-declaration",
        _ => "checkpoint.witnesses",
    };

    private static ExportedLog Apply(Tamper t, int a, int b)
    {
        var records = ValidLog.Records.Select(r => (byte[])r.Clone()).ToList();
        int n = records.Count;
        switch (t)
        {
            case Tamper.FlipBit:
                var rec = records[a % n];
                rec[b % rec.Length] ^= (byte)(1 << (b % 8));
                return With(records);
            case Tamper.Delete:
                records.RemoveAt(a % n);
                return With(records);
            case Tamper.Swap:
                int i = a % n, j = (i + 1 + b % (n - 1)) % n;
                (records[i], records[j]) = (records[j], records[i]);
                return With(records);
            case Tamper.InsertForgedBallot:
                var forged = Canonical.Parse(records[4]).Clone();
                forged.Ballot = Builder.Election.BallotOf(a % Builder.Election.Voters).Clone();
                forged.Ballot.ClientNonce = ByteString.CopyFrom(BitConverter.GetBytes((long)b).Concat(new byte[8]).ToArray());
                records.Insert(4 + a % (n - 5), Canonical.Serialize(forged));
                return With(records);
            case Tamper.ResignWithWrongKey:
                var mallory = new NoteSigner(Builder.LogKey.Name, Enumerable.Repeat((byte)((b | 1) & 0xff), 32).ToArray());
                var resigned = new SortedDictionary<ulong, string>(ValidLog.Checkpoints.ToDictionary(kv => kv.Key, kv => SignedNote.Sign(SignedNote.Parse(kv.Value).Text, mallory).Format()));
                return new ExportedLog { ClaimedLogKey = ValidLog.ClaimedLogKey, ClaimedWitnesses = ValidLog.ClaimedWitnesses, LatestCheckpoint = resigned.Last().Value, Checkpoints = resigned, Records = records };
            case Tamper.BallotAfterClose:
            {
                // The log-key holder appends a fresh, validly signed ballot after Close and re-signs everything (witnesses included, as if they colluded).
                var bodies = ValidLog.Records.Select(r => Canonical.Parse(r)).ToList();
                var late = Builder.Election.BallotOf(a % Builder.Election.Voters).Clone();
                late.ClientNonce = ByteString.CopyFrom(BitConverter.GetBytes((long)b + 1).Concat(new byte[8]).ToArray());
                VoterSigning.SignBallot(late, Builder.Election.CredentialSeed(a % Builder.Election.Voters));
                bodies.Insert(bodies.Count - b % 2, new LogRecord { Ballot = late }); // after the Declaration, or between Close and Declaration
                return Builder.Build(bodies);
            }
            case Tamper.ChangeDeclaration:
            {
                var bodies = ValidLog.Records.Select(r => Canonical.Parse(r)).ToList();
                var closed = Builder.Build(bodies[..^1]);
                bodies[^1] = new LogRecord { Declaration = Builder.DeclarationFor(closed, d => d.ResultDigest = ByteString.CopyFrom(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(b)))) };
                return Builder.Build(bodies);
            }
            default:
            {
                var note = SignedNote.Parse(ValidLog.LatestCheckpoint);
                var kept = note.Signatures.Where((_, k) => k != 1 + b % 2).ToList();
                var dropped = new SignedNote(note.Text, kept).Format();
                var cps = new SortedDictionary<ulong, string>(ValidLog.Checkpoints) { [ValidLog.Checkpoints.Keys.Last()] = dropped };
                return new ExportedLog { ClaimedLogKey = ValidLog.ClaimedLogKey, ClaimedWitnesses = ValidLog.ClaimedWitnesses, LatestCheckpoint = dropped, Checkpoints = cps, Records = records };
            }
        }

        ExportedLog With(List<byte[]> rs) => new() { ClaimedLogKey = ValidLog.ClaimedLogKey, ClaimedWitnesses = ValidLog.ClaimedWitnesses, LatestCheckpoint = ValidLog.LatestCheckpoint, Checkpoints = ValidLog.Checkpoints, Records = rs };
    }

    /// <summary>Issue 5 acceptance: one random tampering of a valid log, and verify fails naming the expected check — in every one of 1,000 cases.</summary>
    [Fact]
    public void EveryTamperingIsCaughtByTheExpectedCheck()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<Tamper, int>();
        Prop.ForAll(Gen.Elements(Enum.GetValues<Tamper>()).ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), (t, a, b) =>
        {
            seen.AddOrUpdate(t, 1, (_, c) => c + 1);
            var v = LogVerifier.Run(Apply(t, a, b), Builder.Policy());
            var expected = v.Results.Single(r => r.Name == Expected(t));
            return !v.Passed && expected.Verdict == Verdict.Fail;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
        Assert.Equal(Enum.GetValues<Tamper>().Length, seen.Count);
        Assert.Equal(1000, seen.Values.Sum());
    }
}
