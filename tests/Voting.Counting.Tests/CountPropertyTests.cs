using Voting.Core.Ballots;
using FsCheck;
using FsCheck.Fluent;
using Voting.Counting.Plurality;
using Voting.Counting.Results;
using Voting.Counting.Stv;

namespace Voting.Counting.Tests;

/// <summary>FsCheck properties of every rule set on random profiles (counting.md §10).</summary>
public class CountPropertyTests
{
    /// <summary>A random election: 2..9 candidates, 1..candidates seats, up to 60 distinct rankings with weights 1..40.</summary>
    public sealed record Election(int Candidates, int Seats, List<(int[] Ranking, long Weight)> Ballots)
    {
        public Profile Profile()
        {
            var p = new Profile(Candidates);
            foreach (var (r, w) in Ballots) p.Add(r, w);
            return p;
        }

        public IReadOnlyList<string> Names => [.. Enumerable.Range(1, Candidates).Select(i => $"C{i}")];

        public override string ToString() =>
            $"{Candidates} candidates, {Seats} seats: " + string.Join("; ", Ballots.Select(b => $"{b.Weight}x[{string.Join(",", b.Ranking.Select(c => c + 1))}]"));
    }

    private static Gen<Election> Elections() =>
        from n in Gen.Choose(2, 9)
        from seats in Gen.Choose(1, n)
        from count in Gen.Choose(1, 60)
        from ballots in Gen.ListOf(Ballot(n), count)
        select new Election(n, seats, [.. ballots]);

    private static Gen<(int[], long)> Ballot(int n) =>
        from keys in Gen.ArrayOf(Gen.Choose(0, 1000), n)
        from length in Gen.Choose(0, n)
        from weight in Gen.Choose(1, 40)
        select (Enumerable.Range(0, n).OrderBy(c => keys[c]).ThenBy(c => c).Take(length).ToArray(), (long)weight);

    public static IEnumerable<TheoryDataRow<string>> RuleSets() => [new("scottish-stv"), new("ers97"), new("meek")];

    private static StvResult Run(string rule, Election e, Profile? p = null, Constraints? k = null) => rule switch
    {
        "scottish-stv" => ScottishStv.Count(p ?? e.Profile(), e.Seats, e.Names, Lots.ForStandalone(), null, k),
        "ers97" => Ers97.Count(p ?? e.Profile(), e.Seats, e.Names, Lots.ForStandalone()),
        _ => Meek.Count(p ?? e.Profile(), e.Seats, e.Names, Lots.ForStandalone()),
    };

    private static void Check(Func<Election, bool> property) =>
        Prop.ForAll(Elections().ToArbitrary(), property).QuickCheckThrowOnFailure();

    [Theory]
    [MemberData(nameof(RuleSets))]
    public void SeatsAreFilledByDistinctCandidates(string rule) => Check(e =>
    {
        var r = Run(rule, e);
        return r.Elected.Count == Math.Min(e.Seats, e.Candidates) && r.Elected.Distinct().Count() == r.Elected.Count;
    });

    [Theory]
    [MemberData(nameof(RuleSets))]
    public void VotesAreConservedAtEveryStage(string rule) => Check(e =>
    {
        var r = Run(rule, e);
        return r.Stages.All(s => s.Votes.Sum() + s.NonTransferable == r.ValidPoll && s.NonTransferable >= 0 && s.Votes.All(v => v >= 0))
            && r.Stages.Zip(r.Stages.Skip(1)).All(p => p.Second.NonTransferable >= p.First.NonTransferable || rule == "meek");
    });

    [Theory]
    [MemberData(nameof(RuleSets))]
    public void AQuotaOfFirstPreferencesElects(string rule) => Check(e =>
    {
        var r = Run(rule, e);
        var first = r.Stages[0].Votes;
        var atQuota = Enumerable.Range(0, e.Candidates)
            .Where(c => first[c] >= r.Quota && r.Quota > 0 && rule != "meek" || rule == "meek" && first[c] * (e.Seats + 1) > r.ValidPoll).ToList();
        // ERS97 does not raise an exact quota (V / (S + 1) with no remainder), so one more candidate than there are seats
        // can reach it: then every seat goes to one of them (counting.md §5.2). Otherwise each of them is elected.
        return atQuota.Count <= e.Seats ? atQuota.All(r.Elected.Contains) : r.Elected.All(atQuota.Contains);
    });

    /// <summary>The case FsCheck found: 46 votes, one seat, an exact ERS97 quota of 23.00 reached by two candidates.</summary>
    [Fact]
    public void TwoCandidatesAtAnExactErs97QuotaForOneSeatShareItByLot()
    {
        var p = new Profile(9);
        p.Add([5], 23);
        p.Add([8, 3, 5, 6, 4, 7], 23);
        var r = Ers97.Count(p, 1, [.. Enumerable.Range(1, 9).Select(i => $"C{i}")], Lots.ForStandalone());
        Assert.Equal(2300, r.Quota); // 46.00 / 2, exact, so not raised
        Assert.Equal([2300L, 2300L], new[] { r.Stages[0].Votes[5], r.Stages[0].Votes[8] });
        var winner = Assert.Single(r.Elected);
        Assert.Contains(winner, new[] { 5, 8 });
        Assert.Equal([5, 8], Assert.Single(r.Lots).Tied);
    }

    [Theory]
    [MemberData(nameof(RuleSets))]
    public void BallotOrderNeverChangesTheResult(string rule) => Check(e =>
    {
        var reversed = new Profile(e.Candidates);
        foreach (var (ranking, weight) in Enumerable.Reverse(e.Ballots)) reversed.Add(ranking, weight);
        return ResultJson.ToText(Run(rule, e)) == ResultJson.ToText(Run(rule, e, reversed));
    });

    /// <summary>Constraints: a random group with a random minimum is always met when it can be, and a minimum that does not bind changes nothing.</summary>
    [Fact]
    public void ConstraintsAreSatisfiedWhenSatisfiableAndInertWhenTheyDoNotBind() =>
        Prop.ForAll(Elections().ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (e, salt) =>
        {
            var members = Enumerable.Range(0, e.Candidates).Where(c => (c * 7 + salt) % 3 == 0).ToHashSet();
            int min = Math.Min(members.Count, Math.Min(e.Seats, 1 + salt % 2));
            var k = new Constraints([new GroupConstraint("group", members, min, null)]);
            var constrained = Run("scottish-stv", e, null, k);
            var plain = Run("scottish-stv", e);
            bool satisfied = constrained.Elected.Count(members.Contains) >= min;
            // A constraint that forced no decision (no deemed exclusion, no protected candidate) leaves the count exactly as it was.
            bool forcedNothing = constrained.Stages.All(s => s.Constraint is null);
            bool inertWhenNotBinding = !forcedNothing || ResultJson.ToText(plain) == ResultJson.ToText(constrained);
            return satisfied && inertWhenNotBinding && constrained.Elected.Count == Math.Min(e.Seats, e.Candidates);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void VacuousConstraintsChangeNothing() => Check(e =>
    {
        var k = new Constraints([new GroupConstraint("all", Enumerable.Range(0, e.Candidates).ToHashSet(), 0, null)]);
        return ResultJson.ToText(Run("scottish-stv", e, null, k)) == ResultJson.ToText(Run("scottish-stv", e));
    });

    [Fact]
    public void AMaximumIsNeverExceeded() =>
        Prop.ForAll(Elections().ToArbitrary(), e =>
        {
            var members = Enumerable.Range(0, e.Candidates).Where(c => c % 2 == 0).ToHashSet();
            int others = e.Candidates - members.Count;
            int max = Math.Max(0, e.Seats - others); // the least maximum that can still fill every seat
            var k = new Constraints([new GroupConstraint("evens", members, 0, max)]);
            var r = Run("scottish-stv", e, null, k);
            return r.Elected.Count(members.Contains) <= max && r.Elected.Count == Math.Min(e.Seats, e.Candidates);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void FptpElectsAFirstPreferenceLeader() => Check(e =>
    {
        var r = PluralityCount.Fptp(e.Profile(), e.Names, Lots.ForStandalone());
        var votes = r.Stages[0].Votes;
        return r.Elected.Count == 1 && votes[r.Elected[0]] == votes.Max() && votes.Sum() + r.Stages[0].NonTransferable == e.Ballots.Sum(b => b.Weight);
    });

    [Fact]
    public void BlockVoteElectsTheCandidatesWithMostMarks() => Check(e =>
    {
        var r = PluralityCount.Block(e.Profile(), e.Names, e.Seats, e.Seats, Lots.ForStandalone());
        var votes = r.Stages[0].Votes;
        long weakestWinner = r.Elected.Min(c => votes[c]);
        return r.Elected.Count == e.Seats
            && Enumerable.Range(0, e.Candidates).Where(c => !r.Elected.Contains(c)).All(c => votes[c] <= weakestWinner)
            && votes.Sum() == e.Ballots.Sum(b => b.Weight * Math.Min(b.Ranking.Length, e.Seats));
    });
}
