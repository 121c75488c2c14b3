using System.Diagnostics;
using System.Globalization;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Storage;
using Voting.Synthetic;

namespace Voting.Benchmarks;

/// <summary>
/// SQLite append throughput at batch sizes 1, 64, 256, 1024: records are signed beforehand, so
/// this times the store alone (sequencing, SQLite writes, one fsync and one checkpoint
/// signature per batch, inclusion proofs). A plain stopwatch over many records: BenchmarkDotNet's
/// repeated invocations do not fit a log that only grows.
/// </summary>
internal static class AppendThroughput
{
    public static async Task<int> Run(string[] args)
    {
        int ballots = BenchArgs.Int(args, 0, 100_000);
        // 1: each batch also writes the log's high-water mark (one more fsync), as the ballot server's logs do (log.md §11.1).
        bool marked = BenchArgs.Int(args, 1, 0) == 1;
        Console.WriteLine($"preparing {ballots} signed ballots...");
        var election = new SyntheticElection(ballots);
        var bodies = election.AllBodies().ToList();
        var key = new NoteSigner("bench.example/elections/synthetic-2026", election.Derive("log-key", 0));
        Console.WriteLine($"ed25519 backend {Voting.Core.Crypto.Ed25519.Backend.Name}; {bodies.Count} records; {Environment.ProcessorCount} cores; high-water marks {(marked ? "on" : "off")}");
        Console.WriteLine("| batch | records | seconds | records/s | checkpoints |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (int batch in new[] { 1, 64, 256, 1024 })
        {
            // Batch 1 fsyncs per record: time a prefix so the run stays short.
            var slice = batch == 1 ? bodies.Take(2000).ToList() : bodies;
            var dir = Directory.CreateTempSubdirectory("voting-append-bench-");
            try
            {
                var marks = marked ? new HighWaterMarks(Path.Combine(dir.FullName, "high-water")) : null;
                await using var store = LogStore.Open(Path.Combine(dir.FullName, "log.db"), key, new LogStoreOptions { MaxBatch = batch, HighWater = marks });
                var sw = Stopwatch.StartNew();
                var window = new Queue<Task<AppendResult>>();
                foreach (var b in slice)
                {
                    window.Enqueue(store.AppendAsync(b));
                    if (window.Count >= Math.Max(4 * batch, 256)) await window.Dequeue();
                }
                while (window.Count > 0) await window.Dequeue();
                sw.Stop();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {batch} | {slice.Count} | {sw.Elapsed.TotalSeconds:F2} | {slice.Count / sw.Elapsed.TotalSeconds:F0} | {store.CheckpointSizes().Count - 1} |"));
            }
            finally { dir.Delete(recursive: true); }
        }
        return 0;
    }
}
