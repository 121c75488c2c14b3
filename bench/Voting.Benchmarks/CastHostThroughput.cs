using System.Diagnostics;
using System.Globalization;
using Voting.Core.Records;
using Voting.Server.Elections;
using Voting.Storage;
using Voting.Synthetic;

namespace Voting.Benchmarks;

/// <summary>
/// The server's casting work without its transport: the election host's CastAsync (checks, signature, reservation,
/// append, durable batch, state) called by 64 concurrent loops in one process, after a warm-up pass; CPU time and
/// bytes allocated per cast. usage: casts-host [BALLOTS] [CLIENTS]
/// </summary>
internal static class CastHostThroughput
{
    public static async Task<int> Run(string[] args)
    {
        int n = BenchArgs.Int(args, 0, 40_000);
        int clients = BenchArgs.Int(args, 1, 64);
        int warm = CastThroughput.WarmUp(n);
        var (election, ballots) = CastThroughput.Signed(warm + n, "bench-casts-host");
        var dir = Directory.CreateTempSubdirectory("voting-cast-host-bench-");
        try
        {
            await using var registry = new ElectionRegistry(dir.FullName, new byte[32], "bench.example", new LogStoreOptions());
            await registry.CreateAsync(election.Definition, CancellationToken.None);
            var host = registry.Get(election.Definition.ElectionId);
            await host.CommitRollAsync(election.RollRequest(), CancellationToken.None);
            await host.OpenAsync(election.OpenAct(), CancellationToken.None);
            await CastThroughput.ClosedLoop(clients, ballots.AsMemory(0, warm), (_, b) => host.CastAsync(b, CancellationToken.None));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            await CastThroughput.ClosedLoop(clients, ballots.AsMemory(warm, n), (_, b) => host.CastAsync(b, CancellationToken.None));
            double seconds = sw.Elapsed.TotalSeconds, cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            long bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"host casts: {n} in {seconds:F2} s = {n / seconds:F0}/s; {cpuSeconds * 1e6 / n:F0} CPU-µs per cast; {bytes / n:N0} bytes allocated per cast; cores busy {cpuSeconds / seconds:F2}"));
        }
        finally { dir.Delete(recursive: true); }
        return 0;
    }
}
