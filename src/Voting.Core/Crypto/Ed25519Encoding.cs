namespace Voting.Core.Crypto;

/// <summary>
/// Encoding rules that Voting applies before any Ed25519 verification (log.md §8.1), so that
/// a signature's validity does not depend on which library checks it.
/// </summary>
/// <remarks>
/// Run before every signature check (a million per large election), so they compare bytes and allocate nothing;
/// Ed25519EncodingTests holds them to BigInteger arithmetic.
/// </remarks>
public static class Ed25519Encoding
{
    /// <summary>p = 2^255 - 19, little-endian.</summary>
    internal static ReadOnlySpan<byte> P =>
    [
        0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
    ];

    /// <summary>L = 2^252 + 27742317777372353535851937790883648493, the group order, little-endian.</summary>
    internal static ReadOnlySpan<byte> L =>
    [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ];

    // The canonical encodings of the eight points of order 1, 2, 4 and 8, plus the two
    // canonical-y encodings with the sign bit set on x = 0. Points with a small-order
    // component but a prime-order part cannot be listed and are left to the equation.
    private static readonly byte[][] SmallOrder =
    [
        .. new[]
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
        }.Select(Convert.FromHexString),
    ];

    /// <summary>A 32-byte point encoding whose y is below p and which is not a small-order point.</summary>
    public static bool IsAcceptablePoint(ReadOnlySpan<byte> encoding)
    {
        if (encoding.Length != 32) return false;
        if (!LessThan(encoding, P, topMask: 0x7f)) return false; // y is the encoding without its sign bit
        foreach (var small in SmallOrder)
            if (encoding.SequenceEqual(small)) return false;
        return true;
    }

    /// <summary>S &lt; L, as RFC 8032 §5.1.7 requires.</summary>
    public static bool IsCanonicalScalar(ReadOnlySpan<byte> s) => s.Length == 32 && LessThan(s, L, topMask: 0xff);

    /// <summary>a &lt; b for 32-byte little-endian numbers, a's top byte masked first: compares from the most significant byte.</summary>
    private static bool LessThan(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, byte topMask)
    {
        for (int i = 31; i >= 0; i--)
        {
            int x = i == 31 ? a[i] & topMask : a[i];
            if (x != b[i]) return x < b[i];
        }
        return false;
    }
}
