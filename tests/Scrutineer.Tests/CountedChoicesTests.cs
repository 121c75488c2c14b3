using FsCheck;
using FsCheck.Fluent;
using Scrutineer.Verify;
using Voting.Core.Records;
using Voting.Counting;

namespace Scrutineer.Tests;

/// <summary>
/// The scrutineer recounts from its compact table of counted choices. Its profile must be exactly the one the plain
/// path makes (ElectionCount adding each counted Ballot in the order of each voter's first vote, counting.md §8.2),
/// including voters whose later ballot replaced an earlier one.
/// </summary>
public class CountedChoicesTests
{
    private const int Candidates = 5;

    /// <summary>A ballot in two contests: a ranking of some of five candidates in each.</summary>
    private static readonly Gen<uint[][]> Ballot =
        Gen.ArrayOf(Gen.Shuffle(new uint[] { 0, 1, 2, 3, 4 }).SelectMany(all => Gen.Choose(0, Candidates).Select(n => all[..n])), 2);

    [Fact]
    public void The_profile_equals_adding_each_voters_counted_ballot_in_first_vote_order()
    {
        var casts = Gen.ListOf(Gen.Choose(0, 19).SelectMany(voter => Ballot.Select(b => (Voter: voter, Ballot: b))));
        Prop.ForAll(casts.ToArbitrary(), list =>
        {
            var table = new CountedChoices(20);
            var firstOrder = new List<int>();
            var latest = new Dictionary<int, uint[][]>();
            foreach (var (voter, ballot) in list)
            {
                table.Set(voter, Plain(ballot)); // last counts: a later ballot replaces the earlier one
                if (!latest.ContainsKey(voter)) firstOrder.Add(voter);
                latest[voter] = ballot;
            }
            for (int k = 0; k < 2; k++)
            {
                var expected = new Profile(Candidates);
                foreach (var voter in firstOrder) expected.Add([.. latest[voter][k].Select(c => (int)c)]);
                var actual = table.ProfileOf(k, Candidates, _ => true);
                if (actual.TotalWeight != expected.TotalWeight || actual.Rankings.Count != expected.Rankings.Count) return false;
                for (int i = 0; i < expected.Rankings.Count; i++)
                    if (!actual.Rankings[i].SequenceEqual(expected.Rankings[i]) || actual.Weights[i] != expected.Weights[i]) return false;
            }
            return table.Count == firstOrder.Count;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void No_counted_ballots_give_an_empty_profile()
    {
        var p = new CountedChoices(3).ProfileOf(0, Candidates, _ => true);
        Assert.Equal(0, p.TotalWeight);
        Assert.Empty(p.Rankings);
    }

    private static PlainBallot Plain(uint[][] contests)
    {
        var plain = new PlainBallot();
        foreach (var ranking in contests) plain.Votes.Add(new ContestVote { Choices = { ranking } });
        return plain;
    }
}
