using Voting.Core.Ballots;
using Voting.Counting.Results;

namespace Voting.Counting.Stv;

/// <summary>
/// Scottish STV: The Scottish Local Government Elections Order 2007 (SSI 2007/42), Schedule 1,
/// rules 45–52 (counting.md §4). Votes are fixed-point with 5 decimal places. Every paper of a
/// candidate with a surplus is transferred at value·surplus/total, truncated to 5 places;
/// papers of one ranking always travel together, so the count works on the compressed profile.
/// </summary>
public static class ScottishStv
{
    public const int Decimals = 5;
    private static readonly long Scale = Fixed.Pow10(Decimals);

    public static StvResult Count(Profile profile, int seats, IReadOnlyList<string> names, Lots lots,
        IReadOnlySet<int>? withdrawn = null, Constraints? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(lots);
        var s = new StvState(profile, seats, names, withdrawn, Scale);
        // Rule 46: quota = floor(valid / (seats + 1)) + 1, in whole votes.
        long validVotes = s.ValidPoll;
        long quota = (validVotes / (seats + 1) + 1) * Scale;
        var guard = new ConstraintGuard(constraints, s);
        guard.RequireSatisfiable();
        s.RecordStage(StageKind.FirstPreferences, "First preferences", null);

        while (s.ElectedCount < seats)
        {
            // Rule 52: as many continuing candidates as vacancies: all are elected.
            if (s.Hopefuls().Count() <= seats - s.ElectedCount)
            {
                foreach (var c in s.Hopefuls().OrderByDescending(c => s.Votes[c]).ThenBy(c => c)) s.Elect(c);
                s.MarkLastStageElected();
                break;
            }
            // Candidates at or above the quota are elected, highest first.
            var reached = s.Hopefuls().Where(c => s.Votes[c] >= quota).ToList();
            if (reached.Count > 0)
            {
                foreach (var c in s.OrderForElection(reached, lots))
                {
                    if (s.ElectedCount == seats) break;
                    if (guard.Blocks(c) is { } rule) { s.Exclude(c); s.RecordStage(StageKind.DeemedExclusion, $"{s.Names[c]} passed over: electing would break {rule}", c, rule); continue; }
                    s.Elect(c);
                }
                s.MarkLastStageElected();
                if (s.ElectedCount == seats) break;
                if (guard.ForceExclusions() is { } forced) s.RecordForced(forced);
                continue;
            }
            if (guard.ForceExclusions() is { } f) { s.RecordForced(f); continue; }
            // Rule 48: the largest surplus first; a surplus exists only above the quota.
            var surplusCandidates = s.ElectedOrder.Where(c => s.Votes[c] > quota && !s.SurplusDone[c]).ToList();
            if (surplusCandidates.Count > 0)
            {
                int c = s.PickHighest(surplusCandidates, lots, "equal surpluses");
                long total = s.Votes[c];
                long surplus = total - quota;
                // Votes[c] falls by every paper's old value; what the papers no longer carry is the truncation loss.
                long carried = s.TransferAll(c, v => (long)((Int128)v * surplus / total));
                s.AddLoss(surplus - carried);
                s.Votes[c] = quota;
                s.SurplusDone[c] = true;
                s.RecordStage(StageKind.Surplus, $"Surplus of {s.Names[c]} ({Fixed.Format(surplus, Decimals)})", c);
                continue;
            }
            // Rules 49–50: exclude the candidate with the fewest votes and transfer every paper at its value.
            // Under constraints, a candidate whose exclusion would leave a minimum unreachable is protected (counting.md §6).
            var all = s.Hopefuls().ToList();
            var hopefuls = all.Where(guard.CanExclude).ToList();
            long min = hopefuls.Min(c => s.Votes[c]);
            int loser = s.PickLowest([.. hopefuls.Where(c => s.Votes[c] == min)], lots, "exclusion");
            // Record when the guard protected a lower candidate: the constraint forced this choice.
            var protectedLower = all.Where(c => !hopefuls.Contains(c) && s.Votes[c] <= min).ToList();
            string? forcedBy = protectedLower.Count > 0 ? constraints!.ExplainProtection(s.ElectedOrder, protectedLower[0], [.. all.Where(c => c != protectedLower[0])]) : null;
            s.Exclude(loser);
            s.TransferAll(loser, v => v);
            if (forcedBy is not null)
            {
                s.RecordStage(StageKind.Exclusion, $"Exclusion of {s.Names[loser]} ({string.Join(", ", protectedLower.Select(c => s.Names[c]))} protected by {forcedBy})", loser, forcedBy);
                continue;
            }
            s.RecordStage(StageKind.Exclusion, $"Exclusion of {s.Names[loser]}", loser);
        }
        return new StvResult("scottish-stv", seats, Decimals, quota, s.ElectedOrder, s.Stages, s.Names, lots.Draws, validVotes * Scale);
    }
}
