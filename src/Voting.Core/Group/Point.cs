using System.Security.Cryptography;

namespace Voting.Core.Group;

/// <summary>
/// An element of the ristretto255 group (RFC 9496; docs/spec/sealed.md §1.1), held as its canonical 32-byte
/// encoding. Decoding is strict: only canonical encodings of group elements are accepted (libsodium's
/// crypto_core_ristretto255_is_valid_point), and the identity only where the caller allows it — an election key, a
/// ciphertext's α or a proof's commitment that is the identity would let a party cheat or reveal nothing.
/// </summary>
public readonly struct Point : IEquatable<Point>
{
    public const int Size = 32;
    private static readonly byte[] IdentityEncoding = new byte[Size];
    private readonly byte[]? _bytes;

    private Point(byte[] canonical) => _bytes = canonical;

    private ReadOnlySpan<byte> Bytes => _bytes ?? IdentityEncoding;

    /// <summary>The identity: all-zero bytes, ristretto255's encoding of the neutral element.</summary>
    public static Point Identity => default;

    /// <summary>The generator G (RFC 9496 §4.4), as libsodium's base point multiplication by one gives it.</summary>
    public static Point Generator { get; } = MultiplyBase(Scalar.One);

    public bool IsIdentity => CryptographicOperations.FixedTimeEquals(Bytes, IdentityEncoding);

    /// <summary>A canonical encoding of a group element, or null; the identity only with allowIdentity.</summary>
    public static Point? TryDecode(ReadOnlySpan<byte> encoding, bool allowIdentity = false)
    {
        if (encoding.Length != Size) return null;
        if (encoding.SequenceEqual(IdentityEncoding)) return allowIdentity ? Identity : null;
        Sodium.Ready();
        return Sodium.crypto_core_ristretto255_is_valid_point(in encoding[0]) == 1 ? new Point(encoding.ToArray()) : null;
    }

    /// <summary>TryDecode, or a VotingFormatException naming what the value is.</summary>
    public static Point Decode(ReadOnlySpan<byte> encoding, string what, bool allowIdentity = false) =>
        TryDecode(encoding, allowIdentity) ?? throw new VotingFormatException(
            $"{what} is not {(allowIdentity ? "" : "a non-identity, ")}canonically encoded ristretto255 element (32 bytes)");

    /// <summary>
    /// A point no one knows the discrete logarithm of (sealed.md §1.3): libsodium's from_hash (the RFC 9496 one-way
    /// map, applied twice and added) of SHA-512(label || input). Independent generators are made this way, never chosen.
    /// </summary>
    public static Point FromHash(string label, ReadOnlySpan<byte> input)
    {
        Span<byte> wide = stackalloc byte[64];
        LabelledHash.Sha512(label, input, wide);
        Sodium.Ready();
        var p = new byte[Size];
        if (Sodium.crypto_core_ristretto255_from_hash(out p[0], in wide[0]) != 0) throw new InvalidOperationException("libsodium from_hash failed");
        return new Point(p);
    }

    /// <summary>s·G. libsodium refuses a zero product (returns -1): that is the identity here, never an error.</summary>
    public static Point MultiplyBase(Scalar s)
    {
        Sodium.Ready();
        var q = new byte[Size];
        return Sodium.crypto_scalarmult_ristretto255_base(out q[0], in s.Span[0]) == 0 ? new Point(q) : Identity;
    }

    /// <summary>s·P; the identity when the product is (s zero, or P the identity).</summary>
    public static Point operator *(Scalar s, Point p)
    {
        if (p.IsIdentity) return Identity; // libsodium would refuse to decode the all-zero encoding
        Sodium.Ready();
        var q = new byte[Size];
        return Sodium.crypto_scalarmult_ristretto255(out q[0], in s.Span[0], in p.Bytes[0]) == 0 ? new Point(q) : Identity;
    }

    public static Point operator +(Point p, Point q)
    {
        if (p.IsIdentity) return q;
        if (q.IsIdentity) return p;
        Sodium.Ready();
        var r = new byte[Size];
        if (Sodium.crypto_core_ristretto255_add(out r[0], in p.Bytes[0], in q.Bytes[0]) != 0) throw new InvalidOperationException("libsodium ristretto255_add failed");
        return new Point(r);
    }

    public static Point operator -(Point p, Point q)
    {
        if (q.IsIdentity) return p;
        Sodium.Ready();
        if (p.IsIdentity) return (-Scalar.One) * q;
        var r = new byte[Size];
        if (Sodium.crypto_core_ristretto255_sub(out r[0], in p.Bytes[0], in q.Bytes[0]) != 0) throw new InvalidOperationException("libsodium ristretto255_sub failed");
        return new Point(r);
    }

    public byte[] ToArray() => Bytes.ToArray();

    public bool Equals(Point other) => CryptographicOperations.FixedTimeEquals(Bytes, other.Bytes);
    public override bool Equals(object? obj) => obj is Point p && Equals(p);
    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]);
    public static bool operator ==(Point a, Point b) => a.Equals(b);
    public static bool operator !=(Point a, Point b) => !a.Equals(b);
    public override string ToString() => Convert.ToHexStringLower(Bytes);
}
