using System.Text;
using Voting.Counting.Blt;

namespace Voting.Counting.Tests;

/// <summary>
/// The reader's fast path for plain ballot lines must give exactly what the general scanner gives: the same file
/// written plainly (fast path) and with tabs, extra spaces, comments and CRLF on every line (general path only),
/// or with the two mixed line by line, reads to the same rankings, weights and order.
/// </summary>
public class BltFastPathTests
{
    [Theory]
    [InlineData(1, 6, 0, null)]
    [InlineData(2, 20, 2, null)]
    [InlineData(3, 20, 0, 1)]
    [InlineData(4, 9, 3, 2)]
    [InlineData(5, 40, 1, null)]
    [InlineData(6, 64, 2, 3)]
    [InlineData(7, 70, 1, null)]
    public void PlainAndDecoratedLinesReadAlike(int seed, int candidates, int withdrawn, int? keep)
    {
        var rng = new Random(seed);
        var ballots = Enumerable.Range(0, 400).Select(_ =>
        {
            int weight = rng.Next(6); // weight 0 lines are kept out of the profile on both paths
            var ranking = Enumerable.Range(1, candidates).OrderBy(_ => rng.Next()).Take(rng.Next(candidates + 1)).ToArray();
            return (weight, ranking);
        }).ToList();
        var header = $"{candidates} 1\n" + (withdrawn > 0 ? string.Join(' ', Enumerable.Range(1, withdrawn).Select(c => -c)) + "\n" : "");
        var footer = "0\n" + string.Concat(Enumerable.Range(1, candidates).Select(c => $"\"C{c}\"\n")) + "\"T\"\n";
        string Plain((int W, int[] R) b) => $"{b.W} {string.Join("", b.R.Select(c => $"{c} "))}0\n";
        string Decorated((int W, int[] R) b) => $"  {b.W}\t{string.Join("", b.R.Select(c => $"{c}  "))}0 # note\r\n";
        var plain = header + string.Concat(ballots.Select(Plain)) + footer;
        var decorated = header + string.Concat(ballots.Select(Decorated)) + footer;
        var mixed = header + string.Concat(ballots.Select((b, i) => i % 3 == 0 ? Decorated(b) : Plain(b))) + footer;
        var expected = Shape(decorated);
        Assert.Equal(expected, Shape(plain));
        Assert.Equal(expected, Shape(mixed));

        string Shape(string text)
        {
            var p = BltReader.Read(Encoding.UTF8.GetBytes(text), keep).Profile;
            return string.Join(";", p.Rankings.Select((r, i) => $"{p.Weights[i]}:{string.Join(",", r)}"));
        }
    }

    [Theory]
    [InlineData("3 1\n2 1 2 0\r\n1 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"", 3)]
    [InlineData("3 1\n0 1 2 0\n1 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n", 1)]
    [InlineData("3 1\n1 3 0\n1 3 0 \n1 03 00\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n", 3)]
    public void EdgeLinesCountAsTheGeneralScannerCountsThem(string text, long totalWeight)
    {
        Assert.Equal(totalWeight, BltReader.Read(text).Profile.TotalWeight);
    }

    [Theory]
    [InlineData("3 1\n2 1 0", 2, 6, "ends before the \"0\"")]
    [InlineData("3 1\n2 1 0\n2 1 2 0 x\n0\n", 3, 9, "unexpected \"x\"")]
    [InlineData("3 1\n2 1 0\n2 1 2 1 0\n0\n", 3, 7, "ranked twice")]
    [InlineData("3 1\n2 1 0\n2 1 1000 0\n0\n", 3, 5, "candidate number 1000 is outside")]
    [InlineData("3 1\n2 1 0\n1000000001 1 0\n0\n", 3, 1, "ballot weight 1000000001 is outside")]
    public void ErrorsAfterFastLinesStillNameLineAndColumn(string text, int line, int column, string message)
    {
        var e = Assert.Throws<BltFormatException>(() => BltReader.Read(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (e.Line, e.Column));
    }
}
