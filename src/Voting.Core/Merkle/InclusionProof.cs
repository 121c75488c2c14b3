using System.Security.Cryptography;

namespace Voting.Core.Merkle;

/// <summary>RFC 9162 §2.1.3: audit paths that prove a leaf is in a tree (log.md §5.3).</summary>
public static class InclusionProof
{
    /// <summary>PATH(index, D[0:size]) of RFC 9162 §2.1.3.1, ordered from the leaf upwards.</summary>
    public static byte[][] Generate(ulong index, ulong size, IHashSource source)
    {
        if (index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of size {size}");
        var path = new List<byte[]>();
        Path(index, 0, size, source, path);
        return [.. path];
    }

    private static void Path(ulong index, ulong lo, ulong hi, IHashSource source, List<byte[]> path)
    {
        ulong n = hi - lo;
        if (n == 1) return;
        ulong k = TreeMath.SplitPoint(n);
        if (index - lo < k)
        {
            Path(index, lo, lo + k, source, path);
            path.Add(TreeMath.RangeHash(lo + k, hi, source));
        }
        else
        {
            Path(index, lo + k, hi, source, path);
            path.Add(TreeMath.RangeHash(lo, lo + k, source));
        }
    }

    /// <summary>The root implied by a leaf hash and its audit path (RFC 9162 §2.1.3.2), or null when the path cannot fit the size.</summary>
    public static byte[]? ImpliedRoot(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index >= size || leafHash.Length != Rfc6962.HashSize) return null;
        ulong fn = index, sn = size - 1;
        byte[] r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (p is null || p.Length != Rfc6962.HashSize || sn == 0) return null;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = Rfc6962.HashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                r = Rfc6962.HashChildren(r, p);
            }
            fn >>= 1; sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /// <summary>True when the audit path proves leafHash is at index in the tree of the given size and root.</summary>
    public static bool Verify(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        var implied = ImpliedRoot(index, size, leafHash, proof);
        return implied is not null && CryptographicOperations.FixedTimeEquals(implied, root);
    }
}
