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
        while (pos < bundle.Length)
        {
            if (bundle.Length - pos < 2) throw new VotingFormatException($"{where}: truncated length at byte {pos}");
            int n = BinaryPrimitives.ReadUInt16BigEndian(bundle[pos..]);
            pos += 2;
            if (bundle.Length - pos < n) throw new VotingFormatException($"{where}: entry {entries.Count} claims {n} bytes but {bundle.Length - pos} remain");
            entries.Add(bundle.Slice(pos, n).ToArray());
            pos += n;
        }
        return entries;
    }
}
