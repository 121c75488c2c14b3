using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Voting.Core.Group;

namespace Voting.Core.Tests;

/// <summary>
/// ristretto255 through libsodium (docs/spec/sealed.md §1): the group laws for any scalars, strict decoding of points
/// and scalars (each kind of bad encoding refused), the identity where it is and is not allowed, the published
/// vectors byte for byte, and those vectors recomputed by an independent implementation (@noble/curves, in node).
/// </summary>
public class GroupTests
{
    private static readonly Gen<Scalar> Scalars = ArbMap.Default.GeneratorFor<ulong>().Select(s => Scalar.FromHash("voting/v2/test\n", BitConverter.GetBytes(s)));

    [Fact]
    public void TheGroupLawsHoldForAnyScalars()
    {
        var g = Point.Generator;
        Prop.ForAll(Scalars.ToArbitrary(), Scalars.ToArbitrary(), (a, b) =>
            Point.MultiplyBase(a + b) == Point.MultiplyBase(a) + Point.MultiplyBase(b)
            && b * Point.MultiplyBase(a) == Point.MultiplyBase(a * b)
            && a * g == Point.MultiplyBase(a)
            && (Point.MultiplyBase(a) - Point.MultiplyBase(a)).IsIdentity
            && Point.MultiplyBase(a) - Point.MultiplyBase(b) == Point.MultiplyBase(a - b)
            && (a.IsZero || a * a.Invert() == Scalar.One)
            && Point.Decode(Point.MultiplyBase(a).ToArray(), "a·G", allowIdentity: true) == Point.MultiplyBase(a)
            && Scalar.Decode(a.ToArray(), "a") == a
            && -a + a == Scalar.Zero).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TheIdentityIsHandledNotFailed()
    {
        var g = Point.Generator;
        Assert.True(Point.MultiplyBase(Scalar.Zero).IsIdentity);
        Assert.True((Scalar.Zero * g).IsIdentity);
        Assert.True((Scalar.FromUInt64(7) * Point.Identity).IsIdentity);
        Assert.Equal(g, g + Point.Identity);
        Assert.Equal(g, Point.Identity + g);
        Assert.Equal((-Scalar.One) * g, Point.Identity - g);
        Assert.True((g - g).IsIdentity);
        Assert.Null(Point.TryDecode(new byte[32])); // refused unless allowed: a key or commitment must not be it
        Assert.True(Point.TryDecode(new byte[32], allowIdentity: true)!.Value.IsIdentity);
        Assert.Throws<InvalidOperationException>(() => Scalar.Zero.Invert());
    }

    [Fact]
    public void DecodingIsStrict()
    {
        var five = Point.MultiplyBase(Scalar.FromUInt64(5)).ToArray();
        Assert.NotNull(Point.TryDecode(five));
        for (int bit = 0; bit < 256; bit++)
        {
            var x = (byte[])five.Clone();
            x[bit / 8] ^= (byte)(1 << (bit % 8));
            // A flipped bit mostly names no element; where it does, it names another one, never 5G again.
            if (Point.TryDecode(x) is { } other) Assert.NotEqual(Point.MultiplyBase(Scalar.FromUInt64(5)), other);
        }
        var fiveSignBit = (byte[])five.Clone();
        fiveSignBit[0] ^= 1;
        Assert.Null(Point.TryDecode(fiveSignBit)); // a negative s
        var highBit = (byte[])five.Clone();
        highBit[31] |= 0x80;
        Assert.Null(Point.TryDecode(highBit));
        Assert.Null(Point.TryDecode(Convert.FromHexString("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))); // s = p
        Assert.Null(Point.TryDecode(five.AsSpan(0, 31)));
        Assert.Throws<VotingFormatException>(() => Point.Decode(highBit, "the election key"));
        var order = Convert.FromHexString("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        Assert.Null(Scalar.TryDecode(order));
        order[0]--;
        Assert.NotNull(Scalar.TryDecode(order));
        Assert.Null(Scalar.TryDecode(Enumerable.Repeat((byte)0xff, 32).ToArray()));
        Assert.Null(Scalar.TryDecode(new byte[31]));
        Assert.Equal(Scalar.Zero, -Scalar.Zero);
    }

    private static JsonElement Vectors => JsonDocument.Parse(File.ReadAllText(TestPaths.Repo("docs", "spec", "vectors", "group-vectors.json"))).RootElement;

    [Fact]
    public void ThePublishedVectorsHold()
    {
        var v = Vectors;
        foreach (var m in v.GetProperty("generator_multiples").EnumerateArray())
            Assert.Equal(m.GetProperty("point_hex").GetString(), Point.MultiplyBase(Scalar.FromUInt64(m.GetProperty("k").GetUInt64())).ToString());
        // 5·G as the ristretto255 test vectors (ristretto.group, RFC 9496 Appendix A.1) publish it.
        Assert.Equal("e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e", v.GetProperty("generator_multiples")[5].GetProperty("point_hex").GetString());
        foreach (var h in v.GetProperty("independent_generators").EnumerateArray())
            Assert.Equal(h.GetProperty("point_hex").GetString(), Generators.Independent(h.GetProperty("index").GetUInt32()).ToString());
        foreach (var bad in v.GetProperty("invalid_points_hex").EnumerateArray()) Assert.Null(Point.TryDecode(Convert.FromHexString(bad.GetString()!)));
        foreach (var bad in v.GetProperty("invalid_scalars_hex").EnumerateArray()) Assert.Null(Scalar.TryDecode(Convert.FromHexString(bad.GetString()!)));
        var a = Scalar.FromHash("voting/v2/test-scalar\n", "a"u8);
        Assert.Equal(v.GetProperty("scalar_a_hex").GetString(), a.ToHex());
        Assert.Equal(v.GetProperty("a_inverse_hex").GetString(), a.Invert().ToHex());
    }

    /// <summary>An implementation that is not libsodium (@noble/curves) recomputes every vector: the C# side cannot agree with itself by mistake.</summary>
    [Fact]
    public Task NobleCurvesRecomputesEveryVector() => NobleCheck.Run("group-vectors.mjs", "group-vectors.json", 38);
}
