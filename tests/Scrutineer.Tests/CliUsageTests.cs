namespace Scrutineer.Tests;

/// <summary>A command line the parser refuses: each problem once, and a hint that points at the command's own help.</summary>
public class CliUsageTests
{
    [Fact]
    public void AMissingArgumentIsReportedOnceWithTheCommandsHelpAsTheHint()
    {
        var (code, output, error) = CliRunner.Run("verify-diff");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var lines = error.TrimEnd().Split('\n');
        Assert.Single(lines, l => l.Contains("Required argument missing", StringComparison.Ordinal));
        Assert.Equal("hint: scrutineer verify-diff --help shows its arguments and an example", lines[^1].TrimEnd('\r'));
    }

    [Fact]
    public void AnUnknownCommandPointsAtTheCommandList()
    {
        var (code, _, error) = CliRunner.Run("recount");
        Assert.Equal(2, code);
        Assert.Contains("scrutineer: error: ", error, StringComparison.Ordinal);
        Assert.EndsWith("hint: scrutineer --help lists the commands", error.TrimEnd(), StringComparison.Ordinal);
    }
}
