using System.Diagnostics;
using System.Globalization;
using Voting.Counting;
using Voting.Counting.Blt;
using Voting.Counting.Plurality;
using Voting.Counting.Stv;

namespace Voting.Benchmarks;

/// <summary>
/// Times a count in phases: read the file, parse the BLT into a compressed profile, count. Runs
/// the whole thing several times in one process and reports each run, so JIT warm-up is visible.
/// </summary>
internal static class CountThroughput
{
    public static int Run(string[] args)
    {
        if (args.Length < 2) { Console.Error.WriteLine("usage: count FILE METHOD [SEATS] [RUNS]"); return 2; }
        string file = args[0], method = args[1];
        int runs = BenchArgs.Int(args, 3, 3);
        for (int run = 1; run <= runs; run++)
        {
            GC.Collect();
            long allocBefore = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            var text = File.ReadAllBytes(file);
            var read = sw.Elapsed;
            var blt = BltReader.Read(text);
            var parsed = sw.Elapsed;
            int seats = BenchArgs.Int(args, 2, blt.Seats);
            var lots = Lots.ForStandalone();
            var result = method switch
            {
                "scottish-stv" => ScottishStv.Count(blt.Profile, seats, blt.Names, lots, blt.Withdrawn),
                "meek" => Meek.Count(blt.Profile, seats, blt.Names, lots, blt.Withdrawn),
                "ers97" => Ers97.Count(blt.Profile, seats, blt.Names, lots, blt.Withdrawn),
                _ => PluralityCount.Fptp(blt.Profile, blt.Names, lots),
            };
            var counted = sw.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: read {read.TotalMilliseconds:F0} ms, parse {(parsed - read).TotalMilliseconds:F0} ms ({blt.Profile.Rankings.Count} distinct of {blt.Profile.TotalWeight}), count {(counted - parsed).TotalMilliseconds:F0} ms, total {counted.TotalMilliseconds:F0} ms; allocated {(GC.GetTotalAllocatedBytes(true) - allocBefore) / 1048576.0:F0} MiB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB; elected {string.Join(",", result.Elected.Select(c => c + 1))}"));
        }
        return 0;
    }
}
