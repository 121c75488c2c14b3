using System.Numerics;

namespace Voting.Core.Crypto;

/// <summary>
/// Encoding rules that Voting applies before any Ed25519 verification (log.md §8.1), so that
/// a signature's validity does not depend on which library checks it.
/// </summary>
public static class Ed25519Encoding
{
    // p = 2^255 - 19; L = 2^252 + 27742317777372353535851937790883648493.
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);

    // The canonical encodings of the eight points of order 1, 2, 4 and 8, plus the two
    // canonical-y encodings with the sign bit set on x = 0. Points with a small-order
    // component but a prime-order part cannot be listed and are left to the equation.
    private static readonly HashSet<string> SmallOrder = new(StringComparer.Ordinal)
    {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    };

    /// <summary>A 32-byte point encoding whose y is below p and which is not a small-order point.</summary>
    public static bool IsAcceptablePoint(ReadOnlySpan<byte> encoding)
    {
        if (encoding.Length != 32) return false;
        Span<byte> y = stackalloc byte[32];
        encoding.CopyTo(y);
        y[31] &= 0x7f;
        if (new BigInteger(y, isUnsigned: true, isBigEndian: false) >= P) return false;
        return !SmallOrder.Contains(Convert.ToHexStringLower(encoding));
    }

    /// <summary>S &lt; L, as RFC 8032 §5.1.7 requires.</summary>
    public static bool IsCanonicalScalar(ReadOnlySpan<byte> s) =>
        s.Length == 32 && new BigInteger(s, isUnsigned: true, isBigEndian: false) < L;
}
