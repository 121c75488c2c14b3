using Microsoft.Data.Sqlite;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Synthetic;

namespace Voting.Storage.Tests;

/// <summary>
/// Refusing a rolled-back log (log.md §11.1): a database cut back to an earlier checkpoint replays as a valid log, and
/// only evidence kept outside it — the high-water mark, the witnesses — says that records were lost.
/// </summary>
public class RollbackGuardTests
{
    private static readonly NoteSigner Key = new("test.example/elections/synthetic-2026", new byte[32]);

    private static LogStoreOptions Marked(TempDir dir) => new() { MaxBatch = 4, HighWater = new HighWaterMarks(dir.File("high-water")) };

    private static async Task AppendAll(LogStore store, IEnumerable<LogRecord> bodies)
    {
        // One at a time, so that every record gets a checkpoint of its own to cut back to.
        foreach (var b in bodies) await store.AppendAsync(b);
    }

    private static void CutBack(string path, ulong size) => DatabaseAdministrator.CutBack(path, size);

    [Fact]
    public async Task ADatabaseCutBackToAnEarlierCheckpointIsRefused()
    {
        using var dir = new TempDir();
        var path = dir.File("log.db");
        var election = new SyntheticElection(6);
        await using (var store = LogStore.Open(path, Key, Marked(dir)))
            await AppendAll(store, election.AllBodies());
        ulong full = (ulong)election.AllBodies().Count();
        CutBack(path, 3);

        await using (var store = LogStore.Open(path, Key, Marked(dir)))
        {
            Assert.Equal(3UL, store.Size); // the cut database is a valid log by itself
            Assert.NotNull(store.Refusal);
            Assert.Contains($"checkpoint of size {full} with root ", store.Refusal, StringComparison.Ordinal);
            Assert.Contains("but the database holds 3 records", store.Refusal, StringComparison.Ordinal);
            var e = await Assert.ThrowsAsync<LogRolledBackException>(() => store.AppendAsync(election.CloseRecord()));
            Assert.Equal(store.Refusal, e.Message);
            Assert.Equal(3UL, store.Size);
        }
        // Refusing does not lower the mark: the next opening refuses as well.
        await using (var again = LogStore.Open(path, Key, Marked(dir)))
            Assert.Contains("but the database holds 3 records", again.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseDeletedWholeIsRefusedWhenItsLogIsCreatedAgain()
    {
        using var dir = new TempDir();
        var path = dir.File("log.db");
        await using (var store = LogStore.Open(path, Key, Marked(dir)))
            await AppendAll(store, new SyntheticElection(2).Preamble());
        foreach (var f in Directory.GetFiles(dir.Path, "log.db*")) File.Delete(f);

        await using var fresh = LogStore.Open(path, Key, Marked(dir));
        Assert.Equal(0UL, fresh.Size);
        Assert.Contains("but the database holds 0 records", fresh.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseWithAnotherTreeAtTheMarkedSizeIsRefused()
    {
        using var dir = new TempDir();
        await using (var store = LogStore.Open(dir.File("log.db"), Key, Marked(dir)))
            await AppendAll(store, new SyntheticElection(3, seed: "one").Preamble());
        // The same key signed another tree, longer than the mark (a second server on a copy, say): it is not this log.
        await using (var other = LogStore.Open(dir.File("other.db"), Key))
            await AppendAll(other, new SyntheticElection(9, seed: "two").AllBodies());

        await using var swapped = LogStore.Open(dir.File("other.db"), Key, Marked(dir));
        Assert.Contains("but the database's tree of that size has root ", swapped.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALogWithoutAMarkIsMarkedAtItsSizeAndSaysSo()
    {
        using var dir = new TempDir();
        var path = dir.File("log.db");
        var election = new SyntheticElection(2);
        await using (var store = LogStore.Open(path, Key))
            await AppendAll(store, election.Preamble());
        var options = Marked(dir);

        await using (var store = LogStore.Open(path, Key, options))
        {
            Assert.Null(store.Refusal);
            Assert.Contains("it had no high-water mark; marked now at size ", store.MarkNotice, StringComparison.Ordinal);
            Assert.Equal(store.Size, options.HighWater!.Read(Key.Verifier)!.Size);
            await store.AppendAsync(new LogRecord { Ballot = election.BallotOf(0) });
        }
        await using var reopened = LogStore.Open(path, Key, options);
        Assert.Null(reopened.MarkNotice);
        Assert.Equal(reopened.Size, options.HighWater!.Read(Key.Verifier)!.Size);
        Assert.Equal([Key.Name], options.HighWater.Origins());
    }

    [Fact]
    public async Task AWriteTornByACrashLeavesTheMarkBeforeIt()
    {
        using var dir = new TempDir();
        var path = dir.File("log.db");
        var options = Marked(dir);
        await using (var first = LogStore.Open(path, Key, options))
            await AppendAll(first, new SyntheticElection(3).Preamble());
        var markFile = Assert.Single(Directory.GetFiles(options.HighWater!.Directory));
        ulong newest = options.HighWater.Read(Key.Verifier)!.Size;

        // Spoil the root in the slot holding the newest mark (a checkpoint's second line is its size), as a crash
        // in the middle of writing it would.
        var bytes = File.ReadAllBytes(markFile);
        int slot = System.Text.Encoding.UTF8.GetString(bytes, 0, 4096).Split('\n')[1] == $"{newest}" ? 0 : 1;
        bytes[(slot * 4096) + Key.Name.Length + 10] ^= 0x20;
        File.WriteAllBytes(markFile, bytes);
        Assert.Equal(newest - 1, options.HighWater.Read(Key.Verifier)!.Size);

        // The database holds more than the surviving mark: it opens, and is marked again at its size.
        await using var store = LogStore.Open(path, Key, options);
        Assert.Null(store.Refusal);
        Assert.Equal(newest, options.HighWater.Read(Key.Verifier)!.Size);
    }

    /// <summary>A cosigner whose witnesses say, at the sizes given, that they cosigned more than the log holds.</summary>
    private sealed class ContradictingCosigner(params ulong[] contradictedAt) : ICheckpointCosigner
    {
        public Task<string> CosignAsync(string signedCheckpoint, ulong size, Func<ulong, ulong, byte[][]> consistencyProof, CancellationToken cancellationToken) =>
            contradictedAt.Contains(size) ? throw new LogRolledBackException($"witness w.example has cosigned size 99, but this log is at {size}") : Task.FromResult(signedCheckpoint);
    }

    [Fact]
    public async Task AWitnessThatCosignedMoreRefusesTheOpenedLogBeforeItsFirstBatch()
    {
        using var dir = new TempDir();
        await using var store = LogStore.Open(dir.File("log.db"), Key, new LogStoreOptions { Cosigner = new ContradictingCosigner(0) });
        var e = await Assert.ThrowsAsync<LogRolledBackException>(() => store.AppendAsync(new SyntheticElection(1).Preamble().First()));
        Assert.Contains("witness w.example has cosigned size 99, but this log is at 0", e.Message, StringComparison.Ordinal);
        Assert.Equal(0UL, store.Size);
    }

    [Fact]
    public async Task AWitnessThatContradictsABatchRefusesTheBatchesAfterIt()
    {
        using var dir = new TempDir();
        await using var store = LogStore.Open(dir.File("log.db"), Key, new LogStoreOptions { Cosigner = new ContradictingCosigner(3) });
        var bodies = new SyntheticElection(3).AllBodies().ToList();
        await AppendAll(store, bodies.Take(2));
        // The contradicted batch is stored already: it is unpublished, like any batch without a quorum.
        var unpublished = await Assert.ThrowsAsync<CheckpointNotPublishedException>(() => store.AppendAsync(bodies[2]));
        Assert.Equal(2UL, unpublished.Result!.Index);
        Assert.Contains("witness w.example has cosigned size 99", store.Refusal, StringComparison.Ordinal);
        await Assert.ThrowsAsync<LogRolledBackException>(() => store.AppendAsync(bodies[3]));
        Assert.Equal(3UL, store.Size);
    }

    [Fact]
    public async Task AMarkOthersCanWriteIsNotTrusted()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        var options = Marked(dir);
        await using (var store = LogStore.Open(dir.File("log.db"), Key, options))
            await store.AppendAsync(new SyntheticElection(1).Preamble().First());
        var markFile = Assert.Single(Directory.GetFiles(options.HighWater!.Directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(markFile));
        File.SetUnixFileMode(markFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite);

        var e = Assert.Throws<InvalidOperationException>(() => LogStore.Open(dir.File("log.db"), Key, options));
        Assert.Contains("can be written by group or others", e.Message, StringComparison.Ordinal);
    }
}
