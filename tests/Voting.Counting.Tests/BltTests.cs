using Voting.Core.Records;
using Voting.Core.Ballots;
using Voting.Counting.Blt;

namespace Voting.Counting.Tests;

public class BltTests
{
    private const string Sample = """
        # a comment line
        4 2
        -3
        5 1 2 0   # five ballots
        3 2 1 4 0
        2 3 4 0
        1 0
        0
        "Ann"
        "Ben # not a comment"
        "Cat"
        "Dee"
        "Sample election"
        """;

    [Fact]
    public void ReadsWeightsWithdrawalsCommentsAndNames()
    {
        var e = BltReader.Read(Sample);
        Assert.Equal(2, e.Seats);
        Assert.Equal(["Ann", "Ben # not a comment", "Cat", "Dee"], e.Names);
        Assert.Equal("Sample election", e.Title);
        Assert.Equal([2], e.Withdrawn);
        Assert.Equal(11, e.Profile.TotalWeight);
        // Withdrawn candidate 3 is struck out of "3 4"; the empty ballot "1 0" is kept with weight 1.
        Assert.Contains(e.Profile.Rankings, r => r.SequenceEqual([3]));
        Assert.Contains(e.Profile.Rankings, r => r.Length == 0);
    }

    [Fact]
    public void WriteThenReadGivesTheSameElection()
    {
        var e = BltReader.Read(Sample);
        var again = BltReader.Read(BltWriter.Write(e));
        Assert.Equal(e.Names, again.Names);
        Assert.Equal(e.Withdrawn, again.Withdrawn);
        Assert.Equal(e.Profile.Rankings.Select(r => string.Join(",", r)), again.Profile.Rankings.Select(r => string.Join(",", r)));
        Assert.Equal(e.Profile.Weights, again.Profile.Weights);
    }

    [Fact]
    public void IdenticalRankingsAreGroupedWithTheirWeights()
    {
        var e = BltReader.Read("3 1\n2 1 2 0\n4 1 2 0\n1 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n");
        Assert.Equal(2, e.Profile.Rankings.Count);
        Assert.Equal([6L, 1L], e.Profile.Weights);
    }

    [Fact]
    public void KeepingLeadingPreferencesChangesNoSingleRoundResultAndStillChecksWholeLines()
    {
        var full = BltReader.Read(Sample);
        var first = BltReader.Read(System.Text.Encoding.UTF8.GetBytes(Sample), keepPreferences: 1);
        Assert.All(first.Profile.Rankings, r => Assert.True(r.Length <= 1));
        Assert.Equal(full.Profile.TotalWeight, first.Profile.TotalWeight);
        Assert.Equal(ResultsOf(full), ResultsOf(first));
        Assert.Throws<BltFormatException>(() => BltReader.Read(System.Text.Encoding.UTF8.GetBytes("3 1\n2 1 2 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n"), keepPreferences: 1));

        static string ResultsOf(BltElection e) =>
            Results.ResultJson.ToText(Plurality.PluralityCount.Fptp(e.Profile, e.Names, Lots.ForStandalone()));
    }

    [Theory]
    [InlineData("", 1, 1, "empty")]
    [InlineData("3\n", 1, 2, "expected number of seats")]
    [InlineData("3 1\n2 1 2\n0\n", 2, 6, "must end with 0")]
    [InlineData("3 1\n2 1 x 0\n0\n", 2, 5, "found \"x\"")]
    [InlineData("3 1\n2 1 4 0\n0\n", 2, 5, "candidate number 4 is outside")]
    [InlineData("3 1\n2 1 2 1 0\n0\n", 2, 7, "ranked twice")]
    [InlineData("3 1\n2 1=2 0\n0\n", 2, 4, "equal rankings")]
    [InlineData("3 1\n2 1 0\n", 3, 1, "ends before the \"0\"")]
    [InlineData("3 1\n2 1 0\n0\n\"A\"\nB\n", 5, 1, "double-quoted")]
    [InlineData("3 1\n2 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\nextra\n", 8, 1, "after the title")]
    [InlineData("3 4\n0\n", 1, 3, "seats 4 is outside")]
    [InlineData("501 1\n0\n", 1, 1, "number of candidates 501 is outside 1..500")]
    [InlineData("3 1\n100000000000000 1 0\n0\n", 2, 1, "ballot weight 100000000000000 is outside 0..1000000000")]
    [InlineData("3 1\n600000000 1 0\n# a comment\n400000001 2 0\n0\n", 4, 1, "total weight passes 1000000000 here")]
    public void MalformedFilesNameLineAndColumn(string text, int line, int column, string message)
    {
        var e = Assert.Throws<BltFormatException>(() => BltReader.Read(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (e.Line, e.Column));
    }
}

public class LotsAndConstraintExampleTests
{
    [Fact]
    public void LotsAreDeterministicAndDependOnEverySeed()
    {
        int[] tied = [4, 1, 7, 2];
        var organisers = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        int Draw(byte[] contribution) => new Lots(LotSeeds.LotSeed(organisers, [contribution])).Choose(tied, "test");
        var contribution = new byte[32];
        Assert.Equal(Draw(contribution), Draw([.. contribution]));
        var picks = Enumerable.Range(0, 40).Select(i => Draw([.. Enumerable.Repeat((byte)i, 32)])).ToHashSet();
        Assert.True(picks.Count > 1, "different contributions should not always draw the same candidate");
        var lots = new Lots(LotSeeds.LotSeed(organisers, [contribution]));
        lots.Choose(tied, "first");
        lots.Choose(tied, "second");
        Assert.Equal([0, 1], lots.Draws.Select(d => d.Draw));
        Assert.All(lots.Draws, d => Assert.Contains(d.Chosen, tied));
        // A standalone count's lots are those of an election with no contributions (counting.md §7).
        Assert.Equal(new Lots(LotSeeds.LotSeed(organisers, [])).Choose(tied, "x"), Lots.ForStandalone(organisers).Choose(tied, "x"));
    }

    private static string Example(string name) => TestPaths.Repo("docs", "spec", "examples", name);

    /// <summary>counting.md §6.4: the worked example elects two women, one of them BAME, and names the constraint that forced each exclusion.</summary>
    [Fact]
    public void RegionNorthWorkedExample()
    {
        var e = BltReader.Read(File.ReadAllBytes(Example("region-north.blt")));
        var women = new GroupConstraint("women", new HashSet<int> { 4, 5 }, 2, null);
        var bame = new GroupConstraint("bame", new HashSet<int> { 3, 5 }, 1, null);
        var r = Stv.ScottishStv.Count(e.Profile, e.Seats, e.Names, Lots.ForStandalone(), e.Withdrawn, new Constraints([women, bame]));
        Assert.Equal([0, 1, 5, 4], r.Elected);
        var forced = r.Stages.Where(s => s.Kind == Results.StageKind.DeemedExclusion).ToList();
        Assert.Equal([2, 3, 6], forced.Select(s => s.Candidate!.Value));
        Assert.All(forced, s => Assert.Equal("women (at least 2)", s.Constraint));
        var plain = Stv.ScottishStv.Count(e.Profile, e.Seats, e.Names, Lots.ForStandalone(), e.Withdrawn);
        Assert.Equal([0, 1, 2, 5], plain.Elected);
    }

    [Fact]
    public void TopUpSeatsGoToGroupsBelowTheirMinimum()
    {
        // Six national candidates: 0..5. Disabled: {1, 4}; LGBT+: {2, 5}; under-30: {0, 3, 5}.
        var p = new Profile(6);
        p.Add([4, 1, 0], 30);
        p.Add([1, 4], 20);
        p.Add([5, 2], 25);
        p.Add([2, 5, 3], 15);
        p.Add([3, 0], 10);
        var names = Enumerable.Range(1, 6).Select(i => $"N{i}").ToList();
        var rules = new List<TopUpRule>
        {
            new("disabled", new HashSet<int> { 1, 4 }, 1),
            new("lgbt", new HashSet<int> { 2, 5 }, 1),
            new("under-30", new HashSet<int> { 0, 3, 5 }, 3),
        };
        // The main counts elected 0 (under-30) and 2 (LGBT+): disabled is short by 1, LGBT+ is met, under-30 short by 2.
        var counts = TopUpSeats.Fill(p, names, topUpSeats: 2, rules, new HashSet<int> { 0, 2 }, Lots.ForStandalone());
        Assert.Equal(["disabled", "under-30"], counts.Select(c => c.Rule.Id));
        Assert.Equal([4], counts[0].Result.Elected);
        Assert.Equal(1, counts[1].Seats); // only one top-up seat left of the two
        Assert.Contains(counts[1].Result.Elected.Single(), new[] { 3, 5 });
    }
}
