using System.Numerics;
using System.Security.Cryptography;

namespace Voting.Core.Merkle;

/// <summary>RFC 9162 §2.1.4: proofs that a tree of size1 is a prefix of a tree of size2 (log.md §5.4).</summary>
public static class ConsistencyProof
{
    /// <summary>PROOF(size1, D[0:size2]) of RFC 9162 §2.1.4.1. A proof from size 0 is an error: it would prove nothing.</summary>
    public static byte[][] Generate(ulong size1, ulong size2, IHashSource source)
    {
        if (size1 == 0) throw new ArgumentOutOfRangeException(nameof(size1), "a consistency proof from size 0 proves nothing");
        if (size1 > size2) throw new ArgumentOutOfRangeException(nameof(size1), $"size1 {size1} exceeds size2 {size2}");
        var proof = new List<byte[]>();
        SubProof(size1, 0, size2, true, source, proof);
        return [.. proof];
    }

    private static void SubProof(ulong m, ulong lo, ulong hi, bool wholeTreeKnown, IHashSource source, List<byte[]> proof)
    {
        ulong n = hi - lo;
        if (m == n)
        {
            if (!wholeTreeKnown) proof.Add(TreeMath.RangeHash(lo, hi, source));
            return;
        }
        ulong k = TreeMath.SplitPoint(n);
        if (m <= k)
        {
            SubProof(m, lo, lo + k, wholeTreeKnown, source, proof);
            proof.Add(TreeMath.RangeHash(lo + k, hi, source));
        }
        else
        {
            SubProof(m - k, lo + k, hi, false, source, proof);
            proof.Add(TreeMath.RangeHash(lo, lo + k, source));
        }
    }

    /// <summary>
    /// RFC 9162 §2.1.4.2. Sizes equal: the proof must be empty and the roots equal.
    /// size1 = 0 is rejected: every tree extends the empty tree, so such a proof carries no evidence.
    /// </summary>
    public static bool Verify(ulong size1, ulong size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 == 0 || size1 > size2) return false;
        if (size1 == size2) return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(root1, root2);
        if (proof.Count == 0) return false;
        foreach (var p in proof)
            if (p is null || p.Length != Rfc6962.HashSize) return false;

        // Step 1: when size1 is a power of two, the old root is itself a node of the new tree.
        int start = 0;
        byte[] seed;
        if (BitOperations.IsPow2(size1))
        {
            if (root1.Length != Rfc6962.HashSize) return false;
            seed = root1.ToArray();
        }
        else
        {
            seed = proof[0];
            start = 1;
        }
        ulong fn = size1 - 1, sn = size2 - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        byte[] fr = seed, sr = seed;
        for (int i = start; i < proof.Count; i++)
        {
            var c = proof[i];
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Rfc6962.HashChildren(c, fr);
                sr = Rfc6962.HashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                sr = Rfc6962.HashChildren(sr, c);
            }
            fn >>= 1; sn >>= 1;
        }
        return sn == 0
            && CryptographicOperations.FixedTimeEquals(fr, root1)
            && CryptographicOperations.FixedTimeEquals(sr, root2);
    }
}
