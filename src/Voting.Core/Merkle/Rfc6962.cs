using System.Security.Cryptography;

namespace Voting.Core.Merkle;

/// <summary>The two hash functions of RFC 6962 §2.1 (log.md §5), domain-separated by a prefix byte.</summary>
public static class Rfc6962
{
    public const int HashSize = 32;

    /// <summary>MTH({}) = SHA-256() — the root of the empty tree.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>leaf hash = SHA-256(0x00 || record).</summary>
    public static byte[] HashLeaf(ReadOnlySpan<byte> leaf)
    {
        var hash = new byte[HashSize];
        HashLeaf(leaf, hash);
        return hash;
    }

    public static void HashLeaf(ReadOnlySpan<byte> leaf, Span<byte> destination)
    {
        // Records are small: one contiguous one-shot hash avoids an incremental hasher per leaf.
        if (leaf.Length < 4096)
        {
            Span<byte> buffer = stackalloc byte[leaf.Length + 1];
            buffer[0] = 0x00;
            leaf.CopyTo(buffer[1..]);
            SHA256.HashData(buffer, destination);
            return;
        }
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData([0x00]);
        h.AppendData(leaf);
        h.GetHashAndReset(destination);
    }

    /// <summary>node hash = SHA-256(0x01 || left || right).</summary>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        RequireHash(left, nameof(left));
        RequireHash(right, nameof(right));
        Span<byte> buffer = stackalloc byte[1 + 2 * HashSize];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    internal static void RequireHash(ReadOnlySpan<byte> hash, string what)
    {
        if (hash.Length != HashSize)
            throw new ArgumentException($"{what} must be exactly {HashSize} bytes, got {hash.Length}", what);
    }
}
