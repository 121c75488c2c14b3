using System.Diagnostics;
using System.Globalization;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Core.Tiles;

namespace Voting.Benchmarks;

/// <summary>
/// `verify DIR`: the scrutineer CLI verifying an export, as its own process (wall time; peak RSS from
/// /proc/PID/status VmHWM, polled until it exits), next to the Ed25519-verify ceiling of this machine measured in
/// the same run: up to 200,000 of the log's own ballot signatures verified on all cores with nothing else running.
/// </summary>
internal static class VerifyThroughput
{
    public static async Task<int> Run(string[] args)
    {
        if (args.Length < 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: verify DIR   (an export, e.g. from bench/LogGen)");
            return 2;
        }
        var dir = Path.GetFullPath(args[0]);
        var scrutineer = Path.Combine(AppContext.BaseDirectory, "scrutineer.dll");
        var psi = new ProcessStartInfo("dotnet", [scrutineer, "verify", dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peakKb = 0;
        while (!p.HasExited)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync($"/proc/{p.Id}/status"))
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                        peakKb = Math.Max(peakKb, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
            }
            catch (IOException) { }
            await Task.Delay(50);
        }
        await p.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var output = await stdout;
        await stderr;

        var log = Scrutineer.Verify.ExportedLog.Read(dir);
        var size = (ulong)log.Records.Count;
        var ballots = new List<Ballot>();
        foreach (var r in log.Records)
        {
            if (Canonical.Parse(r) is { BodyCase: LogRecord.BodyOneofCase.Ballot } b) ballots.Add(b.Ballot);
            if (ballots.Count == 200_000) break;
        }
        var payloads = ballots.Select(b => (Key: b.CredentialKey.ToByteArray(), Payload: VoterSigning.BallotPayload(b), Sig: b.Signature.ToByteArray())).ToArray();
        var ceilingClock = Stopwatch.StartNew();
        int valid = 0;
        Parallel.For(0, payloads.Length, i => { if (Voting.Core.Crypto.Ed25519.Verify(payloads[i].Key, payloads[i].Payload, payloads[i].Sig)) Interlocked.Increment(ref valid); });
        double ceiling = payloads.Length / ceilingClock.Elapsed.TotalSeconds;
        double rate = size / seconds;
        Console.WriteLine($"log        {size:N0} records, {dir}");
        Console.WriteLine($"verify     {seconds:0.0} s wall ({rate:N0} records/s), peak RSS {peakKb / 1024.0:N0} MB, exit {p.ExitCode} ({output.TrimEnd().Split('\n')[^1]})");
        Console.WriteLine($"ceiling    {ceiling:N0} Ed25519 verifies/s on {Environment.ProcessorCount} cores ({payloads.Length:N0} of the log's ballot signatures, {valid:N0} valid; backend {Voting.Core.Crypto.Ed25519.Backend.GetType().Name})");
        Console.WriteLine($"ratio      {rate / ceiling:0.00} of the ceiling");
        return 0;
    }
}
