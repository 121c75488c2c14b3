using System.Security.Cryptography;
using Voting.Core.Group;
using Voting.Core.Records;
using Voting.Core.Sealed;

namespace Voting.Core.Ballots;

/// <summary>
/// The trustees' key generation as the log has it so far (sealed.md §3.2; audit check trustees.key): which trustees
/// committed (their coefficients and the commitment's digest) and which confirmed. The server and the scrutineer's
/// walk each keep one and ask it the same questions, in the same order: where a record may come, what it must hold,
/// whether it is signed. Once every trustee has confirmed, the election key is complete and Open may come.
/// </summary>
public sealed class TrusteeKeys
{
    private readonly ElectionDefinition _definition;
    private readonly byte[] _definitionLeafHash;
    private readonly SortedDictionary<uint, (Point[] Coefficients, byte[] Digest)> _commitments = [];
    private readonly HashSet<uint> _confirmed = [];
    private Point? _key;

    public TrusteeKeys(ElectionDefinition definition, byte[] definitionLeafHash)
    {
        _definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _definitionLeafHash = definitionLeafHash ?? throw new ArgumentNullException(nameof(definitionLeafHash));
    }

    private int N => _definition.Trustees.Count;
    private int K => (int)_definition.TrusteeThreshold;

    public int Committed => _commitments.Count;
    public int Confirmed => _confirmed.Count;
    public bool HasCommitted(uint trustee) => _commitments.ContainsKey(trustee);
    public bool HasConfirmed(uint trustee) => _confirmed.Contains(trustee);

    /// <summary>The election key H, once every trustee has confirmed it; null before (and on a plain election).</summary>
    public Point? ElectionKey => N > 0 && _confirmed.Count == N ? _key : null;

    /// <summary>Each commitment's digest, in trustee order: what a confirmation names.</summary>
    public IReadOnlyList<byte[]> CommitmentDigests => [.. _commitments.Values.Select(v => v.Digest)];

    /// <summary>Trustee j's verification key X_j (sealed.md §3), once every trustee has committed.</summary>
    public Point VerificationKey(uint trustee) =>
        _commitments.Count == N ? Threshold.VerificationKey(_commitments.Values.Select(c => (IReadOnlyList<Point>)c.Coefficients), trustee, K)
        : throw new InvalidOperationException("not every trustee has committed");

    /// <summary>
    /// A commitment names this election and one of its trustees (<see cref="TrusteeRules.AddressProblem"/>, asked
    /// first), comes before Open, one per trustee; then <see cref="CommitmentContentProblem"/> and the signature.
    /// </summary>
    public RuleViolation? CommitmentPhaseProblem(TrusteeCommitment c, bool opened)
    {
        ArgumentNullException.ThrowIfNull(c);
        return opened ? new(TrusteeRules.Check, $"trustee {c.Trustee}'s commitment after Open: the election key is fixed before voting")
            : HasCommitted(c.Trustee) ? new(TrusteeRules.Check, $"trustee {c.Trustee} has committed already")
            : null;
    }

    /// <summary>
    /// The commitment's own content; and, for the last to commit, that the election key is not the identity — which
    /// trustees colluding on their constant terms (a_{1,0} = −a_{2,0}, each still proven) could make, leaving every
    /// ballot in clear.
    /// </summary>
    public RuleViolation? CommitmentContentProblem(TrusteeCommitment c)
    {
        if (TrusteeRules.ContentProblem(c, _definition, _definitionLeafHash, out var points) is { } bad) return bad;
        if (_commitments.Count == N - 1 && !_commitments.ContainsKey(c.Trustee)
            && _commitments.Values.Aggregate(points[0], (sum, v) => sum + v.Coefficients[0]).IsIdentity)
            return new(TrusteeRules.Check, $"trustee {c.Trustee}'s commitment makes the election key the identity: ballots sealed to it would be in clear");
        return null;
    }

    /// <summary>Address, phase, content and signature, in that order: the walk's one question.</summary>
    public RuleViolation? CommitmentProblem(TrusteeCommitment c, bool opened)
    {
        ArgumentNullException.ThrowIfNull(c);
        return TrusteeRules.AddressProblem(c.ElectionId, c.Trustee, _definition, "trustee commitment")
            ?? CommitmentPhaseProblem(c, opened) ?? CommitmentContentProblem(c) ?? TrusteeRules.SignatureProblem(c, _definition);
    }

    /// <summary>Records a commitment that passed every check (<see cref="CommitmentProblem"/>): its coefficients are decoded, not checked again.</summary>
    public void AddCommitment(TrusteeCommitment c)
    {
        ArgumentNullException.ThrowIfNull(c);
        Point[] points = [.. c.Coefficients.Select(b => Point.Decode(b.Span, "a checked coefficient"))];
        _commitments.Add(c.Trustee, (points, TrusteeSigning.CommitmentDigest(c)));
        if (_commitments.Count == N) _key = Threshold.ElectionKey(_commitments.Values.Select(v => (IReadOnlyList<Point>)v.Coefficients), K);
    }

    /// <summary>A confirmation comes once every trustee has committed, before Open, one per trustee.</summary>
    public RuleViolation? ConfirmationPhaseProblem(TrusteeConfirmation c, bool opened)
    {
        ArgumentNullException.ThrowIfNull(c);
        return opened ? new(TrusteeRules.Check, $"trustee {c.Trustee}'s confirmation after Open")
            : _commitments.Count < N ? new(TrusteeRules.Check, $"trustee {c.Trustee}'s confirmation before every trustee committed ({_commitments.Count} of {N})")
            : HasConfirmed(c.Trustee) ? new(TrusteeRules.Check, $"trustee {c.Trustee} has confirmed already")
            : null;
    }

    /// <summary>What the trustee confirms: every commitment by its digest, in trustee order, and the keys they give.</summary>
    public RuleViolation? ConfirmationContentProblem(TrusteeConfirmation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        string who = $"trustee {c.Trustee}'s confirmation";
        var digests = CommitmentDigests;
        if (c.CommitmentDigests.Count != digests.Count || c.CommitmentDigests.Where((h, i) => !CryptographicOperations.FixedTimeEquals(h.Span, digests[i])).Any())
            return new(TrusteeRules.Check, $"{who} names other commitments than the log's ({c.CommitmentDigests.Count} digests; the log has {digests.Count}, in trustee order)");
        if (!CryptographicOperations.FixedTimeEquals(c.ElectionKey.Span, _key!.Value.ToArray()))
            return new(TrusteeRules.Check, $"{who} states an election key that is not the sum of the trustees' constant terms");
        if (!CryptographicOperations.FixedTimeEquals(c.VerificationKey.Span, VerificationKey(c.Trustee).ToArray()))
            return new(TrusteeRules.Check, $"{who} states a verification key that is not the one the commitments give it");
        return null;
    }

    public RuleViolation? ConfirmationProblem(TrusteeConfirmation c, bool opened)
    {
        ArgumentNullException.ThrowIfNull(c);
        return TrusteeRules.AddressProblem(c.ElectionId, c.Trustee, _definition, "trustee confirmation")
            ?? ConfirmationPhaseProblem(c, opened) ?? ConfirmationContentProblem(c) ?? TrusteeRules.SignatureProblem(c, _definition);
    }

    public void AddConfirmation(TrusteeConfirmation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        _confirmed.Add(c.Trustee);
    }

    /// <summary>A sealed election opens only once every trustee has confirmed the election key: before, there is no key to seal to.</summary>
    public RuleViolation? OpenProblem() =>
        N == 0 || _confirmed.Count == N ? null
        : new(TrusteeRules.Check, $"Open before the election key is complete: {_commitments.Count} of {N} trustees committed, {_confirmed.Count} confirmed");
}
