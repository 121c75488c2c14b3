using System.Text.Json;
using Google.Protobuf;
using Voting.Core.Ballots;
using Voting.Core.Records;

namespace Voting.Counting.Tests;

/// <summary>A top-up contest inside an election count (counting.md §8.4): regional results feed the national top-up rules.</summary>
public class TopUpContestTests
{
    private static Candidate C(string id, params (string Key, string Value)[] attrs)
    {
        var c = new Candidate { CandidateId = id, Name = id.ToUpperInvariant() };
        foreach (var (k, v) in attrs.OrderBy(a => a.Key, StringComparer.Ordinal)) c.Attributes.Add(new Voting.Core.Records.Attribute { Key = k, Value = v });
        return c;
    }

    private static ElectionDefinition Definition()
    {
        var region = new Contest { ContestId = "north", Title = "North", Method = Method.Stv, Seats = 2, RuleSet = "scottish-stv" };
        region.Candidates.Add([C("ann"), C("bob"), C("cat", ("disabled", "yes")), C("dan", ("under30", "yes"))]);
        var topUp = new Contest { ContestId = "national", Title = "Top-up", Method = Method.Stv, Seats = 2, TopUpSeats = 2, RuleSet = "scottish-stv" };
        topUp.Candidates.Add([C("cat", ("disabled", "yes")), C("dan", ("under30", "yes")), C("eve", ("disabled", "yes"), ("under30", "yes")), C("fay", ("under30", "yes"))]);
        topUp.TopUpRules.Add(new Voting.Core.Records.TopUpRule { RuleId = "disabled", AttributeKey = "disabled", AttributeValue = "yes", MinElected = 1 });
        topUp.TopUpRules.Add(new Voting.Core.Records.TopUpRule { RuleId = "under30", AttributeKey = "under30", AttributeValue = "yes", MinElected = 1 });
        var d = new ElectionDefinition { ElectionId = "topup", Title = "Top-up test", Contests = { region, topUp } };
        return d;
    }

    private static Ballot B(uint[] region, uint[] national)
    {
        var b = new Ballot { Plain = new PlainBallot() };
        b.Plain.Votes.Add(new ContestVote { Choices = { region } });
        b.Plain.Votes.Add(new ContestVote { Choices = { national } });
        return b;
    }

    [Fact]
    public void ShortfallsAfterTheRegionsAreFilledFromTheTopUpBallots()
    {
        var def = Definition();
        Assert.DoesNotContain(DefinitionRules.Problems(def), p => p.Contains("contest", StringComparison.Ordinal));
        // The region elects ann and bob: no disabled or under-30 member. National ballots prefer eve, then fay.
        var ballots = new List<Ballot>();
        for (int i = 0; i < 40; i++) ballots.Add(B([0, 1], [2, 3]));
        for (int i = 0; i < 35; i++) ballots.Add(B([1, 0], [3, 1]));
        for (int i = 0; i < 10; i++) ballots.Add(B([2], [0]));
        var counts = ElectionCount.Count(def, ballots, new byte[32]);
        Assert.Equal(["ann", "bob"], counts[0].Result.Elected.Select(c => def.Contests[0].Candidates[c].CandidateId));
        var topUp = counts[1];
        // "disabled" elects eve, who is also under 30: "under30" is then met and takes no seat.
        Assert.Equal(["disabled"], topUp.TopUps.Select(t => t.Rule.Id));
        var electedIds = topUp.Result.Elected.Select(c => def.Contests[1].Candidates[c].CandidateId).ToList();
        Assert.Equal("eve", electedIds[0]);
        Assert.Single(electedIds);
        var doc = JsonDocument.Parse(topUp.Document).RootElement;
        Assert.Equal("top-up", doc.GetProperty("method").GetString());
        Assert.Equal(1, doc.GetProperty("counts").GetArrayLength());
        Assert.Equal("scottish-stv", doc.GetProperty("counts")[0].GetProperty("result").GetProperty("method").GetString());
        Assert.Equal([3], doc.GetProperty("elected").EnumerateArray().Select(e => e.GetInt32()));
        // The Declaration's outcome for the contest lists the top-up seat's candidate id.
        Assert.Equal(["eve"], ElectionCount.Outcomes(counts).Last().ElectedCandidateIds);
        Assert.Equal(ElectionCount.Digest(counts), ElectionCount.Digest(ElectionCount.Count(def, ballots, new byte[32])));
    }

    [Fact]
    public void AMetMinimumTakesNoTopUpSeat()
    {
        var def = Definition();
        var ballots = Enumerable.Range(0, 30).Select(_ => B([2, 3], [0, 1])).Concat(Enumerable.Range(0, 20).Select(_ => B([3, 2], [1]))).ToList();
        var counts = ElectionCount.Count(def, ballots, new byte[32]);
        Assert.Equal(["cat", "dan"], counts[0].Result.Elected.Select(c => def.Contests[0].Candidates[c].CandidateId).Order(StringComparer.Ordinal));
        Assert.Empty(counts[1].TopUps);
        Assert.Empty(counts[1].Result.Elected);
    }

    [Fact]
    public void TopUpContestsMustBeWellFormed()
    {
        var def = Definition();
        def.Contests[1].Seats = 3;
        def.Contests[1].TopUpRules[1].MinElected = 0;
        def.Contests[1].RuleSet = "meek";
        var problems = DefinitionRules.Problems(def);
        Assert.Contains(problems, p => p.Contains("must equal its top_up_seats", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("needs min_elected", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("top-up rules need METHOD_STV with rule_set scottish-stv", StringComparison.Ordinal));
    }
}
