using Voting.Core.Merkle;
using Voting.Core.Tiles;

namespace Scrutineer.Watch;

/// <summary>
/// The complete-subtree hashes of a tree of a given size, read from its C2SP tiles over HTTP (export.md §2): the
/// hash at tree level 8·L + r is folded from 2^r hashes of tile level L, which one tile always holds. Nothing read
/// here is trusted: a proof built from these hashes is then checked against signed roots.
/// </summary>
internal sealed class TileHashSource(HttpClient http, Uri baseUrl, ulong treeSize) : IHashSource
{
    private readonly Dictionary<string, byte[]> _tiles = new(StringComparer.Ordinal);

    public byte[] Hash(int level, ulong index)
    {
        int tileLevel = level / TilePaths.Height, r = level % TilePaths.Height;
        ulong first = index << r, count = 1UL << r;
        ulong n = first / TilePaths.Width;
        ulong available = TilePaths.HashesAtLevel(treeSize, tileLevel);
        int width = (int)Math.Min(TilePaths.Width, available - n * TilePaths.Width);
        var tile = Tile(TilePaths.Tile(tileLevel, n, width), width);
        var hashes = new List<byte[]>();
        for (ulong i = 0; i < count; i++)
            hashes.Add(tile.AsSpan((int)((first - n * TilePaths.Width + i) * Rfc6962.HashSize), Rfc6962.HashSize).ToArray());
        while (hashes.Count > 1)
            hashes = [.. Enumerable.Range(0, hashes.Count / 2).Select(i => Rfc6962.HashChildren(hashes[2 * i], hashes[2 * i + 1]))];
        return hashes[0];
    }

    private byte[] Tile(string path, int width)
    {
        if (_tiles.TryGetValue(path, out var cached)) return cached;
        using var response = http.GetAsync(new Uri(baseUrl, path)).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) throw new IOException($"{path}: HTTP {(int)response.StatusCode}");
        var bytes = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        if (bytes.Length != width * Rfc6962.HashSize) throw new IOException($"{path}: {bytes.Length} bytes, expected {width * Rfc6962.HashSize}");
        return _tiles[path] = bytes;
    }
}
