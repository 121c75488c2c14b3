using Google.Protobuf;
using Voting.Core.Ballots;
using Voting.Core.Group;
using Voting.Core.Records;

namespace Voting.Core.Sealed;

/// <summary>
/// What a trustee makes in the key generation (sealed.md §3.2), the producers whose checkers are
/// <see cref="TrusteeRules"/> and <see cref="TrusteeKeys"/>: its commitment, and — having opened and checked the share
/// every other trustee sealed to it — its confirmation and its secret share x_j.
/// </summary>
public static class TrusteeRecords
{
    /// <summary>Trustee t's commitment to its polynomial: Feldman commitments, the constant-term proof, a share sealed to each other trustee; signed.</summary>
    public static TrusteeCommitment Commit(ElectionDefinition d, ReadOnlySpan<byte> definitionLeafHash, uint trustee, IReadOnlyList<Scalar> coefficients, ReadOnlySpan<byte> signingSeed)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (trustee < 1 || trustee > d.Trustees.Count) throw new ArgumentOutOfRangeException(nameof(trustee), $"the definition's trustees are 1 to {d.Trustees.Count}");
        if (coefficients.Count != d.TrusteeThreshold) throw new ArgumentException($"the threshold {d.TrusteeThreshold} needs that many coefficients", nameof(coefficients));
        var (challenge, response) = Threshold.ProveConstantTerm(TrusteeRules.ProofContext(d.ElectionId), trustee, coefficients);
        var c = new TrusteeCommitment
        {
            ElectionId = d.ElectionId,
            Trustee = trustee,
            ProofChallenge = ByteString.CopyFrom(challenge.ToArray()),
            ProofResponse = ByteString.CopyFrom(response.ToArray()),
            DefinitionLeafHash = ByteString.CopyFrom(definitionLeafHash),
        };
        c.Coefficients.AddRange(Threshold.Commitments(coefficients).Select(p => ByteString.CopyFrom(p.ToArray())));
        for (uint j = 1; j <= d.Trustees.Count; j++)
        {
            if (j == trustee) continue;
            var sealedShare = ShareEncryption.Seal(d.ElectionId, trustee, j, d.Trustees[(int)j - 1].ExchangeKey.Span, Threshold.Evaluate(coefficients, j));
            c.Shares.Add(new SealedShare { Recipient = j, Sealed = ByteString.CopyFrom(sealedShare) });
        }
        TrusteeSigning.Sign(c, signingSeed);
        return c;
    }

    /// <summary>A confirmation, or why trustee j must not confirm: a share that does not open or does not match its sender's commitments.</summary>
    public sealed record Confirmed(TrusteeConfirmation? Confirmation, Scalar SecretShare, string? Problem);

    /// <summary>
    /// Trustee j opens the share each other trustee sealed to it, checks each against its sender's commitments
    /// (Threshold.ShareMatches), adds its own f_j(j), and confirms the election key and its verification key. The
    /// commitments must be the n that passed <see cref="TrusteeKeys"/>, in trustee order: the caller checks them first.
    /// </summary>
    public static Confirmed Confirm(ElectionDefinition d, uint trustee, IReadOnlyList<TrusteeCommitment> commitments, IReadOnlyList<Scalar> ownCoefficients,
        ReadOnlySpan<byte> exchangePrivate, ReadOnlySpan<byte> signingSeed)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(commitments);
        int n = d.Trustees.Count, k = (int)d.TrusteeThreshold;
        if (commitments.Count != n || commitments.Where((c, i) => c.Trustee != i + 1).Any()) throw new ArgumentException("one commitment per trustee, in trustee order", nameof(commitments));
        var points = commitments.Select(c => (IReadOnlyList<Point>)[.. c.Coefficients.Select(b => Point.Decode(b.Span, "a coefficient"))]).ToList();
        var secret = Threshold.Evaluate(ownCoefficients, trustee);
        for (int t = 1; t <= n; t++)
        {
            if (t == trustee) continue;
            var sealedShare = commitments[t - 1].Shares.FirstOrDefault(s => s.Recipient == trustee);
            var share = sealedShare is null ? null : ShareEncryption.Open(d.ElectionId, (uint)t, trustee, exchangePrivate, sealedShare.Sealed.Span);
            if (share is not { } s) return new(null, Scalar.Zero, $"the share trustee {t} ({d.Trustees[t - 1].Name}) sealed to you does not open with your exchange key");
            if (!Threshold.ShareMatches(s, points[t - 1], trustee, k)) return new(null, Scalar.Zero, $"the share trustee {t} ({d.Trustees[t - 1].Name}) sent you does not match its commitments");
            secret += s;
        }
        var verification = Threshold.VerificationKey(points, trustee, k);
        if (Point.MultiplyBase(secret) != verification) return new(null, Scalar.Zero, "your own share does not match your commitments (is this trustee directory the one that committed?)");
        var confirmation = new TrusteeConfirmation
        {
            ElectionId = d.ElectionId,
            Trustee = trustee,
            ElectionKey = ByteString.CopyFrom(Threshold.ElectionKey(points, k).ToArray()),
            VerificationKey = ByteString.CopyFrom(verification.ToArray()),
        };
        confirmation.CommitmentDigests.AddRange(commitments.Select(c => ByteString.CopyFrom(TrusteeSigning.CommitmentDigest(c))));
        TrusteeSigning.Sign(confirmation, signingSeed);
        return new(confirmation, secret, null);
    }
}
