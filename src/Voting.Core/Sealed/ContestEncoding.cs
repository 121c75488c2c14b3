using Voting.Core.Group;

namespace Voting.Core.Sealed;

/// <summary>
/// A contest's marks as group elements (docs/spec/sealed.md §2.1), so that decryption needs no discrete logarithm:
/// each element's 32-byte encoding is byte 0 = 2k for the smallest k that makes it a canonical element, bytes 1–30 the
/// marks (candidate index + 1, in rank order for STV, ascending otherwise), zero-padded, byte 31 zero. A contest whose
/// ballots may carry more than 30 marks uses Parts(maxMarks) elements, every ballot the same number, so that a
/// shuffle sees tuples of one width.
/// </summary>
public static class ContestEncoding
{
    public const int MarksPerPart = 30;
    /// <summary>A mark is one byte (index + 1, zero meaning none): a sealed contest has at most 255 candidates.</summary>
    public const int MaxCandidates = 255;

    /// <summary>How many elements a contest's vote takes: ⌈maxMarks / 30⌉, at least one (a blank vote is one element too).</summary>
    public static int Parts(int maxMarks) => Math.Max(1, (maxMarks + MarksPerPart - 1) / MarksPerPart);

    /// <summary>The marks (candidate indexes) as Parts(maxMarks) elements.</summary>
    public static Point[] Encode(IReadOnlyList<uint> marks, int maxMarks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (marks.Count > maxMarks) throw new ArgumentException($"{marks.Count} marks; the contest takes at most {maxMarks}", nameof(marks));
        var parts = new Point[Parts(maxMarks)];
        for (int p = 0; p < parts.Length; p++)
        {
            var e = new byte[Point.Size];
            for (int i = 0; i < MarksPerPart && p * MarksPerPart + i < marks.Count; i++)
            {
                uint m = marks[p * MarksPerPart + i];
                if (m >= MaxCandidates) throw new ArgumentException($"candidate index {m}: a sealed contest has at most {MaxCandidates} candidates", nameof(marks));
                e[1 + i] = (byte)(m + 1);
            }
            parts[p] = Element(e);
        }
        return parts;
    }

    /// <summary>The smallest k whose byte 0 = 2k makes the bytes a canonical element (about four tries on average; all zeros is the identity).</summary>
    private static Point Element(byte[] e)
    {
        for (int k = 0; k < 128; k++)
        {
            e[0] = (byte)(2 * k);
            if (Point.TryDecode(e, allowIdentity: true) is { } p) return p;
        }
        throw new InvalidOperationException("no k in 0…127 makes these marks an element"); // probability about 2^-128
    }

    /// <summary>
    /// The marks a decrypted contest's elements carry, or null when they are not a valid encoding: byte 0 not the
    /// smallest 2k, byte 31 not zero, a zero mark before a non-zero one, or a non-zero mark in a later part after a
    /// part that was not full. Whether the marks are a valid vote for the contest is BallotRules' (counted invalid).
    /// </summary>
    public static List<uint>? Decode(IReadOnlyList<Point> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var marks = new List<uint>();
        bool ended = false;
        foreach (var part in parts)
        {
            var e = part.ToArray();
            if (e[31] != 0 || !IsSmallestK(e)) return null;
            for (int i = 1; i <= MarksPerPart; i++)
            {
                if (e[i] == 0) { ended = true; continue; }
                if (ended) return null;
                marks.Add((uint)(e[i] - 1));
            }
        }
        return marks;
    }

    private static bool IsSmallestK(byte[] e)
    {
        if ((e[0] & 1) != 0) return false;
        var probe = (byte[])e.Clone();
        for (int k = 0; 2 * k < e[0]; k++)
        {
            probe[0] = (byte)(2 * k);
            if (Point.TryDecode(probe, allowIdentity: true) is not null) return false;
        }
        return true;
    }
}
