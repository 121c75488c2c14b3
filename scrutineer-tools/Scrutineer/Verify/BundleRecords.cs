using System.Collections;
using Voting.Core;
using Voting.Core.Tiles;

namespace Scrutineer.Verify;

/// <summary>
/// An export's records, read from its entry bundles when needed rather than held: enumeration reads one bundle at a
/// time, indexing keeps the last bundle read. The framing of every bundle is checked once when the list is made, so
/// a malformed export is refused up front (as an input error), and memory stays that of one bundle.
/// </summary>
internal sealed class BundleRecords : IReadOnlyList<byte[]>
{
    private readonly string _dir;
    private readonly ulong _size;
    private (ulong Bundle, List<byte[]> Records)? _cached;

    public BundleRecords(string dir, ulong size)
    {
        _dir = dir;
        _size = size;
        foreach (var _ in Read(dir, size)) { } // framing and counts, then dropped
    }

    public int Count => checked((int)_size);

    public byte[] this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((ulong)index, _size);
            ulong bundle = (ulong)index / TilePaths.Width;
            if (_cached is not { } c || c.Bundle != bundle) _cached = c = (bundle, Load(_dir, _size, bundle));
            return c.Records[(int)((ulong)index % TilePaths.Width)];
        }
    }

    public IEnumerator<byte[]> GetEnumerator() => Read(_dir, _size).GetEnumerator();

    /// <summary>The first `size` records of an export directory, one bundle in memory at a time.</summary>
    public static IEnumerable<byte[]> Read(string dir, ulong size)
    {
        for (ulong n = 0; n * TilePaths.Width < size; n++)
            foreach (var r in Load(dir, size, n)) yield return r;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static List<byte[]> Load(string dir, ulong size, ulong n)
    {
        int width = (int)Math.Min(TilePaths.Width, size - n * TilePaths.Width);
        var name = TilePaths.Entries(n, width);
        var path = Path.Combine(dir, name);
        if (!File.Exists(path)) throw new IOException($"entry bundle {name} is missing");
        var records = EntryBundle.Decode(File.ReadAllBytes(path), name);
        if (records.Count != width) throw new VotingFormatException($"{name} holds {records.Count} records, not {width}");
        return records;
    }
}
