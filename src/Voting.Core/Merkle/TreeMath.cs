using System.Numerics;

namespace Voting.Core.Merkle;

/// <summary>
/// The RFC 6962 tree hash of any leaf range [lo, hi), built only from complete-subtree
/// hashes (log.md §5.2). The left part of every split in RFC 6962 is a complete,
/// aligned subtree, so a range costs at most one lookup per level: O(log n).
/// </summary>
public static class TreeMath
{
    /// <summary>The largest power of two strictly less than n (n ≥ 2): RFC 9162 §2.1.1 "k".</summary>
    public static ulong SplitPoint(ulong n)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), "a split needs at least two leaves");
        return 1UL << (63 - BitOperations.LeadingZeroCount(n - 1));
    }

    /// <summary>MTH(D[0:size]).</summary>
    public static byte[] Root(ulong size, IHashSource source) =>
        size == 0 ? Rfc6962.EmptyRoot() : RangeHash(0, size, source);

    /// <summary>MTH(D[lo:hi]) for a range that occurs in the RFC 6962 recursion (lo aligned to the largest power of two ≤ hi-lo).</summary>
    public static byte[] RangeHash(ulong lo, ulong hi, IHashSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (hi <= lo) throw new ArgumentOutOfRangeException(nameof(hi), "empty range");
        ulong n = hi - lo;
        if (BitOperations.IsPow2(n) && lo % n == 0)
            return source.Hash(BitOperations.TrailingZeroCount(n), lo / n);
        ulong k = SplitPoint(n);
        return Rfc6962.HashChildren(RangeHash(lo, lo + k, source), RangeHash(lo + k, hi, source));
    }
}
