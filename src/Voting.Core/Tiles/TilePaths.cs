using System.Globalization;
using System.Text;

namespace Voting.Core.Tiles;

/// <summary>C2SP tlog-tiles paths (export.md §2): 256-wide tiles, index in x-prefixed 3-digit groups, ".p/W" for partial tiles.</summary>
public static class TilePaths
{
    public const int Width = 256;
    /// <summary>Each tile level spans 8 tree levels (2^8 = 256).</summary>
    public const int Height = 8;

    /// <summary>The largest tile index whose every entry (index × 256 + 255, and its end) is still a 64-bit position.</summary>
    public const ulong MaxIndex = ulong.MaxValue / Width - 1;

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
    public static ulong HashesAtLevel(ulong treeSize, int tileLevel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tileLevel);
        // C# masks a 64-bit shift count to 6 bits: level 8 would shift by 0. No tree has a hash that high.
        return Height * tileLevel >= 64 ? 0 : treeSize >> (Height * tileLevel);
    }

    /// <summary>
    /// Parses "tile/L/N[.p/W]" or "tile/entries/N[.p/W]" (the inverse of Tile and Entries); level is -1 for
    /// entries. Only the canonical spelling is accepted, so each tile has exactly one path.
    /// </summary>
    public static bool TryParse(string path, out int level, out ulong index, out int width)
    {
        level = 0; index = 0; width = Width;
        if (path is null || !path.StartsWith("tile/", StringComparison.Ordinal)) return false;
        var parts = path["tile/".Length..].Split('/');
        if (parts.Length < 2) return false;
        if (parts[0] == "entries") level = -1;
        else if (parts[0].Length is 0 or > 2 || !parts[0].All(char.IsAsciiDigit) || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out level) || level > 9 || (parts[0].Length > 1 && parts[0][0] == '0')) return false;
        var rest = parts[1..];
        if (rest.Length >= 2 && rest[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!int.TryParse(rest[^1], NumberStyles.None, CultureInfo.InvariantCulture, out width) || width is < 1 or > 255) return false;
            rest = [.. rest[..^2], rest[^2][..^2]];
        }
        ulong n = 0;
        for (int i = 0; i < rest.Length; i++)
        {
            var g = rest[i];
            bool last = i == rest.Length - 1;
            if (!last)
            {
                if (g.Length != 4 || g[0] != 'x') return false;
                g = g[1..];
            }
            if (g.Length != 3 || !g.All(char.IsAsciiDigit)) return false;
            // An index whose tile would start past 2^64 names no tile of any log: not a path, rather than an overflow.
            ulong digits = ulong.Parse(g, CultureInfo.InvariantCulture);
            if (n > (MaxIndex - digits) / 1000) return false;
            n = n * 1000 + digits;
        }
        index = n;
        return Index(n, width) == string.Join('/', parts[1..]);
    }
}
