using Google.Protobuf;
using Scrutineer.Verify;
using Voting.Core.Crypto;
using Voting.Core.Notes;
using Voting.Core.Records;

namespace Scrutineer.Tests;

/// <summary>
/// Every audit check of audit.md made to fail (issue 13 item 4), each on a log built for that purpose — altered as a
/// dishonest log-key holder, organiser or voter would, and re-chained, re-signed and cosigned where that party could —
/// asserting the check's name and the first failing record (or checkpoint size). A check added to
/// <see cref="LogVerifier.CheckNames"/> without a case here fails <see cref="EveryCheckHasAFailureCase"/>.
/// </summary>
public class AuditCheckFailureTests
{
    // 12 voters: 0 definition, 1 roll chunk, 2 roll commitment, 3 Open, 4–15 ballots, 16 Close, 17 LotReveal, 18 Declaration;
    // a checkpoint every 7 records, at the Close and at the end.
    private static readonly LogBuilder Builder = new();
    private static readonly SyntheticElectionView E = new(Builder);
    private static ExportedLog Valid => Cache.Value;
    private static readonly Lazy<ExportedLog> Cache = new(Builder.Valid);

    /// <summary>How one check is made to fail: the log, and the record index (or checkpoint size) it must name; null where the check names none.</summary>
    private sealed record Case(Func<ExportedLog> Log, ulong? FailedAt, Verdict Verdict = Verdict.Fail);

    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["record.canonical"] = new(() => Builder.Seal(Records(rs => rs[5] = [0x0a, 0x03, 0x61])), 5),
        ["chain.height"] = new(() => Builder.Seal(Records(rs => rs[6] = Rewrite(rs[6], r => r.Height = 9))), 6),
        ["chain.prev"] = new(() => Builder.Seal(Records(rs => rs[6] = Rewrite(rs[6], r => r.Prev = ByteString.CopyFrom(new byte[32])))), 6),
        ["chain.time"] = new(() => Builder.Seal(Records(rs => rs[6] = Rewrite(rs[6], r => r.SequencedAtMs = LogBuilder.BaseMs + 4_000))), 6),
        // An altered record under the original checkpoints: the first checkpoint covering record 5 is at size 7.
        ["merkle.root"] = new(() => With(Records(rs => rs[5][^1] ^= 1)), 7),
        ["checkpoint.signature"] = new(() => WithCheckpoint(7, note => SignedNote.Sign(SignedNote.Parse(note).Text, new NoteSigner(Builder.LogKey.Name, new byte[32])).Format()), 7),
        // The checkpoint at 7 signed for another tree (a fork): the next checkpoint is not consistent with it.
        ["checkpoint.consistency"] = new(() => WithCheckpoint(7, _ => ForkedCheckpoint(7)), 14),
        ["checkpoint.witnesses"] = new(() => WithCheckpoint(19, note => new SignedNote(SignedNote.Parse(note).Text, [SignedNote.Parse(note).Signatures[0]]).Format()), 19),
        ["election.first"] = new(() => Builder.Build(Bodies(b => b.Insert(4, new LogRecord { Election = E.Definition }))), 4),
        ["election.well-formed"] = new(() => Builder.Build(Bodies(b => b[0] = new LogRecord { Election = Resigned(E.Definition, d => d.Title = "") })), 0),
        ["organiser.signature"] = new(() => Builder.Build(Bodies(b => b[3].Open.Signatures[0].Signature = Flipped(b[3].Open.Signatures[0].Signature))), 3),
        ["roll.committed-before-open"] = new(() => Builder.Build(Bodies(b => b[2] = new LogRecord { RollCommitment = Resigned(b[2].RollCommitment, c => c.EntryCount++) })), 2),
        ["roll.distinct"] = new(() => Builder.Build(Bodies(b => b[1].RollChunk.Entries[5] = b[1].RollChunk.Entries[4])), 1),
        ["enrollment.distinct-entry"] = new(() => Builder.Build(Bodies(b => b.Insert(4, Builder.EnrollmentBodies().First(r => r.BodyCase == LogRecord.BodyOneofCase.Enrollment)))), 4),
        // In an enrollment election (0 definition, 1 chunk, 2 commitment, 3 Open, then enrollment and ballot per member):
        // member 2's enrollment with its credential signature altered.
        ["enrollment.signature"] = new(() => Builder.Build(Enrolled(b => b[8].Enrollment.CredentialSignature = Flipped(b[8].Enrollment.CredentialSignature))), 8),
        ["open.once"] = new(() => Builder.Build(Bodies(b => b.Insert(10, b[3].Clone()))), 10),
        ["ballot.election-id"] = new(() => Builder.Build(Bodies(b => b[7].Ballot.ElectionId = "another-election")), 7),
        ["ballot.form"] = new(() => Builder.Build(Bodies(b => b[7].Ballot = Signed(b[7].Ballot, 3, x => x.ClientNonce = ByteString.CopyFrom(new byte[8])))), 7),
        ["ballot.content"] = new(() => Builder.Build(Bodies(b => b[7].Ballot = Signed(b[7].Ballot, 3, x => x.Plain.Votes.RemoveAt(1)))), 7),
        ["ballot.signature"] = new(() => Builder.Build(Bodies(b => b[7].Ballot.Plain.Votes[1].Choices[0] ^= 1)), 7),
        ["ballot.on-roll"] = new(() => Builder.Build(Bodies(b => b.Insert(9, new LogRecord { Ballot = Stranger() }))), 9),
        // Voter 5's ballot recorded before Open as well (the roll is committed, so it is on the roll).
        ["ballot.in-window"] = new(() => Builder.Build(Bodies(b => b.Insert(3, b[9].Clone()))), 3),
        ["ballot.revote"] = new(() => Builder.Build(Bodies(b => b.Insert(16, new LogRecord { Ballot = Signed(b[4].Ballot, 0, x => x.ClientNonce = ByteString.CopyFrom(new byte[16])) }))), 16),
        ["close.once"] = new(() => Builder.Build(Bodies(b => b[16] = new LogRecord { Close = Resigned(b[16].Close, c => c.TieBreakSeed = ByteString.CopyFrom(new byte[32])) })), 16),
        ["after-close.permitted"] = new(() => Builder.Build(Bodies(b => b.Insert(17, b[4].Clone()))), 17),
        // Records 7–13 claim times over 300 s after the witnesses saw the tree holding them (the checkpoint at 14).
        ["time.witness-bounds"] = new(() => Builder.Build(Bodies(_ => { }), cosignedAt: (size, t) => size == 14 ? LogBuilder.BaseMs / 1000 - 600 : t), 7),
        // Constraints no count could meet: the recount cannot run, which is a failure (never a pass).
        ["count.recount"] = new(() => Builder.Build(Bodies(b => b[0] = new LogRecord { Election = Resigned(E.Definition, d => d.Contests[0].Constraints[0].MinElected = 99) })), null, Verdict.NotRun),
        ["count.matches-declaration"] = new(() => Builder.Build([.. Bodies(_ => { }), new LogRecord { Declaration = Builder.DeclarationFor(Builder.Build(Bodies(_ => { })), d => d.CountedBallots = 11) }]), 18),
        // The contributor's reveal carrying a seed that does not open its commitment.
        ["lot.reveal"] = new(() => Builder.Build(Bodies(b => b[17].LotReveal.Seed = Flipped(b[17].LotReveal.Seed))), 17),
        // The split election (SplitElection: 3 attestation, 4 roll audit, 5 Open, voter i enrols at 6 + 2i and votes at
        // 7 + 2i, 30 Close, 31 a dispute, 32 the lot reveal). The issuer attesting other per-style counts, signed again by it.
        ["roll.attested"] = new(() => Builder.Build(Split(b => b[3].RollAttestation = IssuerResigned(b[3].RollAttestation, a => a.StyleCounts[0]++))), 3),
        // The office's code alone: voter 2's enrollment without the issuer half's signature, forged into the log with the log key.
        ["enrollment.both-halves"] = new(() => Builder.Build(Split(b => b[10].Enrollment.IssuerSignature = ByteString.Empty)), 10),
        // Voter 1 is chair-only: their ballot ranks committee candidates too, signed with their own credential.
        ["ballot.style"] = new(() => Builder.Build(Split(b => b[9].Ballot = Signed(b[9].Ballot, 1, x => x.Plain.Votes[0].Choices.Add(2)))), 9),
        ["dispute.valid"] = new(() => Builder.Build(Split(b => b[31].Dispute.IssuerSignature = Flipped(b[31].Dispute.IssuerSignature))), 31),
        // The issuer reporting a sampled entry as no member (a ghost), signed by it.
        ["roll.audit"] = new(() => Builder.Build(Split(b => b[4].RollAudit = Builder.Split.Audit(i => i == b[4].RollAudit.Findings[1].RollIndex ? RollAuditOutcome.NotAMember : RollAuditOutcome.Confirmed))), 4),
        // The sealed election (TrusteeElection: 1–3 commitments, 4–6 confirmations, 9 Open): trustee 2's proof of its
        // constant term altered, signed again by trustee 2 — as a trustee who chose its C_0 after seeing the others' would.
        // Voter 3's sealed ballot (record 13) with a proof of knowledge altered, signed again with their credential.
        ["ballot.sealed"] = new(() => Builder.Build(Sealed(b => b[13].Ballot = SealedResigned(b[13].Ballot, 3, x => x.Sealed.Contests[1].Parts[0].Response = Flipped(x.Sealed.Contests[1].Parts[0].Response)))), 13),
        ["trustees.key"] = new(() => Builder.Build(Sealed(b => b[2].TrusteeCommitment = TrusteeResigned(b[2].TrusteeCommitment, 2, c => c.ProofResponse = Flipped(c.ProofResponse)))), 2),
    };

    public static TheoryData<string> CheckNames() => [.. LogVerifier.CheckNames];

    [Fact]
    public void EveryCheckHasAFailureCase() =>
        Assert.Equal(LogVerifier.CheckNames.Order(StringComparer.Ordinal), Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CheckNames))]
    public void TheCheckFailsNamingTheFirstFailingRecord(string check)
    {
        Assert.True(LogVerifier.Run(Valid, Builder.Policy()).Passed, "the log every case alters verifies");
        Assert.True(LogVerifier.Run(SplitValid.Value, Builder.Policy()).Passed, "the split log the split cases alter verifies");
        // The sealed log passes every check but the count, which waits for the trustees' mixing and decryption.
        var sealedRun = LogVerifier.Run(SealedValid.Value, Builder.Policy());
        Assert.All(sealedRun.Results.Where(r => !r.Name.StartsWith("count.", StringComparison.Ordinal)), r => Assert.True(r.Verdict is Verdict.Pass or Verdict.NotApplicable, $"{r.Name}: {r.Verdict} {r.Evidence}"));
        Assert.Equal(Verdict.NotRun, sealedRun.Results.Single(r => r.Name == "count.recount").Verdict);
        var c = Cases[check];
        var v = LogVerifier.Run(c.Log(), Builder.Policy());
        var result = v.Results.Single(r => r.Name == check);
        Assert.True(result.Verdict == c.Verdict, $"{check}: {result.Verdict} {result.Evidence}");
        Assert.Equal(c.FailedAt, result.FailedAt);
        Assert.False(v.Passed);
        Assert.NotNull(result.Evidence);
    }

    /// <summary>The valid log's record bytes, changed by `change`.</summary>
    private static List<byte[]> Records(Action<List<byte[]>> change)
    {
        var records = Valid.Records.Select(r => (byte[])r.Clone()).ToList();
        change(records);
        return records;
    }

    private static byte[] Rewrite(byte[] record, Action<LogRecord> change)
    {
        var r = Canonical.Parse(record);
        change(r);
        return Canonical.Serialize(r);
    }

    /// <summary>The valid log's bodies (no Declaration), changed by `change`, to be re-chained and re-signed by Build.</summary>
    private static List<LogRecord> Bodies(Action<List<LogRecord>> change)
    {
        var bodies = Builder.BodiesBeforeDeclaration().Select(b => b.Clone()).ToList();
        change(bodies);
        return bodies;
    }

    private static ExportedLog With(List<byte[]> records) => new()
    {
        ClaimedLogKey = Valid.ClaimedLogKey, ClaimedWitnesses = Valid.ClaimedWitnesses, LatestCheckpoint = Valid.LatestCheckpoint, Checkpoints = Valid.Checkpoints, Records = records,
    };

    private static ExportedLog WithCheckpoint(ulong size, Func<string, string> change)
    {
        var cps = new SortedDictionary<ulong, string>(Valid.Checkpoints);
        cps[size] = change(cps[size]);
        return new ExportedLog { ClaimedLogKey = Valid.ClaimedLogKey, ClaimedWitnesses = Valid.ClaimedWitnesses, LatestCheckpoint = cps.Last().Value, Checkpoints = cps, Records = Valid.Records };
    }

    /// <summary>A checkpoint at `size`, log-signed and cosigned, for a tree whose records differ from the log's.</summary>
    private static string ForkedCheckpoint(ulong size)
    {
        var forked = Builder.Seal(Records(rs => rs[(int)size - 1][^1] ^= 1));
        return forked.Checkpoints[size];
    }

    private static T Resigned<T>(T act, Action<T> change) where T : IOrganiserAct, IMessage<T>
    {
        var copy = act.Clone();
        change(copy);
        copy.Signatures.Clear();
        OrganiserSigning.Sign(copy, 0, E.Election.Organiser);
        return copy;
    }

    private static ByteString Flipped(ByteString b)
    {
        var bytes = b.ToByteArray();
        bytes[^1] ^= 1;
        return ByteString.CopyFrom(bytes);
    }

    /// <summary>Voter `voter`'s ballot changed by `change`, then signed again with their credential.</summary>
    private static Ballot Signed(Ballot ballot, int voter, Action<Ballot> change)
    {
        var b = ballot.Clone();
        change(b);
        b.Signature = ByteString.Empty;
        VoterSigning.SignBallot(b, E.Election.CredentialSeed(voter));
        return b;
    }

    /// <summary>A well-formed ballot, validly signed, by a credential that is not on the roll.</summary>
    private static Ballot Stranger()
    {
        var seed = E.Election.Derive("stranger", 0);
        var b = E.Election.BallotOf(0).Clone();
        b.CredentialKey = ByteString.CopyFrom(Ed25519.PublicKeyFromSeed(seed));
        b.Signature = ByteString.Empty;
        VoterSigning.SignBallot(b, seed);
        return b;
    }

    private static readonly Lazy<ExportedLog> SplitValid = new(Builder.SplitValid);
    private static readonly Lazy<ExportedLog> SealedValid = new(Builder.TrusteeValid);

    /// <summary>The sealed election's bodies (no Declaration), changed by `change`.</summary>
    private static List<LogRecord> Sealed(Action<List<LogRecord>> change)
    {
        var bodies = Builder.Trustees.Bodies();
        change(bodies);
        return bodies;
    }

    private static Ballot SealedResigned(Ballot ballot, int voter, Action<Ballot> change)
    {
        var b = ballot.Clone();
        change(b);
        b.Signature = ByteString.Empty;
        VoterSigning.SignBallot(b, E.Election.CredentialSeed(voter));
        return b;
    }

    private static TrusteeCommitment TrusteeResigned(TrusteeCommitment c, int trustee, Action<TrusteeCommitment> change)
    {
        var copy = c.Clone();
        change(copy);
        TrusteeSigning.Sign(copy, Builder.Trustees.SigningSeed(trustee));
        return copy;
    }

    /// <summary>The split election's bodies (no Declaration), changed by `change`.</summary>
    private static List<LogRecord> Split(Action<List<LogRecord>> change)
    {
        var bodies = Builder.Split.Bodies();
        change(bodies);
        return bodies;
    }

    private static RollAttestation IssuerResigned(RollAttestation a, Action<RollAttestation> change)
    {
        var copy = a.Clone();
        change(copy);
        IssuerSigning.SignAttestation(copy, Builder.Split.IssuerSeed);
        return copy;
    }

    private static List<LogRecord> Enrolled(Action<List<LogRecord>> change)
    {
        var bodies = Builder.EnrollmentBodies();
        change(bodies);
        return bodies;
    }

    /// <summary>The builder's election, for the cases.</summary>
    private sealed class SyntheticElectionView(LogBuilder b)
    {
        public Voting.Synthetic.SyntheticElection Election => b.Election;
        public ElectionDefinition Definition => b.Election.Definition;
    }
}
