using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Voting.Core;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Synthetic;

namespace Voting.Storage.Tests;

public class LogStoreTests
{
    private static readonly NoteSigner Key = new("test.example/elections/synthetic-2026", new byte[32]);

    private static async Task<List<AppendResult>> AppendAll(LogStore store, IEnumerable<LogRecord> bodies) =>
        [.. await Task.WhenAll(bodies.Select(b => store.AppendAsync(b)))];

    [Fact]
    public async Task ConcurrentAppendsGetContiguousIndicesAndVerifiableReceipts()
    {
        using var dir = new TempDir();
        var election = new SyntheticElection(300);
        await using var store = LogStore.Open(dir.File("log.db"), Key, new LogStoreOptions { MaxBatch = 32 });
        var results = await AppendAll(store, election.AllBodies());
        Assert.Equal(Enumerable.Range(0, results.Count).Select(i => (ulong)i), results.Select(r => r.Index).Order());
        Assert.Equal((ulong)results.Count, store.Size);
        foreach (var r in results)
        {
            var receipt = Receipt.Parse(r.ToReceipt().Format());
            var cp = receipt.Verify(Key.Verifier);
            Assert.Equal(r.CheckpointSize, cp.Size);
            Assert.True(cp.Size > r.Index);
        }
        // More than one batch, each with its own signed checkpoint.
        Assert.True(store.CheckpointSizes().Count > 2);
    }

    [Fact]
    public async Task ProofsFromTheStoreMatchAnIndependentTree()
    {
        using var dir = new TempDir();
        await using var store = LogStore.Open(dir.File("log.db"), Key, new LogStoreOptions { MaxBatch = 7 });
        await AppendAll(store, new SyntheticElection(60).AllBodies());
        var tree = new MemoryTree();
        foreach (var rec in store.ReadRecords(0, store.Size)) tree.AppendLeaf(rec);
        for (ulong size = 1; size <= store.Size; size += 5)
        {
            Assert.Equal(tree.RootAt(size), store.RootAt(size));
            for (ulong i = 0; i < size; i += 3) Assert.Equal(tree.InclusionProof(i, size), store.InclusionProofAt(i, size));
            for (ulong s1 = 1; s1 <= size; s1 += 4) Assert.Equal(tree.ConsistencyProof(s1, size), store.ConsistencyProofBetween(s1, size));
        }
    }

    [Fact]
    public async Task RecordsCarryTheChainAndReopenKeepsEverything()
    {
        using var dir = new TempDir();
        string checkpoint;
        ulong size;
        await using (var store = LogStore.Open(dir.File("log.db"), Key))
        {
            await AppendAll(store, new SyntheticElection(20).AllBodies());
            checkpoint = store.LatestCheckpoint;
            size = store.Size;
            byte[] prevLeaf = [];
            ulong prevTime = 0;
            for (ulong i = 0; i < size; i++)
            {
                var bytes = store.ReadRecord(i);
                var rec = Canonical.Parse(bytes);
                Assert.Null(Chain.Check(rec, i, prevLeaf, prevTime));
                prevLeaf = Chain.LeafHash(bytes);
                prevTime = rec.SequencedAtMs;
            }
        }
        await using var reopened = LogStore.Open(dir.File("log.db"), Key);
        Assert.Equal(size, reopened.Size);
        Assert.Equal(checkpoint, reopened.LatestCheckpoint);
        var more = await reopened.AppendAsync(new SyntheticElection(1).CloseRecord());
        Assert.Equal(size, more.Index);
    }

    [Fact]
    public async Task BadAppendsFailAloneAndLoseNothing()
    {
        using var dir = new TempDir();
        await using var store = LogStore.Open(dir.File("log.db"), Key);
        await store.AppendAsync(new SyntheticElection(1).CloseRecord());
        await Assert.ThrowsAsync<VotingFormatException>(() => store.AppendAsync(new LogRecord()));
        var huge = new LogRecord { RollChunk = new RollChunk { ElectionId = "x", Entries = { ByteString.CopyFrom(new byte[70_000]) } } };
        var e = await Assert.ThrowsAsync<VotingFormatException>(() => store.AppendAsync(huge));
        Assert.Contains("65535", e.Message, StringComparison.Ordinal);
        Assert.Equal(1UL, store.Size);
        var next = await store.AppendAsync(new SyntheticElection(1).CloseRecord());
        Assert.Equal(1UL, next.Index);
    }

    [Fact]
    public async Task ReopeningWithAnotherKeyIsRefused()
    {
        using var dir = new TempDir();
        await using (var store = LogStore.Open(dir.File("log.db"), Key))
            await store.AppendAsync(new SyntheticElection(1).CloseRecord());
        var other = new NoteSigner("test.example/elections/synthetic-2026", Enumerable.Repeat((byte)1, 32).ToArray());
        var e = Assert.Throws<LogCorruptException>(() => LogStore.Open(dir.File("log.db"), other));
        Assert.Contains("created with key", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE records SET data = CAST(data || X'00' AS BLOB) WHERE idx = 3", "record 3")]
    [InlineData("DELETE FROM records WHERE idx = 5", "record 5 is missing")]
    [InlineData("UPDATE hashes SET hash = zeroblob(32) WHERE level = 1 AND idx = 2", "stored hash (1, 2)")]
    [InlineData("DELETE FROM checkpoints WHERE size = (SELECT MAX(size) FROM checkpoints)", "latest checkpoint is at size")]
    [InlineData("UPDATE checkpoints SET note = replace(note, 'test.example', 'evil.example') WHERE size = (SELECT MAX(size) FROM checkpoints)", "does not verify")]
    public async Task ReopeningDetectsTampering(string sql, string expected)
    {
        using var dir = new TempDir();
        var path = dir.File("log.db");
        await using (var store = LogStore.Open(path, Key, new LogStoreOptions { MaxBatch = 4 }))
            await AppendAll(store, new SyntheticElection(12).AllBodies());
        using (var c = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            Assert.True(cmd.ExecuteNonQuery() > 0);
        }
        var e = Assert.Throws<LogCorruptException>(() => LogStore.Open(path, Key));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
