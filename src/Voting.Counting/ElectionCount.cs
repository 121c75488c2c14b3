using Voting.Core.Ballots;
using Voting.Core.Records;
using Voting.Counting.Plurality;
using Voting.Counting.Results;
using Voting.Counting.Stv;

namespace Voting.Counting;

/// <summary>One contest's recount: its result and its canonical result document.</summary>
public sealed record ContestCount(Contest Contest, StvResult Result, byte[] Document)
{
    /// <summary>A top-up contest's counts, one per rule that took seats (counting.md §8.4); empty for other contests.</summary>
    public IReadOnlyList<TopUpCount> TopUps { get; init; } = [];
}

/// <summary>
/// Counts every contest of an election from its counted ballots (counting.md §8.2) and computes the digest a
/// Declaration commits to (§8.1). The organiser's declaration and the scrutineer's recount call the same code.
/// </summary>
public static class ElectionCount
{
    public static IReadOnlyList<ContestCount> Count(ElectionDefinition definition, IReadOnlyList<Ballot> counted, byte[] lotSeed)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(counted);
        return Count(definition, i =>
        {
            var profile = new Profile(definition.Contests[i].Candidates.Count);
            foreach (var b in counted) profile.Add([.. b.Plain.Votes[i].Choices.Select(c => (int)c)]);
            return profile;
        }, lotSeed);
    }

    /// <param name="profileOf">
    /// Contest i's counted rankings as a profile, added in the order of §8.2 (each voter's first ballot): for callers
    /// that hold the counted choices compactly (the scrutineer) and need not make a Ballot per voter.
    /// </param>
    public static IReadOnlyList<ContestCount> Count(ElectionDefinition definition, Func<int, Profile> profileOf, byte[] lotSeed)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(profileOf);
        var lots = new Lots(lotSeed);
        var results = new List<ContestCount>();
        for (int i = 0; i < definition.Contests.Count; i++)
        {
            var contest = definition.Contests[i];
            var profile = profileOf(i);
            var contestLots = lots.Scope();
            var names = contest.Candidates.Select(c => c.Name).ToList();
            if (contest.TopUpRules.Count > 0)
            {
                results.Add(TopUp(contest, profile, names, results, contestLots));
                continue;
            }
            int seats = (int)contest.Seats;
            var result = contest.Method switch
            {
                Method.Fptp => PluralityCount.Fptp(profile, names, contestLots),
                Method.Referendum => PluralityCount.Referendum(profile, names, contestLots),
                Method.Block => PluralityCount.Block(profile, names, seats, (int)Voting.Core.Ballots.BallotRules.MaxMarks(contest), contestLots),
                Method.Approval => PluralityCount.Approval(profile, names, seats, contestLots),
                Method.Stv => contest.RuleSet switch
                {
                    "scottish-stv" => ScottishStv.Count(profile, seats, names, contestLots, null, Constraints.Of(contest)),
                    "ers97" => Ers97.Count(profile, seats, names, contestLots),
                    "meek" => Meek.Count(profile, seats, names, contestLots),
                    var other => throw new NotSupportedException($"rule set \"{other}\""),
                },
                var m => throw new NotSupportedException($"method {m}"),
            };
            results.Add(new ContestCount(contest, result, ResultJson.Write(result)));
        }
        return results;
    }

    /// <summary>
    /// counting.md §8.4: the contest's candidates already elected in an earlier contest (same candidate_id) count
    /// towards each rule's minimum; TopUpSeats fills the shortfalls from this contest's ballots.
    /// </summary>
    private static ContestCount TopUp(Contest contest, Profile ballots, List<string> names, List<ContestCount> earlier, Lots lots)
    {
        var electedIds = earlier.SelectMany(e => e.Result.Elected.Select(c => e.Contest.Candidates[c].CandidateId)).ToHashSet(StringComparer.Ordinal);
        var electedBefore = Enumerable.Range(0, contest.Candidates.Count).Where(c => electedIds.Contains(contest.Candidates[c].CandidateId)).ToHashSet();
        var rules = contest.TopUpRules.Select(r => new TopUpRule(r.RuleId,
            Enumerable.Range(0, contest.Candidates.Count).Where(c => contest.Candidates[c].Attributes.Any(a => a.Key == r.AttributeKey && a.Value == r.AttributeValue)).ToHashSet(),
            (int)r.MinElected)).ToList();
        var counts = TopUpSeats.Fill(ballots, names, (int)contest.TopUpSeats, rules, electedBefore, lots);
        var combined = TopUpSeats.Combine(counts, names, (int)contest.TopUpSeats, ballots.TotalWeight);
        return new ContestCount(contest, combined, ResultJson.WriteTopUp(counts, combined)) { TopUps = counts };
    }

    public static byte[] Digest(IReadOnlyList<ContestCount> counts) => ResultJson.ElectionDigest(counts.Select(c => c.Document));

    /// <summary>The Declaration's outcomes for these counts: each contest's elected candidate ids, in order of election.</summary>
    public static IEnumerable<ContestOutcome> Outcomes(IReadOnlyList<ContestCount> counts) =>
        counts.Select(c =>
        {
            var o = new ContestOutcome { ContestId = c.Contest.ContestId };
            o.ElectedCandidateIds.AddRange(c.Result.Elected.Select(e => c.Contest.Candidates[e].CandidateId));
            return o;
        });
}
