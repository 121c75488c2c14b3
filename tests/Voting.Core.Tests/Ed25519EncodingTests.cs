using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Voting.Core.Crypto;

namespace Voting.Core.Tests;

/// <summary>The byte-comparing encoding rules of log.md §8.1 against plain BigInteger arithmetic, at the edges and at random.</summary>
public class Ed25519EncodingTests
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Le(BigInteger v)
    {
        var b = new byte[32];
        v.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: false);
        return b;
    }

    private static bool ScalarByArithmetic(byte[] s) => new BigInteger(s, isUnsigned: true) < L;

    private static bool YBelowPByArithmetic(byte[] e)
    {
        var y = (byte[])e.Clone();
        y[31] &= 0x7f;
        return new BigInteger(y, isUnsigned: true) < P;
    }

    public static TheoryData<string> Edges() =>
    [
        "0", "1", "L-1", "L", "L+1", "P-1", "P", "P+1", "P+18", "2^255-1", "2^256-1", "2^252", "2^248",
    ];

    private static BigInteger Named(string edge) => edge switch
    {
        "0" => 0, "1" => 1, "L-1" => L - 1, "L" => L, "L+1" => L + 1, "P-1" => P - 1, "P" => P, "P+1" => P + 1, "P+18" => P + 18,
        "2^255-1" => BigInteger.Pow(2, 255) - 1, "2^256-1" => BigInteger.Pow(2, 256) - 1, "2^252" => BigInteger.Pow(2, 252), "2^248" => BigInteger.Pow(2, 248),
        _ => throw new ArgumentException(edge),
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Edge_values_agree_with_arithmetic(string edge)
    {
        var bytes = Le(Named(edge));
        Assert.Equal(ScalarByArithmetic(bytes), Ed25519Encoding.IsCanonicalScalar(bytes));
        bool small = new[] { "0", "1" }.Contains(edge) || edge == "P-1"; // y = 0, 1 and p-1 encode small-order points
        Assert.Equal(YBelowPByArithmetic(bytes) && !small, Ed25519Encoding.IsAcceptablePoint(bytes));
        var signed = (byte[])bytes.Clone();
        signed[31] |= 0x80; // the sign bit is not part of y
        Assert.Equal(YBelowPByArithmetic(signed) && !small, Ed25519Encoding.IsAcceptablePoint(signed));
    }

    [Fact]
    public void Random_values_agree_with_arithmetic()
    {
        // Random bytes almost never land near p or L, so the top bytes are also drawn from their neighbourhoods.
        var top = Gen.Elements<byte>(0x00, 0x0f, 0x10, 0x11, 0x7e, 0x7f, 0x80, 0xff);
        var gen = from body in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 32)
                  from t in top
                  from fill in Gen.Elements(false, true)
                  select Shape(body, t, fill);
        Prop.ForAll(gen.ToArbitrary(), b =>
            Ed25519Encoding.IsCanonicalScalar(b) == ScalarByArithmetic(b)
            && (!YBelowPByArithmetic(b) ? !Ed25519Encoding.IsAcceptablePoint(b) : true)
            && (Ed25519Encoding.IsAcceptablePoint(b) ? YBelowPByArithmetic(b) : true)).QuickCheckThrowOnFailure();
    }

    /// <summary>A value with a chosen top byte; with fill, bytes 1–30 are 0xff as in p (or zero as in L's middle).</summary>
    private static byte[] Shape(byte[] body, byte top, bool fill)
    {
        var b = (byte[])body.Clone();
        b[31] = top;
        if (fill) for (int i = 1; i < 31; i++) b[i] = top == 0x10 ? (byte)0 : (byte)0xff;
        return b;
    }

    [Fact]
    public void Every_listed_small_order_point_is_refused_and_their_neighbours_are_not()
    {
        foreach (var hex in new[] { "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a" })
        {
            var point = Convert.FromHexString(hex);
            Assert.False(Ed25519Encoding.IsAcceptablePoint(point));
            point[0] ^= 1;
            Assert.True(Ed25519Encoding.IsAcceptablePoint(point));
        }
    }

    [Fact]
    public void Wrong_lengths_are_refused()
    {
        Assert.False(Ed25519Encoding.IsAcceptablePoint(new byte[31]));
        Assert.False(Ed25519Encoding.IsCanonicalScalar(new byte[33]));
    }
}
