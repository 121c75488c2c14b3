using Voting.Core.Tiles;

namespace Voting.Core.Tests;

/// <summary>tlog-tiles paths (export.md §2): one spelling per tile, and hostile spellings are not paths (never an overflow).</summary>
public class TilePathTests
{
    [Theory]
    [InlineData(0, 0UL, 256, "tile/0/000")]
    [InlineData(1, 1234067UL, 7, "tile/1/x001/x234/067.p/7")]
    [InlineData(-1, 72UL, 256, "tile/entries/072")]
    public void CanonicalPathsRoundTrip(int level, ulong index, int width, string path)
    {
        Assert.Equal(path, level < 0 ? TilePaths.Entries(index, width) : TilePaths.Tile(level, index, width));
        Assert.True(TilePaths.TryParse(path, out int l, out ulong i, out int w));
        Assert.Equal((level, index, width), (l, i, w));
    }

    [Theory]
    [InlineData("tile/0/x999/x999/x999/x999/x999/x999/x999/000")]
    [InlineData("tile/entries/x072/x057/x594/x037/x927/936.p/4")]
    [InlineData("tile/entries/x018/x446/x744/x073/x709/x551/615")]
    [InlineData("tile/0/x000/001")]
    [InlineData("tile/00/000")]
    [InlineData("tile/10/000")]
    [InlineData("tile/0/000.p/0")]
    [InlineData("tile/0/000.p/256")]
    [InlineData("tile/0/abc")]
    public void HostileOrNonCanonicalSpellingsAreNotPaths(string path) =>
        Assert.False(TilePaths.TryParse(path, out _, out _, out _));

    [Fact]
    public void TheLargestIndexStillHasA64BitEnd()
    {
        Assert.True(TilePaths.TryParse("tile/entries/" + TilePaths.Index(TilePaths.MaxIndex, 256), out _, out ulong i, out _));
        Assert.Equal(TilePaths.MaxIndex, i);
        Assert.True(i * TilePaths.Width + TilePaths.Width - 1 > i); // no wrap-around
        Assert.False(TilePaths.TryParse("tile/entries/" + TilePaths.Index(TilePaths.MaxIndex + 1, 256), out _, out _, out _));
    }

    [Theory]
    [InlineData(0, 1000UL, 1000UL)]
    [InlineData(1, 65536UL, 256UL)]
    [InlineData(7, ulong.MaxValue, 255UL)]
    [InlineData(8, ulong.MaxValue, 0UL)]
    [InlineData(9, ulong.MaxValue, 0UL)]
    public void HashesAtLevelNeverWrapsTheShift(int level, ulong size, ulong expected) =>
        Assert.Equal(expected, TilePaths.HashesAtLevel(size, level));
}
