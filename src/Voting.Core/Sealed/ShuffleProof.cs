using System.Buffers.Binary;
using System.Security.Cryptography;
using Voting.Core.Group;

namespace Voting.Core.Sealed;

/// <summary>
/// A verifiable re-encryption shuffle of ciphertext tuples (docs/spec/sealed.md §5): the Terelius–Wikström proof in
/// the form of Haenni, Locher, Koenig and Dubuis, "Pseudo-code algorithms for verifiable re-encryption mix-nets"
/// (CHVote), written additively and for tuples of width w (one contest's parts, shuffled together). The proof is sent
/// as its challenge and responses; the checker recomputes every commitment and the challenge from them.
/// </summary>
public sealed record ShuffleProof(
    IReadOnlyList<Point> PermutationCommitments,
    IReadOnlyList<Point> ChainCommitments,
    Scalar Challenge,
    Scalar S1, Scalar S2, Scalar S3,
    IReadOnlyList<Scalar> S4,
    IReadOnlyList<Scalar> SHat,
    IReadOnlyList<Scalar> SPrime)
{
    public const string ChallengesLabel = "voting/v2/shuffle-challenges\n";
    public const string ChallengeLabel = "voting/v2/shuffle-challenge\n";

    /// <summary>The generator h of the commitment chain and h_1…h_N of the permutation commitment: H_0, H_1, …, H_N (§1.3).</summary>
    private static Point[] Bases(int n) => [.. Enumerable.Range(0, n + 1).Select(i => Generators.Independent((uint)i))];

    /// <summary>
    /// Shuffles `input` (N tuples of width w) under the election key with a random permutation and fresh randomness,
    /// and proves it. `context` names the election, the contest and the mixer (its format comes with the records).
    /// </summary>
    public static (IReadOnlyList<Ciphertext[]> Output, ShuffleProof Proof) Run(ReadOnlySpan<byte> context, Point key, IReadOnlyList<Ciphertext[]> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int n = input.Count;
        var psi = Enumerable.Range(0, n).ToArray();
        RandomNumberGenerator.Shuffle(psi.AsSpan());
        var r = new Scalar[n][];
        for (int i = 0; i < n; i++) r[i] = [.. input[psi[i]].Select(_ => NonZero())];
        return Prove(context, key, input, psi, r);
    }

    /// <summary>The shuffle for a given permutation ψ (output i is input ψ(i), re-encrypted with r[i][k]); for tests and vectors, with fixed nonces from `nonces`.</summary>
    public static (IReadOnlyList<Ciphertext[]> Output, ShuffleProof Proof) Prove(ReadOnlySpan<byte> context, Point key, IReadOnlyList<Ciphertext[]> input,
        int[] psi, Scalar[][] r, Func<Scalar>? nonces = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(psi);
        ArgumentNullException.ThrowIfNull(r);
        var nonce = nonces ?? NonZero;
        int n = input.Count, w = Width(input);
        if (psi.Length != n || psi.Order().Where((v, i) => v != i).Any()) throw new ArgumentException("ψ must be a permutation of the inputs", nameof(psi));
        var h = Bases(n);
        var output = new Ciphertext[n][];
        for (int i = 0; i < n; i++)
            output[i] = [.. input[psi[i]].Select((e, k) => new Ciphertext(e.Alpha + Point.MultiplyBase(r[i][k]), e.Beta + r[i][k] * key))];

        // Permutation commitment: c_{ψ(i)} = rc_{ψ(i)}·G + h_i.
        var rc = new Scalar[n];
        var c = new Point[n];
        for (int i = 0; i < n; i++)
        {
            rc[psi[i]] = nonce();
            c[psi[i]] = Point.MultiplyBase(rc[psi[i]]) + h[i + 1];
        }
        var u = Challenges(context, key, input, output, c);
        var uPrime = psi.Select(j => u[j]).ToArray();
        // Commitment chain: ĉ_0 = h, ĉ_i = rh_i·G + u'_i·ĉ_{i−1}.
        var rh = new Scalar[n];
        var chain = new Point[n];
        var previous = h[0];
        for (int i = 0; i < n; i++)
        {
            rh[i] = nonce();
            chain[i] = Point.MultiplyBase(rh[i]) + uPrime[i] * previous;
            previous = chain[i];
        }
        Scalar w1 = nonce(), w2 = nonce(), w3 = nonce();
        var w4 = Enumerable.Range(0, w).Select(_ => nonce()).ToArray();
        var wHat = Enumerable.Range(0, n).Select(_ => nonce()).ToArray();
        var wPrime = Enumerable.Range(0, n).Select(_ => nonce()).ToArray();
        var t = Commitments(Point.MultiplyBase(w1), Point.MultiplyBase(w2),
            Point.MultiplyBase(w3) + Sum(n, i => wPrime[i] * h[i + 1]),
            [.. Enumerable.Range(0, w).Select(k => (Sum(n, i => wPrime[i] * output[i][k].Beta) - w4[k] * key, Sum(n, i => wPrime[i] * output[i][k].Alpha) - Point.MultiplyBase(w4[k])))],
            [.. Enumerable.Range(0, n).Select(i => Point.MultiplyBase(wHat[i]) + wPrime[i] * (i == 0 ? h[0] : chain[i - 1]))]);
        var challenge = HashChallenge(context, key, input, output, c, chain, t);

        // v_N = 1, v_{i−1} = u'_i·v_i: what each rh_i is raised to in ĉ_N.
        var v = new Scalar[n];
        var acc = Scalar.One;
        for (int i = n - 1; i >= 0; i--) { v[i] = acc; acc *= uPrime[i]; }
        var rBar = Sum(n, i => rc[i]);
        var rHat = Sum(n, i => rh[i] * v[i]);
        var rTilde = Sum(n, i => rc[i] * u[i]);
        var rPrime = Enumerable.Range(0, w).Select(k => Sum(n, i => r[i][k] * uPrime[i])).ToArray();
        var proof = new ShuffleProof(c, chain, challenge,
            w1 - challenge * rBar, w2 - challenge * rHat, w3 - challenge * rTilde,
            [.. Enumerable.Range(0, w).Select(k => w4[k] - challenge * rPrime[k])],
            [.. Enumerable.Range(0, n).Select(i => wHat[i] - challenge * rh[i])],
            [.. Enumerable.Range(0, n).Select(i => wPrime[i] - challenge * uPrime[i])]);
        return (output, proof);
    }

    /// <summary>The checker: every commitment recomputed from the responses must hash, with the statement, to the challenge.</summary>
    public bool Verifies(ReadOnlySpan<byte> context, Point key, IReadOnlyList<Ciphertext[]> input, IReadOnlyList<Ciphertext[]> output)
    {
        if (input is null || output is null || PermutationCommitments is null || ChainCommitments is null || S4 is null || SHat is null || SPrime is null) return false;
        if (input.Any(t => t is null) || output.Any(t => t is null)) return false;
        int n = input.Count;
        if (n == 0 || output.Count != n || PermutationCommitments.Count != n || ChainCommitments.Count != n || SHat.Count != n || SPrime.Count != n) return false;
        int w = input[0].Length;
        if (w == 0 || input.Any(x => x.Length != w) || output.Any(x => x.Length != w) || S4.Count != w) return false;
        if (key.IsIdentity || PermutationCommitments.Any(p => p.IsIdentity) || ChainCommitments.Any(p => p.IsIdentity)) return false;
        var h = Bases(n);
        var c = PermutationCommitments;
        var chain = ChainCommitments;
        var u = Challenges(context, key, input, output, c);
        var uProduct = u.Aggregate(Scalar.One, (a, b) => a * b);
        var cBar = Sum(n, i => c[i]) - Sum(n, i => h[i + 1]);
        var cHat = chain[n - 1] - uProduct * h[0];
        var cTilde = Sum(n, i => u[i] * c[i]);
        var e = Challenge;
        var t = Commitments(
            e * cBar + Point.MultiplyBase(S1),
            e * cHat + Point.MultiplyBase(S2),
            e * cTilde + Point.MultiplyBase(S3) + Sum(n, i => SPrime[i] * h[i + 1]),
            [.. Enumerable.Range(0, w).Select(k =>
                (e * Sum(n, i => u[i] * input[i][k].Beta) - S4[k] * key + Sum(n, i => SPrime[i] * output[i][k].Beta),
                 e * Sum(n, i => u[i] * input[i][k].Alpha) - Point.MultiplyBase(S4[k]) + Sum(n, i => SPrime[i] * output[i][k].Alpha)))],
            [.. Enumerable.Range(0, n).Select(i => e * chain[i] + Point.MultiplyBase(SHat[i]) + SPrime[i] * (i == 0 ? h[0] : chain[i - 1]))]);
        return HashChallenge(context, key, input, output, c, chain, t) == Challenge;
    }

    private sealed record Committed(Point T1, Point T2, Point T3, (Point, Point)[] T4, Point[] THat);

    private static Committed Commitments(Point t1, Point t2, Point t3, (Point, Point)[] t4, Point[] tHat) => new(t1, t2, t3, t4, tHat);

    private static int Width(IReadOnlyList<Ciphertext[]> input)
    {
        if (input.Count == 0) throw new ArgumentException("nothing to shuffle", nameof(input));
        int w = input[0].Length;
        if (w == 0 || input.Any(x => x.Length != w)) throw new ArgumentException("every tuple must have the same, non-zero width", nameof(input));
        return w;
    }

    /// <summary>The statement's hash: context, key, N and w, every input and output part, every permutation commitment.</summary>
    private static byte[] Statement(ReadOnlySpan<byte> context, Point key, IReadOnlyList<Ciphertext[]> input, IReadOnlyList<Ciphertext[]> output, IReadOnlyList<Point> c)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        Span<byte> len = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(len, (uint)context.Length);
        sha.AppendData(len[..4]);
        sha.AppendData(context);
        sha.AppendData(key.ToArray());
        BinaryPrimitives.WriteUInt32BigEndian(len, (uint)input.Count);
        BinaryPrimitives.WriteUInt32BigEndian(len[4..], (uint)input[0].Length);
        sha.AppendData(len);
        foreach (var list in new[] { input, output })
            foreach (var tuple in list)
                foreach (var part in tuple) { sha.AppendData(part.Alpha.ToArray()); sha.AppendData(part.Beta.ToArray()); }
        foreach (var p in c) sha.AppendData(p.ToArray());
        return sha.GetHashAndReset();
    }

    /// <summary>u_i = hash_to_scalar("voting/v2/shuffle-challenges\n", statement || uint32_be(i)).</summary>
    private static Scalar[] Challenges(ReadOnlySpan<byte> context, Point key, IReadOnlyList<Ciphertext[]> input, IReadOnlyList<Ciphertext[]> output, IReadOnlyList<Point> c)
    {
        var y = Statement(context, key, input, output, c);
        var buffer = new byte[y.Length + 4];
        y.CopyTo(buffer, 0);
        var u = new Scalar[input.Count];
        for (int i = 0; i < u.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(y.Length), (uint)i);
            u[i] = Scalar.FromHash(ChallengesLabel, buffer);
        }
        return u;
    }

    /// <summary>c = hash_to_scalar("voting/v2/shuffle-challenge\n", statement || ĉ_1…ĉ_N || t_1 || t_2 || t_3 || t_4 pairs || t̂_1…t̂_N).</summary>
    private static Scalar HashChallenge(ReadOnlySpan<byte> context, Point key, IReadOnlyList<Ciphertext[]> input, IReadOnlyList<Ciphertext[]> output,
        IReadOnlyList<Point> c, IReadOnlyList<Point> chain, Committed t)
    {
        var y = Statement(context, key, input, output, c);
        var points = new List<Point>(chain) { t.T1, t.T2, t.T3 };
        foreach (var (a, b) in t.T4) { points.Add(a); points.Add(b); }
        points.AddRange(t.THat);
        var buffer = new byte[y.Length + points.Count * Point.Size];
        y.CopyTo(buffer, 0);
        for (int i = 0; i < points.Count; i++) points[i].ToArray().CopyTo(buffer, y.Length + i * Point.Size);
        return Scalar.FromHash(ChallengeLabel, buffer);
    }

    private static Scalar NonZero()
    {
        Scalar s;
        do s = Scalar.Random(); while (s.IsZero);
        return s;
    }

    private static Point Sum(int n, Func<int, Point> term)
    {
        var s = Point.Identity;
        for (int i = 0; i < n; i++) s += term(i);
        return s;
    }

    private static Scalar Sum(int n, Func<int, Scalar> term)
    {
        var s = Scalar.Zero;
        for (int i = 0; i < n; i++) s += term(i);
        return s;
    }
}
