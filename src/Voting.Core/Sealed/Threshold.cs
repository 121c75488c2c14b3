using Voting.Core.Group;

namespace Voting.Core.Sealed;

/// <summary>
/// k-of-n sharing of the election key (docs/spec/sealed.md §3–§4): Feldman commitments to a trustee's polynomial, the
/// check of a share against them, the verification key of trustee j that anyone computes from every trustee's
/// commitments, and Lagrange interpolation at zero that combines k decryption shares. Trustees are numbered 1…n (the
/// polynomial's argument; 0 is the secret).
/// </summary>
public static class Threshold
{
    /// <summary>A trustee's secret polynomial f of degree k − 1: its coefficients, a_0 its share of the election secret.</summary>
    public static Scalar[] NewPolynomial(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), "a threshold is at least 1");
        var a = new Scalar[k];
        for (int i = 0; i < k; i++) do a[i] = Scalar.Random(); while (a[i].IsZero);
        return a;
    }

    /// <summary>Feldman commitments C_i = a_i·G: public, they fix f without revealing it.</summary>
    public static Point[] Commitments(IReadOnlyList<Scalar> coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        return [.. coefficients.Select(Point.MultiplyBase)];
    }

    /// <summary>f(j) for trustee j ≥ 1, by Horner's rule.</summary>
    public static Scalar Evaluate(IReadOnlyList<Scalar> coefficients, uint j)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (j == 0) throw new ArgumentOutOfRangeException(nameof(j), "trustees are numbered from 1: f(0) is the secret");
        var x = Scalar.FromUInt64(j);
        var y = Scalar.Zero;
        for (int i = coefficients.Count - 1; i >= 0; i--) y = y * x + coefficients[i];
        return y;
    }

    /// <summary>Σ_i j^i·C_i: f(j)·G from the commitments alone (Horner's rule on points).</summary>
    public static Point EvaluateCommitments(IReadOnlyList<Point> commitments, uint j)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        if (j == 0) throw new ArgumentOutOfRangeException(nameof(j), "trustees are numbered from 1");
        var x = Scalar.FromUInt64(j);
        var y = Point.Identity;
        for (int i = commitments.Count - 1; i >= 0; i--) y = x * y + commitments[i];
        return y;
    }

    /// <summary>
    /// Whether share s, sent to trustee j, is f(j) for the f the commitments fix: s·G = Σ_i j^i·C_i — and the
    /// commitments are of degree k − 1 exactly, none the identity. A trustee dealing a polynomial of higher degree
    /// would pass every share check and yet make every set of k trustees decrypt to garbage.
    /// </summary>
    public static bool ShareMatches(Scalar share, IReadOnlyList<Point> commitments, uint j, int k) =>
        WellFormed(commitments, k) && Point.MultiplyBase(share) == EvaluateCommitments(commitments, j);

    /// <summary>k commitments, none the identity (an identity C_0 would let the others' keys decide the election key alone).</summary>
    public static bool WellFormed(IReadOnlyList<Point> commitments, int k)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        return k >= 1 && commitments.Count == k && commitments.All(c => !c.IsIdentity);
    }

    /// <summary>The election key: the sum of every trustee's constant-term commitment C_0, each trustee's commitments of degree k − 1.</summary>
    public static Point ElectionKey(IEnumerable<IReadOnlyList<Point>> commitmentsOfEachTrustee, int k)
    {
        ArgumentNullException.ThrowIfNull(commitmentsOfEachTrustee);
        var all = commitmentsOfEachTrustee.ToList();
        if (all.Count == 0 || all.Any(c => !WellFormed(c, k))) throw new ArgumentException($"every trustee commits to k = {k} coefficients, none the identity", nameof(commitmentsOfEachTrustee));
        var key = all.Aggregate(Point.Identity, (sum, c) => sum + c[0]);
        return key.IsIdentity ? throw new ArgumentException("the election key is the identity", nameof(commitmentsOfEachTrustee)) : key;
    }

    /// <summary>Trustee j's verification key X_j = Σ over trustees t of f_t(j)·G: public, from the commitments alone.</summary>
    public static Point VerificationKey(IEnumerable<IReadOnlyList<Point>> commitmentsOfEachTrustee, uint j, int k)
    {
        ArgumentNullException.ThrowIfNull(commitmentsOfEachTrustee);
        var all = commitmentsOfEachTrustee.ToList();
        if (all.Any(c => !WellFormed(c, k))) throw new ArgumentException($"every trustee commits to k = {k} coefficients, none the identity", nameof(commitmentsOfEachTrustee));
        return all.Aggregate(Point.Identity, (sum, c) => sum + EvaluateCommitments(c, j));
    }

    public const string ConstantTermLabel = "voting/v2/trustee-constant-term\n";

    /// <summary>
    /// A Schnorr proof that the trustee knows a_0, its constant term (docs/spec/sealed.md §3): without it a trustee who
    /// publishes last could choose C_0 = x·G − Σ(the others' C_0) and hold the whole election secret. The challenge
    /// binds the context (election id), the trustee's index and all its commitments.
    /// </summary>
    public static (Scalar Challenge, Scalar Response) ProveConstantTerm(ReadOnlySpan<byte> context, uint trustee, IReadOnlyList<Scalar> coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        Scalar w;
        do w = Scalar.Random(); while (w.IsZero);
        var c = ConstantTermChallenge(context, trustee, Commitments(coefficients), Point.MultiplyBase(w));
        return (c, w + c * coefficients[0]);
    }

    /// <summary>The checker: A' = z·G − c·C_0 must hash, with the context, the index and the commitments, to c.</summary>
    public static bool ConstantTermProofVerifies(ReadOnlySpan<byte> context, uint trustee, IReadOnlyList<Point> commitments, int k, Scalar challenge, Scalar response)
    {
        if (!WellFormed(commitments, k)) return false;
        var a = Point.MultiplyBase(response) - challenge * commitments[0];
        return !a.IsIdentity && ConstantTermChallenge(context, trustee, commitments, a) == challenge;
    }

    private static Scalar ConstantTermChallenge(ReadOnlySpan<byte> context, uint trustee, IReadOnlyList<Point> commitments, Point a)
    {
        var input = new byte[4 + context.Length + 4 + 4 + (commitments.Count + 1) * Point.Size];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input, (uint)context.Length);
        context.CopyTo(input.AsSpan(4));
        int at = 4 + context.Length;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(at), trustee);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(at + 4), (uint)commitments.Count);
        at += 8;
        foreach (var p in commitments.Append(a)) { p.ToArray().CopyTo(input, at); at += Point.Size; }
        return Scalar.FromHash(ConstantTermLabel, input);
    }

    /// <summary>λ_j = Π_{m ∈ S, m ≠ j} m / (m − j): the Lagrange coefficient at zero of trustee j within the set S.</summary>
    public static Scalar Lagrange(uint j, IReadOnlyCollection<uint> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (!set.Contains(j)) throw new ArgumentException($"trustee {j} is not in the set", nameof(j));
        if (set.Count != set.Distinct().Count() || set.Contains(0u)) throw new ArgumentException("the set names distinct trustees numbered from 1", nameof(set));
        var num = Scalar.One;
        var den = Scalar.One;
        foreach (var m in set.Where(m => m != j))
        {
            num *= Scalar.FromUInt64(m);
            den *= Scalar.FromUInt64(m) - Scalar.FromUInt64(j);
        }
        return num * den.Invert();
    }

    /// <summary>x·α from the shares d_j = x_j·α of at least k trustees: Σ λ_j·d_j. The plaintext is then β − that.</summary>
    public static Point Combine(IReadOnlyDictionary<uint, Point> shares, int k)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count < k || k < 1) throw new ArgumentException($"{shares.Count} decryption shares; the threshold is {k}", nameof(shares));
        var set = shares.Keys.ToList();
        return shares.Aggregate(Point.Identity, (sum, s) => sum + Lagrange(s.Key, set) * s.Value);
    }
}
