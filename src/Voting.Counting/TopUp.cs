using Voting.Counting.Results;
using Voting.Counting.Stv;

namespace Voting.Counting;

/// <summary>A top-up rule: if fewer than Min candidates of the group were elected overall, top-up seats go to the group (counting.md §6.2).</summary>
public sealed record TopUpRule(string Id, IReadOnlySet<int> Members, int Min);

/// <summary>One top-up count: the rule that triggered it, how many seats it filled, and its STV result.</summary>
public sealed record TopUpCount(TopUpRule Rule, int ElectedBefore, int Seats, StvResult Result);

/// <summary>
/// Top-up seats (counting.md §6.2): after the main counts, each rule in order whose group has fewer
/// than its minimum elected overall gets min(shortfall, seats left) seats, filled by a further Scottish
/// STV count of the top-up ballots among the group's members not yet elected.
/// </summary>
public static class TopUpSeats
{
    public static IReadOnlyList<TopUpCount> Fill(Profile topUpBallots, IReadOnlyList<string> names, int topUpSeats,
        IReadOnlyList<TopUpRule> rules, IReadOnlySet<int> electedInMainCounts, Lots lots)
    {
        ArgumentNullException.ThrowIfNull(topUpBallots);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(electedInMainCounts);
        var elected = new HashSet<int>(electedInMainCounts);
        var counts = new List<TopUpCount>();
        int left = topUpSeats;
        foreach (var rule in rules)
        {
            if (left == 0) break;
            int have = elected.Count(rule.Members.Contains);
            var eligible = rule.Members.Where(c => !elected.Contains(c)).ToHashSet();
            int seats = Math.Min(Math.Min(rule.Min - have, left), eligible.Count);
            if (seats <= 0) continue;
            var withdrawn = Enumerable.Range(0, topUpBallots.Candidates).Where(c => !eligible.Contains(c)).ToHashSet();
            var result = ScottishStv.Count(Restrict(topUpBallots, withdrawn), seats, names, lots.Scope(), withdrawn);
            counts.Add(new TopUpCount(rule, have, seats, result));
            foreach (var c in result.Elected) elected.Add(c);
            left -= seats;
        }
        return counts;
    }

    /// <summary>The scottish-stv decimals, which every top-up count uses.</summary>
    public const int Decimals = 5;

    /// <summary>
    /// One result for the whole top-up contest, for tables and Declarations: the elected of every count in order,
    /// every count's stages in sequence, each action prefixed with its rule. Its quota is 0: each count has its own,
    /// shown in the result document's counts (counting.md §8.4).
    /// </summary>
    public static StvResult Combine(IReadOnlyList<TopUpCount> counts, IReadOnlyList<string> names, int topUpSeats, long ballots)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new StvResult(
            "top-up",
            topUpSeats,
            Decimals,
            0,
            [.. counts.SelectMany(c => c.Result.Elected)],
            [.. counts.SelectMany(c => c.Result.Stages.Select(st => st with { Action = $"[{c.Rule.Id}] {st.Action}" }))],
            names,
            [.. counts.SelectMany(c => c.Result.Lots)],
            ballots * Fixed.Pow10(Decimals));
    }

    /// <summary>The same ballots with the withdrawn candidates struck out, as BLT withdrawal does.</summary>
    private static Profile Restrict(Profile p, HashSet<int> withdrawn)
    {
        var q = new Profile(p.Candidates);
        for (int i = 0; i < p.Rankings.Count; i++)
            q.Add([.. p.Rankings[i].Where(c => !withdrawn.Contains(c))], p.Weights[i]);
        return q;
    }
}
