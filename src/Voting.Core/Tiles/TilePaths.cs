using System.Globalization;
using System.Text;

namespace Voting.Core.Tiles;

/// <summary>C2SP tlog-tiles paths (export.md §2): 256-wide tiles, index in x-prefixed 3-digit groups, ".p/W" for partial tiles.</summary>
public static class TilePaths
{
    public const int Width = 256;
    /// <summary>Each tile level spans 8 tree levels (2^8 = 256).</summary>
    public const int Height = 8;

    public static string Tile(int level, ulong index, int width = Width) => $"tile/{level.ToString(CultureInfo.InvariantCulture)}/{Index(index, width)}";

    public static string Entries(ulong index, int width = Width) => $"tile/entries/{Index(index, width)}";

    /// <summary>1234067 → "x001/x234/067"; a partial width W adds ".p/W".</summary>
    public static string Index(ulong index, int width)
    {
        if (width is < 1 or > Width) throw new ArgumentOutOfRangeException(nameof(width), "tile width is 1..256");
        var groups = new List<string>();
        do
        {
            groups.Add((index % 1000).ToString("000", CultureInfo.InvariantCulture));
            index /= 1000;
        } while (index > 0);
        groups.Reverse();
        var sb = new StringBuilder();
        for (int i = 0; i < groups.Count; i++)
        {
            if (i > 0) sb.Append('/');
            if (i < groups.Count - 1) sb.Append('x');
            sb.Append(groups[i]);
        }
        if (width < Width) sb.Append(".p/").Append(width.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>Hashes at tile level L for a tree of this size: one per complete subtree of 256^L leaves.</summary>
    public static ulong HashesAtLevel(ulong treeSize, int tileLevel) => treeSize >> (Height * tileLevel);
}
