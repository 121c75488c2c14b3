using System.Globalization;

namespace Voting.Benchmarks;

/// <summary>Positional numeric arguments of the benchmark modes, each with its default when absent.</summary>
internal static class BenchArgs
{
    public static int Int(string[] args, int index, int absent) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : absent;
}
