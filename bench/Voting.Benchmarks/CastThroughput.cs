using System.Diagnostics;
using System.Globalization;
using Voting.Core.Crypto;
using Voting.Core.Records;
using Voting.Client.Api;
using Voting.Synthetic;

namespace Voting.Benchmarks;

/// <summary>
/// Durable, verified casts per second through the real server on loopback, with latency percentiles; then an open-loop
/// run at a fixed rate for p99 latency. The server is the shipped executable (Voting.Server.dll with its own runtime
/// settings) in its own process. Run this process pinned to one core (`taskset -c 1`) and the server is pinned to the
/// others, so that the server's CPU per cast is measured apart from the 64 clients' and compared with one Ed25519
/// verification timed on one core in the same run (target: at most 2.5 of them per cast).
/// usage: casts [BALLOTS] [CLIENTS] [RATE] [WARMUP]
/// </summary>
internal static class CastThroughput
{
    public static async Task<int> Run(string[] args)
    {
        int n = BenchArgs.Int(args, 0, 40_000);
        int clients = BenchArgs.Int(args, 1, 64);
        int rate = BenchArgs.Int(args, 2, 1000);
        // Sustained throughput: a warm-up pass first, so that the timed pass measures a server whose code the JIT has
        // finished optimising rather than its start-up.
        int warm = BenchArgs.Int(args, 3, WarmUp(n));
        var (mine, serverCpus) = Cores.Split();
        Console.WriteLine($"ed25519 backend {Ed25519.Backend.Name}; clients on cpu {mine}, server on cpu {serverCpus ?? "(any: run under taskset -c 1 to pin)"}; {warm} warm-up + {n} timed ballots, {clients} clients");
        Console.WriteLine("signing ballots...");
        var (election, ballots) = Signed(warm + n + 5 * rate, "bench-casts");

        // One verification on one core, timed on the same ballots' signatures before and after the server's work.
        var payloads = ballots.Take(20_000).Select(b => (b, VoterSigning.BallotPayload(b))).ToArray();
        OneCoreVerify(payloads);
        double before = OneCoreVerify(payloads);

        await using var server = await ServerProcess.Start(serverCpus);
        using var organiser = new VotingClients(server.Grpc);
        await organiser.Create(election.Definition);
        await organiser.CommitRoll(election.RollRequest());
        await organiser.Open(election.OpenAct());

        // Closed loop: each client casts its share back to back; the warm-up pass is not timed.
        var pool = Enumerable.Range(0, clients).Select(_ => new VotingClients(server.Grpc)).ToArray();
        await ClosedLoop(clients, ballots.AsMemory(0, warm), (k, b) => pool[k].Cast(b));
        var latencies = new double[n];
        var selfCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpu = server.Cpu;
        var sw = Stopwatch.StartNew();
        await ClosedLoop(clients, ballots.AsMemory(warm, n), (k, b) => pool[k].Cast(b), latencies);
        double seconds = sw.Elapsed.TotalSeconds;
        double clientSeconds = (Process.GetCurrentProcess().TotalProcessorTime - selfCpu).TotalSeconds;
        double serverSeconds = (server.Cpu - serverCpu).TotalSeconds;
        double after = OneCoreVerify(payloads);
        double verify = Math.Min(before, after);
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one Ed25519 verification on one core: {before:F1} µs before, {after:F1} µs after the timed pass"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"closed loop: {n} casts in {seconds:F2} s = {n / seconds:F0} casts/s; latency p50 {latencies[n / 2]:F1} ms, p99 {latencies[n * 99 / 100]:F1} ms"));
        double serverPerCast = serverSeconds * 1e6 / n;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU per cast: server {serverPerCast:F0} µs = {serverPerCast / verify:F2} verifications (target ≤ 2.5, against the faster of the two timings), clients {clientSeconds * 1e6 / n:F0} µs; server busy {serverSeconds / seconds:F2} cores, clients {clientSeconds / seconds:F2}"));

        // The transport's floor: the same clients making the cheapest call there is (GetCheckpoint: a lookup, no
        // signature, no write) as fast as they can. What a cast costs beyond this is the casting itself.
        // Warmed up like the casts, so that the floor is not overstated by the JIT's first passes over this call.
        await ClosedLoop(clients, ballots.AsMemory(0, warm), (k, _) => pool[k].Checkpoint(election.Definition.ElectionId));
        selfCpu = Process.GetCurrentProcess().TotalProcessorTime;
        serverCpu = server.Cpu;
        sw.Restart();
        await ClosedLoop(clients, ballots.AsMemory(warm, n), (k, _) => pool[k].Checkpoint(election.Definition.ElectionId));
        double floorSeconds = sw.Elapsed.TotalSeconds;
        double floorClient = (Process.GetCurrentProcess().TotalProcessorTime - selfCpu).TotalSeconds;
        double floorServer = (server.Cpu - serverCpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"transport floor: {n} GetCheckpoint calls in {floorSeconds:F2} s = {n / floorSeconds:F0} calls/s; CPU per call: server {floorServer * 1e6 / n:F0} µs, clients {floorClient * 1e6 / n:F0} µs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  so a cast costs the server {serverPerCast - floorServer * 1e6 / n:F0} µs beyond the transport (its signature check alone is {verify:F0} µs)"));

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
                await pool[idx % clients].Cast(ballots[warm + n + idx]);
                open[idx] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(tasks);
        Array.Sort(open);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"open loop at {rate} casts/s for 5 s: p50 {open[m / 2]:F1} ms, p99 {open[m * 99 / 100]:F1} ms, max {open[^1]:F1} ms"));
        foreach (var c in pool) c.Dispose();
        return 0;
    }

    /// <summary>Microseconds per verification under Voting's rules, one thread, the same ballots the server checks.</summary>
    private static double OneCoreVerify((Ballot Ballot, byte[] Payload)[] payloads)
    {
        var sw = Stopwatch.StartNew();
        foreach (var p in payloads)
            if (!Ed25519.Verify(p.Ballot.CredentialKey.Span, p.Payload, p.Ballot.Signature.Span)) throw new InvalidOperationException("a ballot does not verify");
        return sw.Elapsed.TotalMicroseconds / payloads.Length;
    }

    /// <summary>
    /// The untimed pass before a timed one, for a given timed count. A server pinned to one core needs about 60,000 casts
    /// before tiered compilation has finished optimising the hot paths (its background compiler shares the busy core):
    /// after 20,000 its CPU per cast was still 50% above the steady state (docs/benchmarks.md).
    /// </summary>
    internal static int WarmUp(int timed) => Math.Min(timed * 3 / 2, 60_000);

    /// <summary>An election of `count` members and one signed ballot from each, signed on every core.</summary>
    internal static (SyntheticElection Election, Ballot[] Ballots) Signed(int count, string electionId)
    {
        // Voting now: the server takes casts only inside the schedule (errors.md V1), and the synthetic default is in the past.
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var election = new SyntheticElection(count, electionId, schedule: new Voting.Core.Records.Schedule { OpensAtUnix = now - 3600, ClosesAtUnix = now + 86_400 });
        var ballots = new Ballot[count];
        Parallel.For(0, count, i => ballots[i] = election.BallotOf(i));
        return (election, ballots);
    }

    /// <summary>
    /// Each of `loops` concurrent loops casts its share of the ballots back to back (loop k takes k, k + loops, ...),
    /// recording each cast's latency when asked to.
    /// </summary>
    internal static Task ClosedLoop(int loops, ReadOnlyMemory<Ballot> ballots, Func<int, Ballot, Task> cast, double[]? latencies = null) =>
        Task.WhenAll(Enumerable.Range(0, loops).Select(k => Task.Run(async () =>
        {
            for (int i = k; i < ballots.Length; i += loops)
            {
                long t0 = Stopwatch.GetTimestamp();
                await cast(k, ballots.Span[i]);
                if (latencies is not null) latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
        })));
}
