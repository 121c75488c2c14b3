using System.Diagnostics;

namespace Voting.Fuzz;

/// <summary>What a run of one target found.</summary>
public sealed record Summary(string Target, long Inputs, int Crashes, int Hangs, int FalseVerified, TimeSpan Wall, IReadOnlyList<(long Index, Finding Finding)> Findings)
{
    public bool Clean => Findings.Count == 0;
}

/// <summary>
/// Runs a target over inputs from..from+count−1. Input i's generator is seeded from (seed, target, i) alone, so any
/// finding is reproduced with --from i --inputs 1, whatever ran before it.
/// </summary>
public static class FuzzRun
{
    /// <param name="hangAfter">
    /// Long mode only: an input still running after this long is reported as a hang and the run stops (a thread
    /// cannot be aborted). The bounded test run passes null: it counts inputs and never times them.
    /// </param>
    public static Summary Run(Target target, ulong seed, long from, long count, TimeSpan? hangAfter = null, Action<long, Finding>? report = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var findings = new List<(long, Finding)>();
        var wall = Stopwatch.StartNew();
        long current = -1, startedAt = 0;
        using var stop = new CancellationTokenSource();
        Thread? watchdog = null;
        if (hangAfter is { } limit)
        {
            watchdog = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Thread.Sleep(200);
                    long i = Interlocked.Read(ref current);
                    if (i >= 0 && Stopwatch.GetElapsedTime(Interlocked.Read(ref startedAt)) > limit)
                    {
                        var hang = new Finding("hang", $"input {i} still running after {limit.TotalSeconds} s", $"--target {target.Name} --seed {seed} --from {i} --inputs 1");
                        report?.Invoke(i, hang);
                        Console.Out.Flush();
                        Environment.Exit(3);
                    }
                }
            }) { IsBackground = true };
            watchdog.Start();
        }
        for (long i = from; i < from + count; i++)
        {
            Interlocked.Exchange(ref startedAt, Stopwatch.GetTimestamp());
            Interlocked.Exchange(ref current, i);
            Finding? f;
            try { f = target.One(new Random(InputSeed(seed, target.Name, i))); }
            catch (Exception e) { f = new Finding("crash", $"the target itself threw {e.GetType().Name}: {e.Message}", e.StackTrace ?? ""); }
            if (f is not null)
            {
                findings.Add((i, f));
                report?.Invoke(i, f);
            }
        }
        stop.Cancel();
        return new Summary(target.Name, count, findings.Count(x => x.Item2.Kind == "crash"), findings.Count(x => x.Item2.Kind == "hang"),
            findings.Count(x => x.Item2.Kind == "false-verified"), wall.Elapsed, findings);
    }

    /// <summary>SplitMix64 over the seed, an FNV-1a hash of the target's name and the index: stable across runs and machines.</summary>
    public static int InputSeed(ulong seed, string target, long index)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in target) h = unchecked((h ^ c) * 1099511628211UL);
        ulong z = unchecked(seed * 0x9E3779B97F4A7C15UL + h + (ulong)index * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(z ^ (z >> 31)));
    }
}
