using System.Security.Cryptography;
using Voting.Core.Crypto;
using Voting.Core.Group;
using Voting.Core.Records;
using Voting.Core.Sealed;

namespace Voting.Core.Ballots;

/// <summary>
/// The trustees' part of a definition and their key generation (sealed.md §3.2; audit check trustees.key), pure: the
/// definition's trustee fields here; the records' rules, which need what came before, in <see cref="TrusteeKeys"/>.
/// </summary>
public static class TrusteeRules
{
    public const string Check = "trustees.key";
    public const int MaxTrustees = 16;

    /// <summary>A definition naming trustees is a sealed election: its ballots are encrypted to their joint key.</summary>
    public static bool IsSealed(ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.Trustees.Count > 0;
    }

    /// <summary>The constant-term proof's context (sealed.md §3): the length-prefixed election id.</summary>
    public static byte[] ProofContext(string electionId) =>
        ElectionIdField.LengthPrefixed(electionId) ?? throw new ArgumentException("an election id is ASCII, at most 255 bytes", nameof(electionId));

    /// <summary>
    /// The definition's trustee fields (log.md §6, sealed.md §3.2): none and no threshold, or 2 to 16 trustees with a
    /// threshold of 2 to n — one trustee able to decrypt alone would be the single insider this design exists to stop.
    /// </summary>
    public static IEnumerable<string> DefinitionProblems(ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        int n = d.Trustees.Count;
        if (n == 0)
        {
            if (d.TrusteeThreshold != 0) yield return "trustee_threshold needs trustees";
            yield break;
        }
        if (n is < 2 or > MaxTrustees) yield return $"{n} trustees; a sealed election names 2 to {MaxTrustees}";
        if (d.TrusteeThreshold < 2 || d.TrusteeThreshold > n) yield return $"trustee_threshold {d.TrusteeThreshold} must be 2 to the {n} trustees: no one trustee may decrypt alone";
        var names = new HashSet<string>(StringComparer.Ordinal);
        var signing = new HashSet<string>(StringComparer.Ordinal);
        var exchange = new HashSet<string>(StringComparer.Ordinal);
        var office = d.OrganiserKeys.Select(k => k.ToBase64()).Append(d.IssuerKey.ToBase64()).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var t = d.Trustees[i];
            string who = $"trustee {i + 1}";
            if (t.Name.Length is 0 or > 64 || t.Name.Any(ch => ch is < ' ' or > '~')) yield return $"{who}: name must be 1-64 printable ASCII characters";
            else if (!names.Add(t.Name)) yield return $"{who}: name \"{t.Name}\" repeats";
            if (!Ed25519Encoding.IsAcceptablePoint(t.SigningKey.Span)) yield return $"{who}: signing_key must be a 32-byte Ed25519 public key (canonical, not of small order)";
            else if (!signing.Add(t.SigningKey.ToBase64())) yield return $"{who}: signing_key repeats another trustee's";
            else if (office.Contains(t.SigningKey.ToBase64())) yield return $"{who}: signing_key is an organiser's or the issuer's key: a trustee must be independent of the office";
            if (!ShareEncryption.IsCanonicalKey(t.ExchangeKey.Span)) yield return $"{who}: exchange_key must be a canonical 32-byte X25519 public key (top bit clear, below 2^255 - 19)";
            else if (!exchange.Add(t.ExchangeKey.ToBase64())) yield return $"{who}: exchange_key repeats another trustee's";
        }
        foreach (var c in d.Contests)
            if (c.Candidates.Count > ContestEncoding.MaxCandidates)
                yield return $"contest \"{c.ContestId}\": {c.Candidates.Count} candidates; a sealed contest has at most {ContestEncoding.MaxCandidates} (a mark is one byte, sealed.md §2.1)";
    }

    /// <summary>The trustee a record names, or a violation when it names none of the definition's.</summary>
    public static RuleViolation? AddressProblem(string electionId, uint trustee, ElectionDefinition d, string what)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!IsSealed(d)) return new(Check, $"a {what}, but the definition names no trustees");
        if (electionId != d.ElectionId) return new(Check, $"the {what} names election \"{Shown(electionId)}\", not \"{d.ElectionId}\"");
        if (trustee < 1 || trustee > d.Trustees.Count) return new(Check, $"the {what} names trustee {trustee}; the definition's are 1 to {d.Trustees.Count}");
        return null;
    }

    /// <summary>
    /// What a commitment must hold (sealed.md §3.2): the definition it read, exactly k coefficients that are canonical
    /// elements other than the identity, a constant-term proof that verifies, one sealed share of 80 bytes for every other
    /// trustee in ascending order. Its signature is <see cref="SignatureProblem(TrusteeCommitment, ElectionDefinition)"/>.
    /// </summary>
    public static RuleViolation? ContentProblem(TrusteeCommitment c, ElectionDefinition d, ReadOnlySpan<byte> definitionLeafHash, out Point[] coefficients)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(d);
        coefficients = [];
        string who = $"trustee {c.Trustee}'s commitment";
        if (ElectionIdField.LengthPrefixed(d.ElectionId) is null) return new(Check, $"{who}: the election id cannot be part of the proof's context (not ASCII, or over 255 bytes)");
        if (!CryptographicOperations.FixedTimeEquals(c.DefinitionLeafHash.Span, definitionLeafHash))
            return new(Check, $"{who} is to another definition than record 0 (its definition_leaf_hash differs)");
        int k = (int)d.TrusteeThreshold;
        if (c.Coefficients.Count != k) return new(Check, $"{who} has {c.Coefficients.Count} coefficients; the threshold {k} needs exactly {k}");
        var points = new Point[k];
        for (int i = 0; i < k; i++)
        {
            if (Point.TryDecode(c.Coefficients[i].Span) is not { } p) return new(Check, $"{who}: coefficient {i} is not a canonical element other than the identity");
            points[i] = p;
        }
        if (Scalar.TryDecode(c.ProofChallenge.Span) is not { } challenge || Scalar.TryDecode(c.ProofResponse.Span) is not { } response)
            return new(Check, $"{who}: the constant-term proof's challenge and response must be canonical scalars");
        if (!Threshold.ConstantTermProofVerifies(ProofContext(d.ElectionId), c.Trustee, points, k, challenge, response))
            return new(Check, $"{who}: the proof of knowledge of its constant term does not verify");
        var expected = Enumerable.Range(1, d.Trustees.Count).Select(j => (uint)j).Where(j => j != c.Trustee).ToList();
        if (c.Shares.Count != expected.Count || c.Shares.Select(s => s.Recipient).Where((r, i) => r != expected[i]).Any())
            return new(Check, $"{who} must carry one share for each other trustee, in order ({string.Join(", ", expected)}); it has {(c.Shares.Count == 0 ? "none" : string.Join(", ", c.Shares.Select(s => s.Recipient)))}");
        if (c.Shares.FirstOrDefault(s => s.Sealed.Length != ShareEncryption.SealedSize) is { } bad)
            return new(Check, $"{who}: the share for trustee {bad.Recipient} is {bad.Sealed.Length} bytes; a sealed share is {ShareEncryption.SealedSize}");
        coefficients = points;
        return null;
    }

    public static RuleViolation? SignatureProblem(TrusteeCommitment c, ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(d);
        return TrusteeSigning.SignatureValid(c, d.Trustees[(int)c.Trustee - 1].SigningKey.Span) ? null
            : new(Check, $"trustee {c.Trustee}'s commitment is not signed by its signing_key");
    }

    public static RuleViolation? SignatureProblem(TrusteeConfirmation c, ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(d);
        return TrusteeSigning.SignatureValid(c, d.Trustees[(int)c.Trustee - 1].SigningKey.Span) ? null
            : new(Check, $"trustee {c.Trustee}'s confirmation is not signed by its signing_key");
    }

    private static string Shown(string id) => id.Length <= 64 ? id : id[..64] + "…";
}
