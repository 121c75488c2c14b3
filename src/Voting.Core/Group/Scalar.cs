using System.Security.Cryptography;

namespace Voting.Core.Group;

/// <summary>
/// An integer modulo the ristretto255 group order ℓ = 2^252 + 27742317777372353535851937790883648493
/// (docs/spec/sealed.md §1.2), held as its canonical 32-byte little-endian encoding (always below ℓ). Decoding is
/// strict: an encoding of ℓ or more is refused, never reduced. Arithmetic is libsodium's, in constant time.
/// </summary>
public readonly struct Scalar : IEquatable<Scalar>
{
    public const int Size = 32;
    private readonly byte[]? _bytes;

    private Scalar(byte[] canonical) => _bytes = canonical;

    private ReadOnlySpan<byte> Bytes => _bytes ?? Zeros;
    private static readonly byte[] Zeros = new byte[Size];

    /// <summary>ℓ, little-endian.</summary>
    private static readonly byte[] Order = Convert.FromHexString("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");

    public static Scalar Zero => default;
    public static Scalar One => FromUInt64(1);

    public static Scalar FromUInt64(ulong v)
    {
        var b = new byte[Size];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return new Scalar(b); // below 2^64 < ℓ
    }

    /// <summary>The canonical encoding, or null: wrong length, or a value of ℓ or more.</summary>
    public static Scalar? TryDecode(ReadOnlySpan<byte> encoding) =>
        encoding.Length == Size && LessThanOrder(encoding) ? new Scalar(encoding.ToArray()) : null;

    /// <summary>TryDecode, or a VotingFormatException naming what the value is.</summary>
    public static Scalar Decode(ReadOnlySpan<byte> encoding, string what) =>
        TryDecode(encoding) ?? throw new VotingFormatException($"{what} is not a canonical ristretto255 scalar (32 bytes, below the group order)");

    /// <summary>ℓ compared from the most significant byte; constant time over the 32 bytes.</summary>
    private static bool LessThanOrder(ReadOnlySpan<byte> s)
    {
        int lt = 0, eq = 1;
        for (int i = Size - 1; i >= 0; i--)
        {
            int a = s[i], b = Order[i];
            lt |= eq & ((a - b) >> 31 & 1);
            eq &= ((a ^ b) - 1) >> 31 & 1;
        }
        return lt == 1;
    }

    /// <summary>
    /// A scalar uniform modulo ℓ from a label and input (sealed.md §1.3): SHA-512(label || input) reduced. The label
    /// separates every use; 512 bits make the reduction's bias negligible (below 2^-259).
    /// </summary>
    public static Scalar FromHash(string label, ReadOnlySpan<byte> input)
    {
        Span<byte> wide = stackalloc byte[64];
        LabelledHash.Sha512(label, input, wide);
        return Reduce(wide);
    }

    /// <summary>A 64-byte little-endian integer reduced modulo ℓ.</summary>
    public static Scalar Reduce(ReadOnlySpan<byte> wide)
    {
        if (wide.Length != 64) throw new ArgumentException("a wide scalar is 64 bytes", nameof(wide));
        Sodium.Ready();
        var r = new byte[Size];
        Sodium.crypto_core_ristretto255_scalar_reduce(out r[0], in wide[0]);
        return new Scalar(r);
    }

    /// <summary>A uniformly random scalar from the system CSPRNG (64 random bytes reduced).</summary>
    public static Scalar Random()
    {
        Span<byte> wide = stackalloc byte[64];
        RandomNumberGenerator.Fill(wide);
        try { return Reduce(wide); }
        finally { CryptographicOperations.ZeroMemory(wide); }
    }

    public byte[] ToArray() => Bytes.ToArray();
    public bool IsZero => CryptographicOperations.FixedTimeEquals(Bytes, Zeros);

    public static Scalar operator +(Scalar x, Scalar y) => Op(x, y, static (out byte z, in byte a, in byte b) => Sodium.crypto_core_ristretto255_scalar_add(out z, in a, in b));
    public static Scalar operator -(Scalar x, Scalar y) => Op(x, y, static (out byte z, in byte a, in byte b) => Sodium.crypto_core_ristretto255_scalar_sub(out z, in a, in b));
    public static Scalar operator *(Scalar x, Scalar y) => Op(x, y, static (out byte z, in byte a, in byte b) => Sodium.crypto_core_ristretto255_scalar_mul(out z, in a, in b));

    public static Scalar operator -(Scalar x)
    {
        Sodium.Ready();
        var r = new byte[Size];
        Sodium.crypto_core_ristretto255_scalar_negate(out r[0], in x.Bytes[0]);
        return new Scalar(r);
    }

    /// <summary>The inverse modulo ℓ; zero has none.</summary>
    public Scalar Invert()
    {
        if (IsZero) throw new InvalidOperationException("zero has no inverse");
        Sodium.Ready();
        var r = new byte[Size];
        if (Sodium.crypto_core_ristretto255_scalar_invert(out r[0], in Bytes[0]) != 0) throw new InvalidOperationException("libsodium scalar_invert failed");
        return new Scalar(r);
    }

    private delegate void Binary(out byte z, in byte x, in byte y);

    private static Scalar Op(Scalar x, Scalar y, Binary op)
    {
        Sodium.Ready();
        var r = new byte[Size];
        op(out r[0], in x.Bytes[0], in y.Bytes[0]);
        return new Scalar(r);
    }

    internal ReadOnlySpan<byte> Span => Bytes;

    public bool Equals(Scalar other) => CryptographicOperations.FixedTimeEquals(Bytes, other.Bytes);
    public override bool Equals(object? obj) => obj is Scalar s && Equals(s);
    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]);
    public static bool operator ==(Scalar a, Scalar b) => a.Equals(b);
    public static bool operator !=(Scalar a, Scalar b) => !a.Equals(b);
    /// <summary>Hex of the encoding, asked for by name: a secret scalar must never reach a log by ToString.</summary>
    public string ToHex() => Convert.ToHexStringLower(Bytes);
}
