using Voting.Client.Api;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Voting.Core.Crypto;
using Voting.Core.Records;
using Voting.Core.Services;
using Voting.Rpc;
using Voting.Server;
using Voting.Synthetic;

namespace Voting.Benchmarks;

/// <summary>
/// Durable, verified casts per second through the real server on loopback (server and clients in one process on
/// this machine's cores), with latency percentiles; then an open-loop run at a fixed rate for p99 latency; and the
/// Ed25519-verify ceiling measured in the same run. usage: casts [BALLOTS] [CLIENTS] [RATE]
/// </summary>
internal static class CastThroughput
{
    public static async Task<int> Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40_000;
        int clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        int rate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
        Console.WriteLine($"ed25519 backend {Ed25519.Backend.Name}; {Environment.ProcessorCount} cores; {n} ballots, {clients} clients");
        var election = new SyntheticElection(n + 5 * rate, "bench-casts");
        Console.WriteLine("signing ballots...");
        var ballots = new Ballot[n + 5 * rate];
        Parallel.For(0, ballots.Length, i => ballots[i] = election.BallotOf(i));

        // The ceiling: how fast this machine verifies ballot signatures on all cores, nothing else.
        var payloads = ballots.Take(20_000).Select(b => (b, VoterSigning.BallotPayload(b))).ToArray();
        var sw = Stopwatch.StartNew();
        Parallel.ForEach(payloads, p => Ed25519.Verify(p.b.CredentialKey.Span, p.Item2, p.b.Signature.Span));
        double ceiling = payloads.Length / sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ed25519 verify ceiling: {ceiling:F0}/s on {Environment.ProcessorCount} cores"));

        var dir = Directory.CreateTempSubdirectory("voting-cast-bench-");
        var app = ServerApp.Build([], o => { o.GrpcListen = "127.0.0.1:0"; o.HttpListen = "127.0.0.1:0"; o.DataDir = dir.FullName; });
        await app.StartAsync();
        try
        {
            var grpc = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var organiser = new GrpcClient(grpc);
            await organiser.Create(election.Definition);
            await organiser.CommitRoll(election.RollRequest());
            await organiser.Open(election.OpenAct());

            // Closed loop: each client casts its share back to back.
            var latencies = new double[n];
            var pool = Enumerable.Range(0, clients).Select(_ => new GrpcClient(grpc)).ToArray();
            sw.Restart();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(k => Task.Run(async () =>
            {
                for (int i = k; i < n; i += clients)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    await pool[k].Cast(ballots[i]);
                    latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                }
            })));
            double seconds = sw.Elapsed.TotalSeconds;
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"closed loop: {n} casts in {seconds:F2} s = {n / seconds:F0} casts/s ({100 * n / seconds / ceiling:F0}% of the verify ceiling); latency p50 {latencies[n / 2]:F1} ms, p99 {latencies[n * 99 / 100]:F1} ms"));

            // Open loop at a fixed rate for 5 s: latency when the server is not saturated.
            int m = 5 * rate;
            var open = new double[m];
            sw.Restart();
            var tasks = new List<Task>(m);
            for (int j = 0; j < m; j++)
            {
                var due = TimeSpan.FromSeconds((double)j / rate);
                var wait = due - sw.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                int idx = j;
                tasks.Add(Task.Run(async () =>
                {
                    long t0 = Stopwatch.GetTimestamp();
                    await pool[idx % clients].Cast(ballots[n + idx]);
                    open[idx] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                }));
            }
            await Task.WhenAll(tasks);
            Array.Sort(open);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"open loop at {rate} casts/s for 5 s: p50 {open[m / 2]:F1} ms, p99 {open[m * 99 / 100]:F1} ms, max {open[^1]:F1} ms"));
            foreach (var c in pool) c.Dispose();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            dir.Delete(recursive: true);
        }
        return 0;
    }
}
