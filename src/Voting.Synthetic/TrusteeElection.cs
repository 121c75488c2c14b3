using Google.Protobuf;
using Voting.Core.Group;
using Voting.Core.Records;
using Voting.Core.Sealed;

namespace Voting.Synthetic;

/// <summary>
/// A synthetic election turned into a sealed one (sealed.md §3.2): three trustees, any two of whom decrypt, every key
/// and polynomial derived from the synthetic election's seed, for tests and vectors. The bodies, in order:
/// 0 definition, 1–3 the trustees' commitments, 4–6 their confirmations, 7 the roll chunk, 8 the roll commitment,
/// 9 Open, then voter i's sealed ballot at 10 + i (the synthetic election's choices, sealed), Close and the lot reveal.
/// </summary>
public sealed class TrusteeElection
{
    public const int Count = 3;
    public const uint Threshold = 2;

    public SyntheticElection Election { get; }
    public ElectionDefinition Definition { get; }

    /// <summary>Record 0's leaf hash that each commitment binds: by default that of the definition at definitionTimeMs; a live test sets it from CreateElection's answer.</summary>
    public byte[] DefinitionLeafHash
    {
        get => _definitionLeafHash;
        set { _definitionLeafHash = value; _commitments = null; _confirmations = null; }
    }
    private byte[] _definitionLeafHash;
    private TrusteeCommitment[]? _commitments;
    private TrusteeConfirmation[]? _confirmations;

    public TrusteeElection(SyntheticElection election, ulong definitionTimeMs = 0)
    {
        Election = election ?? throw new ArgumentNullException(nameof(election));
        var d = election.Definition.Clone();
        d.TrusteeThreshold = Threshold;
        for (int t = 1; t <= Count; t++)
            d.Trustees.Add(new Trustee
            {
                Name = $"trustee-{t}",
                SigningKey = ByteString.CopyFrom(Voting.Core.Crypto.Ed25519.PublicKeyFromSeed(SigningSeed(t))),
                ExchangeKey = ByteString.CopyFrom(ShareEncryption.PublicOf(ExchangePrivate(t))),
            });
        d.Signatures.Clear();
        OrganiserSigning.Sign(d, 0, election.Organiser);
        Definition = d;
        _definitionLeafHash = SplitElection.LeafOf(d, definitionTimeMs);
    }

    public byte[] SigningSeed(int trustee) => Election.Derive("trustee-signing", trustee);
    public byte[] ExchangePrivate(int trustee) => Election.Derive("trustee-exchange", trustee);

    /// <summary>Trustee t's polynomial, fixed by the seed (a real trustee's is random, scrutineer trustee commit).</summary>
    public Scalar[] Polynomial(int trustee) =>
        [.. Enumerable.Range(0, (int)Threshold).Select(i => Scalar.FromHash("voting/v2/synthetic-polynomial\n", Election.Derive("trustee-polynomial", trustee * 16 + i)))];

    /// <summary>Trustee t's commitment, made once per definition leaf hash (its proof and sealed shares use fresh randomness).</summary>
    public TrusteeCommitment Commitment(int trustee) => (_commitments ??= [.. Enumerable.Range(1, Count).Select(t =>
        TrusteeRecords.Commit(Definition, _definitionLeafHash, (uint)t, Polynomial(t), SigningSeed(t)))])[trustee - 1];

    public TrusteeConfirmation Confirmation(int trustee) => (_confirmations ??= [.. Enumerable.Range(1, Count).Select(t =>
        TrusteeRecords.Confirm(Definition, (uint)t, [.. Enumerable.Range(1, Count).Select(Commitment)], Polynomial(t), ExchangePrivate(t), SigningSeed(t)).Confirmation
            ?? throw new InvalidOperationException("a synthetic trustee could not confirm"))])[trustee - 1];

    /// <summary>Trustee t's secret share x_t, as its confirmation computed it.</summary>
    public Scalar SecretShare(int trustee) =>
        TrusteeRecords.Confirm(Definition, (uint)trustee, [.. Enumerable.Range(1, Count).Select(Commitment)], Polynomial(trustee), ExchangePrivate(trustee), SigningSeed(trustee)).SecretShare;

    /// <summary>The whole key generation's records, commitments then confirmations.</summary>
    public IEnumerable<LogRecord> KeyRecords() =>
        Enumerable.Range(1, Count).Select(t => new LogRecord { TrusteeCommitment = Commitment(t) })
            .Concat(Enumerable.Range(1, Count).Select(t => new LogRecord { TrusteeConfirmation = Confirmation(t) }));

    /// <summary>The election key, H = Σ C_{t,0}, as the confirmations state it.</summary>
    public Point ElectionKey => Point.Decode(Confirmation(1).ElectionKey.Span, "the election key");

    /// <summary>Voter i's ballot of the synthetic election, its choices sealed to the election key (fresh randomness each call) and signed.</summary>
    public Ballot SealedBallotOf(int voter)
    {
        var plain = Election.BallotOf(voter);
        var choices = plain.Plain.Votes.Select(v => (IReadOnlyList<uint>)[.. v.Choices]).ToList();
        var ballot = new Ballot
        {
            ElectionId = plain.ElectionId,
            CredentialKey = plain.CredentialKey,
            Sealed = SealedBallots.Seal(Definition, ElectionKey, plain.CredentialKey.Memory, choices, [.. Definition.Contests.Select(_ => true)]).Ballot,
            ClientNonce = plain.ClientNonce,
        };
        VoterSigning.SignBallot(ballot, Election.CredentialSeed(voter));
        return ballot;
    }

    /// <summary>The bodies of the class comment (no Declaration: sealed ballots are counted after mixing and decryption, not recorded yet).</summary>
    public List<LogRecord> Bodies() =>
    [
        new LogRecord { Election = Definition },
        .. KeyRecords(),
        .. Election.Preamble().Skip(1),
        .. Enumerable.Range(0, Election.Voters).Select(i => new LogRecord { Ballot = SealedBallotOf(i) }),
        Election.CloseRecord(),
        new LogRecord { LotReveal = Election.LotRevealAct() },
    ];
}
