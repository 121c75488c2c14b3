using System.Text.Json;

namespace Scrutineer.Tests;

/// <summary>scrutineer count in script style: arguments in; stdout, stderr and exit code out.</summary>
public class CountCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static string Example => TestPaths.Repo("docs", "spec", "examples", "region-north.blt");

    private static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"scrutineer-test-{Guid.NewGuid():N}.blt");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void PrintsTheStageTable()
    {
        var (code, o, e) = Run("count", "--method", "scottish-stv", "--seats", "4", Example);
        Assert.Equal(0, code);
        Assert.Equal("", e);
        Assert.Contains("Quota: 23.00000", o, StringComparison.Ordinal);
        Assert.Contains("Elected, in order: 1 Alan (man), 2 Bob (man), 3 Carl (man), 6 Fay (woman, BAME)", o, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonHasElectedQuotaAndStages()
    {
        var (code, o, _) = Run("count", "--json", Example);
        Assert.Equal(0, code);
        var doc = JsonDocument.Parse(o).RootElement;
        Assert.Equal([1, 2, 3, 6], doc.GetProperty("elected").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal("23.00000", doc.GetProperty("quota").GetString());
        var first = doc.GetProperty("stages")[0];
        Assert.Equal("First preferences", first.GetProperty("action").GetString());
        Assert.Equal("30.00000", first.GetProperty("votes").GetProperty("1").GetString());
        // Transfers are what each stage moved: they sum to zero, and stage 2 moves Alan's surplus of 7.
        foreach (var stage in doc.GetProperty("stages").EnumerateArray().Skip(1))
            Assert.Equal(0m, stage.GetProperty("transfers").EnumerateObject().Sum(t => decimal.Parse(t.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("-7.00000", doc.GetProperty("stages")[1].GetProperty("transfers").GetProperty("1").GetString());
    }

    [Fact]
    public void ConstraintsFileForcesAndNamesDecisions()
    {
        var (code, o, _) = Run("count", "--json", "--constraints", TestPaths.Repo("docs", "spec", "examples", "region-north.constraints"), Example);
        Assert.Equal(0, code);
        var doc = JsonDocument.Parse(o).RootElement;
        Assert.Equal([1, 2, 6, 5], doc.GetProperty("elected").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Contains(doc.GetProperty("stages").EnumerateArray(), s => s.TryGetProperty("constraint", out var c) && c.GetString() == "women (at least 2)");
    }

    [Theory]
    [InlineData("meek", "[1,2,3,6]")]
    [InlineData("ers97", "[1,2,3,6]")]
    [InlineData("block", "[1,2,3,7]")]
    [InlineData("approval", "[1,2,3,7]")]
    public void OtherMethods(string method, string elected)
    {
        var (code, o, e) = Run("count", "--method", method, "--json", Example);
        Assert.True(code == 0, e);
        var got = "[" + string.Join(",", JsonDocument.Parse(o).RootElement.GetProperty("elected").EnumerateArray().Select(x => x.GetInt32())) + "]";
        Assert.Equal(elected, got);
    }

    [Fact]
    public void FptpAndReferendumFillOneSeat()
    {
        Assert.Equal(0, Run("count", "--method", "fptp", "--seats", "1", Example).Code);
        var (code, _, e) = Run("count", "--method", "fptp", Example);
        Assert.Equal(2, code);
        Assert.Contains("scrutineer: error: fptp fills one seat", e, StringComparison.Ordinal);
        Assert.Contains("hint: use --method block", e, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMethodIsAUsageError()
    {
        var (code, o, e) = Run("count", "--method", "borda", Example);
        Assert.Equal(2, code);
        Assert.Equal("", o);
        Assert.StartsWith("scrutineer: error: unknown method \"borda\"", e, StringComparison.Ordinal);
        Assert.Contains("hint: use one of scottish-stv, ers97, meek, fptp, block, referendum, approval", e, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedBltNamesLineAndColumn()
    {
        var path = TempFile("3 1\n2 1 x 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n");
        try
        {
            var (code, o, e) = Run("count", path);
            Assert.Equal(1, code);
            Assert.Equal("", o);
            Assert.Contains("line 2, column 5: expected candidate number as a whole number, found \"x\"", e, StringComparison.Ordinal);
            Assert.Contains("hint: BLT is", e, StringComparison.Ordinal);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(new[] { "count", "/nonexistent/ballots.blt" }, "does not exist")]
    [InlineData(new[] { "count", "--seats", "9", "EXAMPLE" }, "--seats 9 must be between 1 and the 7 candidates")]
    // Found by the fuzzer (bench/Fuzz, target blt): block read the file keeping -1 preferences and threw.
    [InlineData(new[] { "count", "--method", "block", "--seats", "-1", "EXAMPLE" }, "--seats -1 must be at least 1")]
    [InlineData(new[] { "count", "--method", "block", "--seats", "0", "EXAMPLE" }, "--seats 0 must be at least 1")]
    [InlineData(new[] { "count", "--seed", "abc", "EXAMPLE" }, "--seed must be 64 hex digits")]
    [InlineData(new[] { "count", "--method", "meek", "--constraints", "EXAMPLE", "EXAMPLE" }, "--constraints applies to scottish-stv counts only")]
    [InlineData(new[] { "count", "--bogus", "EXAMPLE" }, "Unrecognized command or argument")]
    [InlineData(new[] { "count" }, "Required argument missing")]
    public void UsageErrorsExitTwoWithAMessage(string[] args, string message)
    {
        var (code, o, e) = Run([.. args.Select(a => a == "EXAMPLE" ? Example : a)]);
        Assert.Equal(2, code);
        Assert.Equal("", o);
        Assert.Contains("scrutineer: error:", e, StringComparison.Ordinal);
        Assert.Contains(message, e, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedChangesOnlyLots()
    {
        var a = Run("count", "--json", "--seed", new string('0', 64), Example).Out;
        var b = Run("count", "--json", "--seed", new string('1', 64), Example).Out;
        Assert.Equal(a, b); // this example has no ties, so the seed cannot matter
    }

    [Fact]
    public void ReferendumReportsEveryFigure()
    {
        var (code, o, e) = Run("count", "--method", "referendum", "--seats", "1", "--roll", "400", "--json", Example);
        Assert.True(code == 0, e);
        var f = JsonDocument.Parse(o).RootElement.GetProperty("figures");
        Assert.Equal(114, f.GetProperty("ballots").GetInt64());
        Assert.Equal(0, f.GetProperty("blank").GetInt64());
        Assert.Equal("28.50", f.GetProperty("turnout_percent").GetString());
        var options = f.GetProperty("options").EnumerateArray().ToList();
        Assert.Equal(7, options.Count);
        Assert.Equal("26.32", options[0].GetProperty("share_of_marked_ballots_percent").GetString());
        Assert.Equal(114, options.Sum(x => x.GetProperty("votes").GetInt64()));
        Assert.Equal(2, Run("count", "--method", "referendum", "--seats", "1", "--roll", "100", Example).Code);
    }

    /// <summary>A constraints file that no count could satisfy is an error naming that file and the constraint, not a crash.</summary>
    [Fact]
    public void UnsatisfiableConstraintsAreAnErrorNamingTheConstraint()
    {
        var file = TempFile("women 3 - 1\nbame 1 - 4 6\n");
        var (code, o, e) = Run("count", "--constraints", file, Example);
        Assert.Equal(1, code);
        Assert.Equal("", o);
        Assert.Equal($"scrutineer: error: {Path.GetFileName(file)}: the constraints cannot be met by the 7 candidates standing for 4 seats: women cannot be met\n", e);
    }

    /// <summary>A mistake in the constraints file is reported against the constraints file, not the BLT.</summary>
    [Fact]
    public void AConstraintsFileErrorNamesTheConstraintsFile()
    {
        var file = TempFile("# groups\nwomen 2 - 1 99\n");
        var (code, o, e) = Run("count", "--constraints", file, Example);
        Assert.Equal(1, code);
        Assert.Equal("", o);
        Assert.StartsWith($"scrutineer: error: {Path.GetFileName(file)}: line 2, column 1: candidate \"99\" must be a whole number in 1..7\nhint: a constraints line is", e, StringComparison.Ordinal);
    }

    /// <summary>
    /// Weights past what fixed point can carry (1e14 broke scottish-stv and meek, 9.2e16 ers97) are refused by the
    /// reader naming the line; at the documented most, 10^9 ballots, every method counts.
    /// </summary>
    [Theory]
    [InlineData("scottish-stv", "100000000000000")]
    [InlineData("meek", "100000000000000")]
    [InlineData("ers97", "92000000000000000")]
    [InlineData("meek", "1000000001")]
    public void WeightsPastTheMostACountHoldsAreAnErrorNamingTheLine(string method, string weight)
    {
        var file = TempFile($"3 1\n{weight} 1 2 0\n1 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n");
        var (code, o, e) = Run("count", "--method", method, file);
        Assert.Equal(1, code);
        Assert.Equal("", o);
        Assert.StartsWith($"scrutineer: error: {Path.GetFileName(file)}: line 2, column 1: ballot weight {weight} is outside 0..1000000000\nhint: ", e, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scottish-stv")]
    [InlineData("meek")]
    [InlineData("ers97")]
    [InlineData("fptp")]
    [InlineData("block")]
    [InlineData("approval")]
    [InlineData("referendum")]
    public void TheMostBallotsACountHoldsAreCounted(string method)
    {
        // Three candidates so that STV transfers a surplus and excludes, with the biggest weights moving.
        var file = TempFile("3 1\n600000000 1 2 0\n399999999 2 3 0\n1 3 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n");
        var (code, o, e) = Run("count", "--json", "--method", method, file);
        Assert.True(code == 0, e);
        var doc = JsonDocument.Parse(o).RootElement;
        // Approval counts every mark: B is on 999,999,999 ballots, A on 600,000,001.
        Assert.Equal([method == "approval" ? 2 : 1], doc.GetProperty("elected").EnumerateArray().Select(x => x.GetInt32()));
        var file2 = TempFile("3 2\n300000000 1 2 0\n300000000 2 1 0\n399999999 3 1 0\n1 3 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n");
        if (method is "fptp" or "referendum") return;
        var two = Run("count", "--json", "--method", method, "--seats", "2", file2);
        Assert.True(two.Code == 0, two.Err);
        Assert.Equal(2, JsonDocument.Parse(two.Out).RootElement.GetProperty("elected").GetArrayLength());
    }

    /// <summary>
    /// The worst case at the most candidates a contest may have (counting.md §1): nobody reaches the quota, every
    /// exclusion is a tie among hundreds of candidates on 0 votes broken through every stage. It must finish and fill the seat.
    /// </summary>
    [Theory]
    [InlineData("scottish-stv")]
    [InlineData("meek")]
    [InlineData("ers97")]
    public void TheWorstCaseAtTheMostCandidatesIsCounted(string method)
    {
        var names = string.Concat(Enumerable.Range(1, 500).Select(i => $"\"C{i}\"\n"));
        var file = TempFile($"500 1\n1 1 0\n1 2 0\n1 3 0\n0\n{names}\"T\"\n");
        var (code, o, e) = Run("count", "--json", "--method", method, file);
        Assert.True(code == 0, e);
        Assert.Equal(1, JsonDocument.Parse(o).RootElement.GetProperty("elected").GetArrayLength());
        var over = TempFile($"501 1\n1 1 0\n0\n{names}\"C501\"\n\"T\"\n");
        Assert.StartsWith($"scrutineer: error: {Path.GetFileName(over)}: line 1, column 1: number of candidates 501 is outside 1..500", Run("count", "--method", method, over).Err, StringComparison.Ordinal);
    }
}
