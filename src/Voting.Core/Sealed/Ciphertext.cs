using Voting.Core.Group;

namespace Voting.Core.Sealed;

/// <summary>
/// An ElGamal ciphertext (docs/spec/sealed.md §2.2) of element M under the election key H: (α, β) = (r·G, M + r·H).
/// α is never the identity (r is never zero), β may be (M = −r·H has negligible chance, but it is not malformed).
/// </summary>
public readonly record struct Ciphertext(Point Alpha, Point Beta)
{
    /// <summary>Encrypts M with fresh randomness r (returned: the proof of knowledge and a cast-as-intended challenge need it).</summary>
    public static (Ciphertext Ciphertext, Scalar R) Encrypt(Point m, Point electionKey)
    {
        Scalar r;
        do r = Scalar.Random(); while (r.IsZero);
        return (Encrypt(m, electionKey, r), r);
    }

    /// <summary>Encrypts with a given r (vectors, and re-deriving a challenged ballot).</summary>
    public static Ciphertext Encrypt(Point m, Point electionKey, Scalar r)
    {
        if (r.IsZero) throw new ArgumentException("r must not be zero: α would be the identity", nameof(r));
        if (electionKey.IsIdentity) throw new ArgumentException("the election key must not be the identity: β would be the plaintext", nameof(electionKey));
        return new(Point.MultiplyBase(r), m + r * electionKey);
    }

    /// <summary>M = β − x·α, for the holder of the election key's secret x (tests; trustees decrypt jointly).</summary>
    public Point Decrypt(Scalar secret) => Beta - secret * Alpha;

    /// <summary>Strict decoding of the two 32-byte encodings: α a non-identity element, β any element.</summary>
    public static Ciphertext Decode(ReadOnlySpan<byte> alpha, ReadOnlySpan<byte> beta) =>
        new(Point.Decode(alpha, "a ciphertext's alpha"), Point.Decode(beta, "a ciphertext's beta", allowIdentity: true));
}
