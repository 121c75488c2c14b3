using Voting.Core.Group;

namespace Voting.Core.Sealed;

/// <summary>
/// A Chaum–Pedersen proof that two elements have the same discrete logarithm to two bases (docs/spec/sealed.md §4):
/// log_G X = log_α d, here a trustee's decryption share d = x·α of a ciphertext under its verification key X = x·G.
/// Commitments A = w·G and B = w·α, challenge c = hash_to_scalar("voting/v2/decryption-share\n", context || X || α ||
/// d || A || B), response z = w + c·x; published as (c, z). The context names the election and the ciphertext's place,
/// so a proof cannot be moved to another share.
/// </summary>
public readonly record struct EqualityProof(Scalar Challenge, Scalar Response)
{
    public const string Label = "voting/v2/decryption-share\n";

    public static EqualityProof Prove(ReadOnlySpan<byte> context, Point alpha, Scalar x)
    {
        Scalar w;
        do w = Scalar.Random(); while (w.IsZero);
        return Prove(context, alpha, x, w);
    }

    /// <summary>With a given nonce w (vectors only: a reused w reveals x).</summary>
    public static EqualityProof Prove(ReadOnlySpan<byte> context, Point alpha, Scalar x, Scalar w)
    {
        var key = Point.MultiplyBase(x);
        var share = x * alpha;
        var c = Hash(context, key, alpha, share, Point.MultiplyBase(w), w * alpha);
        return new(c, w + c * x);
    }

    /// <summary>The checker: A' = z·G − c·X and B' = z·α − c·d must hash, with the rest, to c.</summary>
    public bool Verifies(ReadOnlySpan<byte> context, Point key, Point alpha, Point share)
    {
        if (key.IsIdentity || alpha.IsIdentity) return false;
        var a = Point.MultiplyBase(Response) - Challenge * key;
        var b = Response * alpha - Challenge * share;
        return Hash(context, key, alpha, share, a, b) == Challenge;
    }

    private static Scalar Hash(ReadOnlySpan<byte> context, Point key, Point alpha, Point share, Point a, Point b)
    {
        var input = new byte[context.Length + 5 * Point.Size];
        context.CopyTo(input);
        int at = context.Length;
        foreach (var p in new[] { key, alpha, share, a, b }) { p.ToArray().CopyTo(input, at); at += Point.Size; }
        return Scalar.FromHash(Label, input);
    }
}
