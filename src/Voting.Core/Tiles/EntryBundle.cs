using System.Buffers.Binary;

namespace Voting.Core.Tiles;

/// <summary>A tlog-tiles entry bundle (export.md §3): each entry as a big-endian uint16 length then its bytes.</summary>
public static class EntryBundle
{
    public static byte[] Encode(IEnumerable<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var ms = new MemoryStream();
        Span<byte> len = stackalloc byte[2];
        foreach (var e in entries)
        {
            if (e.Length > ushort.MaxValue) throw new VotingFormatException($"entry of {e.Length} bytes does not fit an entry bundle");
            BinaryPrimitives.WriteUInt16BigEndian(len, (ushort)e.Length);
            ms.Write(len);
            ms.Write(e);
        }
        return ms.ToArray();
    }

    public static List<byte[]> Decode(ReadOnlySpan<byte> bundle, string where = "entry bundle")
    {
        var entries = new List<byte[]>();
        int pos = 0;
        while (Next(bundle, ref pos, entries.Count, where) is var (start, n)) entries.Add(bundle.Slice(start, n).ToArray());
        return entries;
    }

    /// <summary>How many entries a bundle holds, with its framing checked as Decode checks it, but nothing copied.</summary>
    public static int Count(ReadOnlySpan<byte> bundle, string where = "entry bundle")
    {
        int count = 0, pos = 0;
        while (Next(bundle, ref pos, count, where) is not null) count++;
        return count;
    }

    /// <summary>The entry starting at pos (its offset and length), moving pos past it; null at the end of the bundle.</summary>
    private static (int Start, int Length)? Next(ReadOnlySpan<byte> bundle, ref int pos, int index, string where)
    {
        if (pos >= bundle.Length) return null;
        if (bundle.Length - pos < 2) throw new VotingFormatException($"{where}: truncated length at byte {pos}");
        int n = BinaryPrimitives.ReadUInt16BigEndian(bundle[pos..]);
        int start = pos + 2;
        if (bundle.Length - start < n) throw new VotingFormatException($"{where}: entry {index} claims {n} bytes but {bundle.Length - start} remain");
        pos = start + n;
        return (start, n);
    }
}
