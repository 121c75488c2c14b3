using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Tiles;
using Voting.Synthetic;

namespace Voting.Storage.Tests;

public class TileExportTests
{
    private static readonly NoteSigner Key = new("test.example/elections/synthetic-2026", new byte[32]);
    private static readonly NoteSigner Witness = new("witness.example", Enumerable.Repeat((byte)7, 32).ToArray());

    [Fact]
    public async Task ExportFollowsTheTlogTilesLayout()
    {
        using var dir = new TempDir();
        await using var store = LogStore.Open(dir.File("log.db"), Key, new LogStoreOptions { MaxBatch = 100 });
        await Task.WhenAll(new SyntheticElection(599).AllBodies().Select(b => store.AppendAsync(b)));
        ulong size = store.Size; // 599 ballots + definition, 1 roll chunk, commitment, open, close, lot reveal = 605
        Assert.Equal(605UL, size);
        var outDir = dir.File("export");
        Assert.Equal(size, TileExporter.Export(store, outDir, [Witness.ToVkey()]));

        var tree = new MemoryTree();
        foreach (var r in store.ReadRecords(0, size)) tree.AppendLeaf(r);
        // 605 leaves: level-0 tiles 000, 001 full and 002.p/93; level 1 holds 2 hashes: 000.p/2.
        Assert.Equal(["tile/0/000", "tile/0/001", "tile/0/002.p/93", "tile/1/000.p/2", "tile/entries/000", "tile/entries/001", "tile/entries/002.p/93"],
            Directory.GetFiles(Path.Combine(outDir, "tile"), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(outDir, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        var level1 = File.ReadAllBytes(Path.Combine(outDir, "tile/1/000.p/2"));
        Assert.Equal(tree.Hash(8, 0).Concat(tree.Hash(8, 1)), level1);
        var partial = File.ReadAllBytes(Path.Combine(outDir, "tile/0/002.p/93"));
        Assert.Equal(tree.Hash(0, 512), partial[..32]);
        Assert.Equal(93 * 32, partial.Length);
        var entries = EntryBundle.Decode(File.ReadAllBytes(Path.Combine(outDir, "tile/entries/001")));
        Assert.Equal(store.ReadRecords(256, 512), entries);

        var (cp, _, _) = Checkpoint.ParseAndVerify(File.ReadAllText(Path.Combine(outDir, "checkpoint")), Key.Verifier);
        Assert.Equal(tree.Root(), cp.Root);
        Assert.Equal([$"log {Key.ToVkey()}", $"witness {Witness.ToVkey()}", "quorum 1"], File.ReadAllLines(Path.Combine(outDir, "keys")));
        Assert.Equal(store.CheckpointSizes().Count, Directory.GetFiles(Path.Combine(outDir, "voting", "checkpoints")).Length);
    }

    [Fact]
    public async Task ExportRefusesANonEmptyDirectoryAndLeavesItAlone()
    {
        using var dir = new TempDir();
        await using var store = LogStore.Open(dir.File("log.db"), Key);
        await store.AppendAsync(new SyntheticElection(1).CloseRecord());
        var outDir = dir.File("busy");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "mine.txt"), "keep me");
        Assert.Throws<IOException>(() => TileExporter.Export(store, outDir));
        Assert.Equal(["mine.txt"], Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(0UL, 256, "000")]
    [InlineData(1234067UL, 256, "x001/x234/067")]
    [InlineData(1000UL, 256, "x001/000")]
    [InlineData(5UL, 17, "005.p/17")]
    public void TileIndexPaths(ulong index, int width, string expected) => Assert.Equal(expected, TilePaths.Index(index, width));
}
