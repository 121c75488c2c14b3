using Google.Protobuf;
using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Voting.Synthetic;

/// <summary>
/// A synthetic election turned into one with an independent issuer, two ballot styles and a dispute window (log.md
/// §7.2–§7.4, §10.1), every key derived from the synthetic election's seed, for tests and vectors. Even voters have
/// style "full" (both contests), odd voters "chair-only" (their committee vote is blank). The bodies, in order:
/// 0 definition, 1 roll chunk, 2 commitment, 3 attestation, 4 roll audit, 5 Open, then per voter i an enrollment
/// (6 + 2i) and a ballot (7 + 2i), Close, a dispute of voter 1's entry (DisputedVoter), the lot reveal.
/// </summary>
public sealed class SplitElection
{
    public const int DisputedVoter = 1;
    public const uint DisputeWindowSeconds = 2;
    public const uint AuditSample = 4;

    public SyntheticElection Election { get; }
    public ElectionDefinition Definition { get; }
    public byte[] IssuerSeed { get; }
    public byte[] AuditSeed { get; }
    public IReadOnlyList<RollEntry> Entries { get; }

    /// <summary>
    /// The leaf hash of record 0 that the attestation binds (log.md §7.2): by default that of the definition recorded
    /// at definitionTimeMs; a test against a live server sets it from the CreateElection answer.
    /// </summary>
    public byte[] DefinitionLeafHash { get; set; }

    /// <summary>The leaf hash of a definition as record 0 of a log, sequenced at timeMs.</summary>
    public static byte[] LeafOf(ElectionDefinition d, ulong timeMs) =>
        Chain.LeafHash(Canonical.Serialize(new LogRecord { Height = 0, SequencedAtMs = timeMs, Election = d }));

    /// <param name="disputeWindowSeconds">The definition's window (a live server keeps a 10 s margin before its end, so its tests need more than the 2 s default).</param>
    /// <param name="definitionTimeMs">When record 0 is sequenced in the log the bodies will make (for DefinitionLeafHash).</param>
    public SplitElection(SyntheticElection election, uint disputeWindowSeconds = DisputeWindowSeconds, ulong definitionTimeMs = 0)
    {
        Election = election ?? throw new ArgumentNullException(nameof(election));
        IssuerSeed = election.Derive("issuer", 0);
        AuditSeed = election.Derive("roll-audit", 0);
        var d = election.Definition.Clone();
        d.RollKind = RollKind.EnrollmentKeys;
        d.IssuerKey = ByteString.CopyFrom(Ed25519.PublicKeyFromSeed(IssuerSeed));
        d.RollAuditCommitment = ByteString.CopyFrom(SplitRoll.AuditSeedCommitment(AuditSeed));
        d.RollAuditSample = AuditSample;
        d.DisputeWindowSeconds = disputeWindowSeconds;
        d.BallotStyles.Add(new BallotStyle { StyleId = "full", ContestIds = { d.Contests[0].ContestId, d.Contests[1].ContestId } });
        d.BallotStyles.Add(new BallotStyle { StyleId = "chair-only", ContestIds = { d.Contests[1].ContestId } });
        d.Signatures.Clear();
        OrganiserSigning.Sign(d, 0, election.Organiser);
        Definition = d;
        DefinitionLeafHash = LeafOf(d, definitionTimeMs);
        var entries = new RollEntry[election.Voters];
        Parallel.For(0, election.Voters, i => entries[i] = new RollEntry
        {
            Key = ByteString.CopyFrom(Ed25519.PublicKeyFromSeed(OfficeSeed(i))),
            IssuerKey = ByteString.CopyFrom(Ed25519.PublicKeyFromSeed(IssuerHalfSeed(i))),
            Style = Style(i),
        });
        Entries = entries;
    }

    public byte[] OfficeSeed(int voter) => Election.Derive("office-code", voter);
    public byte[] IssuerHalfSeed(int voter) => Election.Derive("issuer-code", voter);
    public static uint Style(int voter) => (uint)(voter % 2);

    public RollCommitment Commitment()
    {
        var c = SplitRoll.Seal(Election.ElectionId, Entries);
        OrganiserSigning.Sign(c, 0, Election.Organiser);
        return c;
    }

    public RollAttestation Attestation()
    {
        var c = SplitRoll.Seal(Election.ElectionId, Entries);
        var a = new RollAttestation { ElectionId = Election.ElectionId, RollDigest = c.RollDigest, EntryCount = c.EntryCount, RollAuditSeed = ByteString.CopyFrom(AuditSeed), DefinitionLeafHash = ByteString.CopyFrom(DefinitionLeafHash) };
        a.StyleCounts.AddRange(Voting.Core.Ballots.RollRules.StyleCounts(Entries, Definition));
        IssuerSigning.SignAttestation(a, IssuerSeed);
        return a;
    }

    /// <summary>The issuer's findings over the drawn sample: every member confirmed, or as `outcome` says.</summary>
    public RollAudit Audit(Func<ulong, RollAuditOutcome>? outcome = null)
    {
        var a = Attestation();
        var audit = new RollAudit { ElectionId = Election.ElectionId };
        foreach (var i in SplitRoll.AuditSample(a.RollAuditSeed.Span, a.RollDigest.Span, a.EntryCount, AuditSample))
            audit.Findings.Add(new RollAuditFinding { RollIndex = i, Outcome = outcome?.Invoke(i) ?? RollAuditOutcome.Confirmed });
        IssuerSigning.SignAudit(audit, IssuerSeed);
        return audit;
    }

    /// <summary>Voter i's enrollment of their synthetic credential, signed by both halves.</summary>
    public Enrollment EnrollmentOf(int voter)
    {
        var en = new Enrollment { ElectionId = Election.ElectionId, RollIndex = (ulong)voter, CredentialKey = ByteString.CopyFrom(Election.CredentialKeys()[voter]) };
        VoterSigning.SignEnrollment(en, OfficeSeed(voter), Election.CredentialSeed(voter));
        IssuerSigning.SignEnrollmentIssuerHalf(en, IssuerHalfSeed(voter));
        return en;
    }

    /// <summary>Voter i's ballot within their style: a chair-only voter's committee vote blank.</summary>
    public Ballot BallotOf(int voter)
    {
        var b = Election.BallotOf(voter);
        if (Style(voter) == 1)
        {
            b.Plain.Votes[0].Choices.Clear();
            VoterSigning.SignBallot(b, Election.CredentialSeed(voter));
        }
        return b;
    }

    public Dispute DisputeOf(int voter)
    {
        var d = new Dispute { ElectionId = Election.ElectionId, RollIndex = (ulong)voter };
        IssuerSigning.SignDispute(d, OfficeSeed(voter), IssuerHalfSeed(voter));
        return d;
    }

    public Open OpenAct() => Election.OpenAct();

    /// <summary>The organisers' CommitRoll request for the split roll.</summary>
    public Voting.Protocol.CommitRollRequest RollRequest()
    {
        var req = new Voting.Protocol.CommitRollRequest { ElectionId = Election.ElectionId, Commitment = Commitment() };
        req.StyledEntries.AddRange(Entries);
        return req;
    }

    /// <summary>Every body before the Declaration, in the order the summary gives.</summary>
    public List<LogRecord> Bodies()
    {
        var bodies = new List<LogRecord> { new() { Election = Definition } };
        bodies.AddRange(SplitRoll.Chunks(Election.ElectionId, Entries).Select(c => new LogRecord { RollChunk = c }));
        bodies.Add(new LogRecord { RollCommitment = Commitment() });
        bodies.Add(new LogRecord { RollAttestation = Attestation() });
        bodies.Add(new LogRecord { RollAudit = Audit() });
        bodies.Add(new LogRecord { Open = OpenAct() });
        for (int i = 0; i < Election.Voters; i++)
        {
            bodies.Add(new LogRecord { Enrollment = EnrollmentOf(i) });
            bodies.Add(new LogRecord { Ballot = BallotOf(i) });
        }
        bodies.Add(Election.CloseRecord());
        bodies.Add(new LogRecord { Dispute = DisputeOf(DisputedVoter) });
        bodies.Add(new LogRecord { LotReveal = Election.LotRevealAct() });
        return bodies;
    }
}
