using Voting.Core.Tiles;

namespace Voting.Storage;

/// <summary>
/// The tlog-tiles of a stored log (export.md §1–§3), made in one place for the export directory and the server's
/// HTTP endpoints: a hash tile is its stored hashes concatenated, an entry bundle its records; each exists only
/// within the tree of the size asked about.
/// </summary>
public static class LogTiles
{
    /// <summary>Hash tile `index` of tile level `level`, `width` hashes wide, of the tree of `size` records; null when the tree has no such tile.</summary>
    /// <exception cref="LogCorruptException">The store holds fewer hashes than the tree needs.</exception>
    public static byte[]? HashTile(LogStore store, ulong size, int level, ulong index, int width)
    {
        ArgumentNullException.ThrowIfNull(store);
        ulong start = index * TilePaths.Width;
        if (level < 0 || width < 1 || start + (ulong)width > TilePaths.HashesAtLevel(size, level)) return null;
        var hashes = store.HashRange(level * TilePaths.Height, start, start + (ulong)width);
        if (hashes.Count != width) throw new LogCorruptException($"tile {level}/{index}: {hashes.Count} stored hashes, expected {width}");
        return [.. hashes.SelectMany(h => h)];
    }

    /// <summary>Entry bundle `index`, `width` records wide, of a log of `size` records; null when the log has no such bundle.</summary>
    /// <exception cref="LogCorruptException">The store holds fewer records than the log's size.</exception>
    public static byte[]? Bundle(LogStore store, ulong size, ulong index, int width)
    {
        ArgumentNullException.ThrowIfNull(store);
        ulong start = index * TilePaths.Width;
        if (width < 1 || start + (ulong)width > size) return null;
        var records = store.ReadRecords(start, start + (ulong)width);
        if (records.Count != width) throw new LogCorruptException($"entry bundle {index}: {records.Count} stored records, expected {width}");
        return EntryBundle.Encode(records);
    }

    /// <summary>Every hash tile of the tree of `size` records: (level, index, width), partial tiles at the right edge.</summary>
    public static IEnumerable<(int Level, ulong Index, int Width)> HashTilesOf(ulong size)
    {
        for (int level = 0; TilePaths.HashesAtLevel(size, level) > 0; level++)
        {
            ulong hashes = TilePaths.HashesAtLevel(size, level);
            for (ulong n = 0; n * TilePaths.Width < hashes; n++) yield return (level, n, (int)Math.Min(TilePaths.Width, hashes - n * TilePaths.Width));
        }
    }

    /// <summary>Every entry bundle of a log of `size` records: (index, width).</summary>
    public static IEnumerable<(ulong Index, int Width)> BundlesOf(ulong size)
    {
        for (ulong n = 0; n * TilePaths.Width < size; n++) yield return (n, (int)Math.Min(TilePaths.Width, size - n * TilePaths.Width));
    }
}
