using System.Buffers;
using System.Collections;
using Voting.Core;
using Voting.Core.Records;
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
        int bundles = checked((int)(size / TilePaths.Width + (size % TilePaths.Width == 0 ? 0UL : 1UL)));
        // A checkpoint can claim any size: the first missing bundle is found by walking from the start, so a claim of
        // billions of records costs what the export holds, not a parallel look-up of every bundle it would need.
        for (int n = 0; n < bundles; n++)
        {
            var name = TilePaths.Entries((ulong)n, (int)Math.Min(TilePaths.Width, size - (ulong)n * TilePaths.Width));
            if (!File.Exists(Path.Combine(dir, name))) throw new IOException($"entry bundle {name} is missing");
        }
        // Framing and counts, nothing kept; on every core, and the first bad bundle in log order is the one reported.
        ParallelInOrder.For(bundles, n => Check(dir, size, (ulong)n));
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

    private static List<byte[]> Load(string dir, ulong size, ulong n) => WithBundle(dir, size, n, (bytes, name, width) =>
    {
        var records = EntryBundle.Decode(bytes, name);
        if (records.Count != width) throw new VotingFormatException($"{name} holds {records.Count} records, not {width}");
        return records;
    });

    /// <summary>Load's checks without keeping the records: the up-front pass costs a read of the file, not a copy of every record.</summary>
    private static void Check(string dir, ulong size, ulong n) => WithBundle(dir, size, n, (bytes, name, width) =>
    {
        int count = EntryBundle.Count(bytes, name);
        if (count != width) throw new VotingFormatException($"{name} holds {count} records, not {width}");
        return count;
    });

    private delegate T BundleUse<T>(ReadOnlySpan<byte> bytes, string name, int width);

    /// <summary>The largest bundle the format allows: 256 entries of at most 65,535 bytes, each with its 2-byte length.</summary>
    private const long MaxBundleBytes = TilePaths.Width * (2L + Canonical.MaxRecordBytes);

    /// <summary>Bundle n's bytes in a pooled buffer, lent to use: a million-record log is read twice, so the file buffers are not garbage.</summary>
    private static T WithBundle<T>(string dir, ulong size, ulong n, BundleUse<T> use)
    {
        int width = (int)Math.Min(TilePaths.Width, size - n * TilePaths.Width);
        var name = TilePaths.Entries(n, width);
        var path = Path.Combine(dir, name);
        if (!File.Exists(path)) throw new IOException($"entry bundle {name} is missing");
        using var file = File.OpenHandle(path);
        long length = RandomAccess.GetLength(file);
        if (length > MaxBundleBytes) throw new VotingFormatException($"{name} is {length} bytes, more than {TilePaths.Width} records can take");
        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            int read = 0;
            while (read < length && RandomAccess.Read(file, buffer.AsSpan(read, (int)length - read), read) is var got and > 0) read += got;
            return use(buffer.AsSpan(0, read), name, width);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }
}
