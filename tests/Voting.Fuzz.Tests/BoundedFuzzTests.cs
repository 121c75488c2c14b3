using Voting.Fuzz;

namespace Voting.Fuzz.Tests;

/// <summary>
/// The fuzz harness (bench/Fuzz) in the test command: each target over a fixed number of inputs from a fixed seed,
/// so a run is reproducible and a finding is replayed with `dotnet run -c Release --project bench/Fuzz -- --target T
/// --from I --inputs 1`. Sizes are counts of inputs, never times. The long mode runs a million per target (docs/benchmarks.md).
/// </summary>
public class BoundedFuzzTests
{
    private const ulong Seed = 20261202;

    [Theory]
    [InlineData("blt", 3000)]
    [InlineData("constraints", 2000)]
    [InlineData("policy", 4000)]
    [InlineData("receipt", 2000)]
    [InlineData("election-json", 3000)]
    [InlineData("members-csv", 4000)]
    [InlineData("notes", 4000)]
    [InlineData("records", 4000)]
    [InlineData("grpc", 2000)]
    [InlineData("log", 1000)]
    [InlineData("export", 600)]
    public void NoInputCrashesHangsOrFalselyVerifies(string target, int inputs)
    {
        using var t = AllTargets.Create(target);
        var s = FuzzRun.Run(t, Seed, 0, inputs);
        Assert.Equal(inputs, s.Inputs);
        Assert.True(s.Clean, string.Join("\n", s.Findings.Take(5).Select(f => $"{target} #{f.Index} {f.Finding}")));
    }

    [Fact]
    public void EveryTargetIsRunHere()
    {
        var here = typeof(BoundedFuzzTests).GetMethod(nameof(NoInputCrashesHangsOrFalselyVerifies))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().Select(d => (string)d.Data[0]!);
        Assert.Equal(AllTargets.Names.Order(StringComparer.Ordinal), here.Order(StringComparer.Ordinal));
    }
}
