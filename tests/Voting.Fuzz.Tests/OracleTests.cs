using Voting.Fuzz;

namespace Voting.Fuzz.Tests;

/// <summary>The harness itself: its oracles see what they must, and an input depends only on (seed, target, index).</summary>
public class OracleTests
{
    [Theory]
    [InlineData(0, "", true)]
    [InlineData(1, "scrutineer: error: line 2, column 1: expected a number\nhint: BLT is …\n", true)]
    [InlineData(2, "scrutineer: error: --seats must be at least 1\n", true)]
    [InlineData(1, "Unhandled exception: System.OverflowException: Arithmetic operation resulted in an overflow.\n   at Voting.Counting.Stv.Meek.Count()\n", false)]
    [InlineData(1, "scrutineer: error: x\n   at Somewhere()\n", false)]
    [InlineData(134, "", false)]
    [InlineData(1, "", false)]
    [InlineData(1, "warning: something\n", false)]
    public void TheCommandLineOracleAcceptsOnlyDocumentedEndings(int code, string stderr, bool documented) =>
        Assert.Equal(documented, CliOutcome.Problem("scrutineer", code, stderr) is null);

    [Fact]
    public void AnInputDependsOnlyOnSeedTargetAndIndex()
    {
        Assert.Equal(FuzzRun.InputSeed(1, "blt", 42), FuzzRun.InputSeed(1, "blt", 42));
        var seeds = Enumerable.Range(0, 1000).Select(i => FuzzRun.InputSeed(1, "blt", i)).ToHashSet();
        Assert.True(seeds.Count > 990, "inputs of one run differ");
        Assert.NotEqual(FuzzRun.InputSeed(1, "blt", 42), FuzzRun.InputSeed(2, "blt", 42));
        Assert.NotEqual(FuzzRun.InputSeed(1, "blt", 42), FuzzRun.InputSeed(1, "log", 42));
    }

    /// <summary>The false-VERIFIED test: the original log is not a difference; one changed record byte, or a checkpoint at another size, is.</summary>
    [Fact]
    public void AChangedLogIsADifferenceAndTheOriginalIsNot()
    {
        var original = Corpus.Valid;
        Assert.False(Corpus.Differs([.. original.Records], original.Checkpoints));
        var records = original.Records.ToList();
        var changed = (byte[])records[3].Clone();
        changed[^1] ^= 1;
        records[3] = changed;
        Assert.True(Corpus.Differs(records, original.Checkpoints));
        var moved = new SortedDictionary<ulong, string>(original.Checkpoints);
        var (size, note) = moved.First(kv => kv.Key > 0);
        moved.Remove(size);
        moved[size + 1000] = note;
        Assert.True(Corpus.Differs([.. original.Records], moved));
        var dropped = new SortedDictionary<ulong, string>(original.Checkpoints);
        dropped.Remove(size);
        Assert.False(Corpus.Differs([.. original.Records], dropped));
    }
}
