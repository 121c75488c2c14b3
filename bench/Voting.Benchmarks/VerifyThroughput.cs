using System.Diagnostics;
using System.Globalization;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Core.Tiles;

namespace Voting.Benchmarks;

/// <summary>
/// `verify DIR [ROUNDS]`: the scrutineer CLI verifying an export, as its own process under /usr/bin/time (wall time,
/// CPU seconds, peak RSS), next to the Ed25519-verify ceiling of this machine measured in
/// the same run, before and after each verify: up to 200,000 of the log's own ballot signatures verified on all
/// cores with nothing else running.
/// </summary>
internal static class VerifyThroughput
{
    public static async Task<int> Run(string[] args)
    {
        if (args.Length < 1 || !Directory.Exists(args[0]) || (args.Length > 1 && !int.TryParse(args[1], out _)))
        {
            Console.Error.WriteLine("usage: verify DIR [ROUNDS]   (an export, e.g. from bench/LogGen; 3 rounds unless told)");
            return 2;
        }
        var dir = Path.GetFullPath(args[0]);
        int rounds = BenchArgs.Int(args, 1, 3);
        var scrutineer = Path.Combine(AppContext.BaseDirectory, "scrutineer.dll");
        var size = (ulong)Scrutineer.Verify.ExportedLog.Read(dir).Records.Count;
        var payloads = CeilingPayloads(dir);
        Ceiling(payloads[..Math.Min(20_000, payloads.Length)], out _); // warm-up: JIT and the thread pool, not measured
        int valid = payloads.Count(p => Voting.Core.Crypto.Ed25519.Verify(p.Key, p.Payload, p.Sig));
        Console.WriteLine($"log        {size:N0} records, {dir}; ceiling from {payloads.Length:N0} of its ballot signatures ({valid:N0} valid), backend {Voting.Core.Crypto.Ed25519.Backend.GetType().Name}, {Environment.ProcessorCount} cores");
        // The VM's speed drifts by 15% or more from one minute to the next, so the ceiling is measured before and
        // after every verify, and each verify is compared with the higher of the two: the ratio can only be understated.
        var ratios = new List<double>();
        double previous = Ceiling(payloads, out _);
        for (int round = 1; round <= rounds; round++)
        {
            var self = Process.GetCurrentProcess().TotalProcessorTime;
            var (seconds, cpu, peakKb, exitCode, lastLine) = await RunVerify(scrutineer, dir);
            var selfDuring = (Process.GetCurrentProcess().TotalProcessorTime - self).TotalSeconds;
            double next = Ceiling(payloads, out _);
            double verifyBusy = cpu / (seconds * Environment.ProcessorCount);
            double rate = size / seconds;
            double ratio = rate / Math.Max(previous, next);
            ratios.Add(ratio);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}    verify {seconds:0.0} s ({rate:N0} records/s, {cpu:0.0} CPU-s, {1e6 * cpu / size:0.0} CPU-µs per record, cores {100 * verifyBusy:0}% busy; this process meanwhile {selfDuring:0.0} CPU-s), peak RSS {peakKb / 1024.0:N0} MB, exit {exitCode} ({lastLine}); ceiling before {previous:N0}/s, after {next:N0}/s ({1e6 * Environment.ProcessorCount / Math.Max(previous, next):0.0} µs per signature per core, cores {100 * LastCeilingBusy:0}% busy); ratio {ratio:0.00}"));
            previous = next;
        }
        ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio      median {ratios[ratios.Count / 2]:0.00}, lowest {ratios[0]:0.00}, highest {ratios[^1]:0.00} of the higher neighbouring ceiling"));
        return 0;
    }

    /// <summary>One verify under /usr/bin/time: wall time, the child's CPU seconds and peak RSS as the kernel counted them.</summary>
    private static async Task<(double Seconds, double CpuSeconds, long PeakKb, int ExitCode, string LastLine)> RunVerify(string scrutineer, string dir)
    {
        const string Time = "/usr/bin/time";
        if (!File.Exists(Time)) throw new InvalidOperationException($"{Time} is needed for the child's CPU time and peak memory (Debian package: time)");
        var psi = new ProcessStartInfo(Time, ["-f", "rusage %U %S %M", "dotnet", scrutineer, "verify", dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var output = await stdout;
        var usage = (await stderr).Split('\n').Last(l => l.StartsWith("rusage ", StringComparison.Ordinal)).Split(' ');
        double cpu = double.Parse(usage[1], CultureInfo.InvariantCulture) + double.Parse(usage[2], CultureInfo.InvariantCulture);
        return (seconds, cpu, long.Parse(usage[3], CultureInfo.InvariantCulture), p.ExitCode, output.TrimEnd().Split('\n')[^1]);
    }

    /// <summary>Up to 200,000 of the log's own ballots: key, signed payload, signature.</summary>
    private static (byte[] Key, byte[] Payload, byte[] Sig)[] CeilingPayloads(string dir)
    {
        var ballots = new List<Ballot>();
        foreach (var r in Scrutineer.Verify.ExportedLog.Read(dir).Records)
        {
            if (Canonical.Parse(r) is { BodyCase: LogRecord.BodyOneofCase.Ballot } b) ballots.Add(b.Ballot);
            if (ballots.Count == 200_000) break;
        }
        return [.. ballots.Select(b => (b.CredentialKey.ToByteArray(), VoterSigning.BallotPayload(b), b.Signature.ToByteArray()))];
    }

    /// <summary>The share of all cores the last ceiling run kept busy (1.0 = every core all the time).</summary>
    private static double LastCeilingBusy;

    /// <summary>Verifies/s on every core with nothing else running, by the same Ed25519.Verify the scrutineer uses.</summary>
    private static double Ceiling((byte[] Key, byte[] Payload, byte[] Sig)[] payloads, out int valid)
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        int ok = 0;
        Parallel.For(0, payloads.Length, i => { if (Voting.Core.Crypto.Ed25519.Verify(payloads[i].Key, payloads[i].Payload, payloads[i].Sig)) Interlocked.Increment(ref ok); });
        valid = ok;
        LastCeilingBusy = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / (clock.Elapsed.TotalSeconds * Environment.ProcessorCount);
        return payloads.Length / clock.Elapsed.TotalSeconds;
    }
}
