using Voting.Counting.Results;

namespace Voting.Counting.Stv;

/// <summary>
/// Meek STV, the PR Foundation reference rule (counting.md §5.1): fixed point with 9 decimal places,
/// keep factors and kept votes rounded up, quota = floor9(votes / (seats+1)) + 10⁻⁹, iteration until
/// the total surplus is below ω = 10⁻⁶ or stops falling.
/// </summary>
public static class Meek
{
    public const int Decimals = 9;
    private static readonly long Scale = Fixed.Pow10(Decimals);
    private const long Omega = 1_000; // 10⁻⁶ at 9 decimal places

    public static StvResult Count(Profile profile, int seats, IReadOnlyList<string> names, Lots lots, IReadOnlySet<int>? withdrawn = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(lots);
        int n = profile.Candidates;
        if (names.Count != n) throw new ArgumentException($"{names.Count} names for {n} candidates", nameof(names));
        var status = new Status[n];
        var keep = new long[n];
        for (int c = 0; c < n; c++)
        {
            status[c] = withdrawn?.Contains(c) == true ? Status.Withdrawn : Status.Hopeful;
            keep[c] = status[c] == Status.Hopeful ? Scale : 0;
        }
        var ranks = profile.Rankings;
        var weights = profile.Weights;
        long valid = 0;
        for (int g = 0; g < ranks.Count; g++) if (ranks[g].Length > 0) valid += weights[g];
        var votes = new long[n];
        long excess = 0;
        var elected = new List<int>();
        var stages = new List<Stage>();
        long quota = 0;

        void Distribute()
        {
            Array.Clear(votes);
            excess = 0;
            for (int g = 0; g < ranks.Count; g++)
            {
                if (ranks[g].Length == 0) continue;
                long r = Scale;
                foreach (var c in ranks[g])
                {
                    if (keep[c] == 0) continue;
                    if (keep[c] == Scale) { votes[c] += r * weights[g]; r = 0; break; }
                    long kept = CeilMulDiv(r, keep[c], Scale);
                    votes[c] += kept * weights[g];
                    r -= kept;
                    if (r == 0) break;
                }
                excess += r * weights[g];
            }
            long total = votes.Sum();
            quota = total / (seats + 1) + 1;
        }

        void Record(StageKind kind, string action, int? candidate)
        {
            var stage = new Stage(kind, action, candidate, (long[])votes.Clone(), excess, new List<int>());
            stages.Add(stage);
        }

        IEnumerable<int> Hopefuls() => Enumerable.Range(0, n).Where(c => status[c] == Status.Hopeful);

        Distribute();
        Record(StageKind.FirstPreferences, "First preferences", null);
        while (elected.Count < seats)
        {
            var hopeful = Hopefuls().ToList();
            if (elected.Count + hopeful.Count <= seats)
            {
                foreach (var c in hopeful.OrderByDescending(c => votes[c]).ThenBy(c => c)) { status[c] = Status.Elected; elected.Add(c); }
                Record(StageKind.ElectRemaining, "Remaining candidates elected", null);
                ((List<int>)stages[^1].ElectedAfter).AddRange(hopeful);
                break;
            }
            // Iterate keep factors until converged or a hopeful reaches the quota.
            long previousSurplus = long.MaxValue;
            List<int> winners;
            while (true)
            {
                winners = [.. Hopefuls().Where(c => votes[c] >= quota).OrderByDescending(c => votes[c]).ThenBy(c => c)];
                if (winners.Count > 0) break;
                long surplus = elected.Sum(c => Math.Max(0, votes[c] - quota));
                if (surplus < Omega || surplus >= previousSurplus) break;
                previousSurplus = surplus;
                foreach (var c in elected) keep[c] = CeilMulDiv(keep[c], quota, votes[c]);
                Distribute();
            }
            if (winners.Count > 0)
            {
                winners = [.. winners.Take(seats - elected.Count)];
                foreach (var c in winners) { status[c] = Status.Elected; elected.Add(c); }
                Record(StageKind.Iteration, $"Elected at quota {Fixed.Format(quota, Decimals)}: {string.Join(", ", winners.Select(c => names[c]))}", null);
                ((List<int>)stages[^1].ElectedAfter).AddRange(winners);
                continue;
            }
            // Exclude the lowest hopeful: ties by earlier stages, then by lot.
            var hopefuls = Hopefuls().ToList();
            long min = hopefuls.Min(c => votes[c]);
            int loser = History.Break(Enumerable.Reverse(stages).Select(st => st.Votes), [.. hopefuls.Where(c => votes[c] == min)], lowest: true, lots, "exclusion");
            status[loser] = Status.Excluded;
            keep[loser] = 0;
            Distribute();
            Record(StageKind.Exclusion, $"Exclusion of {names[loser]}", loser);
        }
        return new StvResult("meek", seats, Decimals, quota, elected, stages, names, lots.Draws, valid * Scale);
    }

    /// <summary>ceil(a·b / d) for non-negative values.</summary>
    private static long CeilMulDiv(long a, long b, long d)
    {
        Int128 p = (Int128)a * b;
        return (long)((p + d - 1) / d);
    }
}
