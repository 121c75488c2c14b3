using Voting.Core.Records;

namespace Voting.Counting.Tests;

/// <summary>
/// Lots across the contests of one election (counting.md §7): draw numbers run on through the election, and each
/// contest's result lists its own draws only. Before, every result held the election's one live list, so the first
/// contest's document (hashed into the Declaration) listed the next contest's lots and the report indexed a lot's
/// candidates into the wrong contest's names.
/// </summary>
public class ElectionLotsTests
{
    private static Contest Fptp(string id, params string[] candidates)
    {
        var c = new Contest { ContestId = id, Title = id, Method = Method.Fptp, Seats = 1 };
        foreach (var name in candidates) c.Candidates.Add(new Candidate { CandidateId = name, Name = name });
        return c;
    }

    private static Ballot B(params uint[] perContest)
    {
        var b = new Ballot { Plain = new PlainBallot() };
        foreach (var choice in perContest) b.Plain.Votes.Add(new ContestVote { Choices = { choice } });
        return b;
    }

    // Contest "a" ties its last two of three candidates; contest "b", with two candidates, ties both.
    private static readonly ElectionDefinition TwoTies = new() { ElectionId = "lots", Contests = { Fptp("a", "x", "y", "z"), Fptp("b", "p", "q") } };
    private static readonly Ballot[] TiedBallots = [B(1, 0), B(2, 1)];

    [Fact]
    public void EachContestListsOnlyTheLotsDrawnForIt()
    {
        var counts = ElectionCount.Count(TwoTies, TiedBallots, new byte[32]);
        var first = Assert.Single(counts[0].Result.Lots);
        var second = Assert.Single(counts[1].Result.Lots);
        Assert.Equal([1, 2], first.Tied);
        Assert.Equal([0, 1], second.Tied);
        // One sequence of draw numbers for the election, so the two contests never share a key.
        Assert.Equal(0, first.Draw);
        Assert.Equal(1, second.Draw);
    }

    [Fact]
    public void AContestsResultDoesNotChangeWhenALaterContestDrawsLots()
    {
        var alone = new ElectionDefinition { ElectionId = "lots", Contests = { TwoTies.Contests[0].Clone() } };
        var aloneCounts = ElectionCount.Count(alone, [.. TiedBallots.Select(b => B(b.Plain.Votes[0].Choices[0]))], new byte[32]);
        var both = ElectionCount.Count(TwoTies, TiedBallots, new byte[32]);
        static string Shown(IEnumerable<Voting.Counting.Results.LotDraw> lots) => string.Join(";", lots.Select(d => $"{d.Draw} {d.Purpose} [{string.Join(",", d.Tied)}] {d.Chosen}"));
        Assert.Equal(Shown(aloneCounts[0].Result.Lots), Shown(both[0].Result.Lots));
        Assert.Equal(aloneCounts[0].Document, both[0].Document);
    }

    [Fact]
    public void ATopUpContestListsEachRulesDrawsOnce()
    {
        // Two top-up rules, each a one-seat count between two tied candidates: the combined result lists both draws
        // exactly once (each rule's count used to carry the live list, so the combination repeated them).
        var topUp = new Contest { ContestId = "national", Title = "Top-up", Method = Method.Stv, Seats = 2, TopUpSeats = 2, RuleSet = "scottish-stv" };
        foreach (var (id, key) in new[] { ("d1", "disabled"), ("d2", "disabled"), ("y1", "young"), ("y2", "young") })
            topUp.Candidates.Add(new Candidate { CandidateId = id, Name = id, Attributes = { new Voting.Core.Records.Attribute { Key = key, Value = "yes" } } });
        topUp.TopUpRules.Add(new Voting.Core.Records.TopUpRule { RuleId = "disabled", AttributeKey = "disabled", AttributeValue = "yes", MinElected = 1 });
        topUp.TopUpRules.Add(new Voting.Core.Records.TopUpRule { RuleId = "young", AttributeKey = "young", AttributeValue = "yes", MinElected = 1 });
        var definition = new ElectionDefinition { ElectionId = "topup-lots", Contests = { topUp } };
        var ballots = new List<Ballot>();
        foreach (uint c in new uint[] { 0, 1, 2, 3 }) ballots.Add(new Ballot { Plain = new PlainBallot { Votes = { new ContestVote { Choices = { c } } } } });
        var count = Assert.Single(ElectionCount.Count(definition, ballots, new byte[32]));
        Assert.Equal(2, count.TopUps.Count);
        Assert.All(count.TopUps, t => Assert.NotEmpty(t.Result.Lots));
        Assert.Equal(count.TopUps.Sum(t => t.Result.Lots.Count), count.Result.Lots.Count);
        Assert.Equal(count.Result.Lots.Count, count.Result.Lots.Select(d => d.Draw).Distinct().Count());
    }
}
