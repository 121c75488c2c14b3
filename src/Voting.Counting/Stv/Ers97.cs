using Voting.Counting.Results;

namespace Voting.Counting.Stv;

/// <summary>
/// The Electoral Reform Society's 1997 rules (counting.md §5.2): values to 2 decimal places; quota
/// = valid/(seats+1) to 2 places, +0.01 unless exact, recalculated without non-transferable votes
/// until someone is elected (5.4.8); election at the quota or at the total active vote over the
/// places left plus one (5.1.7); deferred surpluses (5.2.2); a surplus from a transfer moves only the
/// last batch received (5.3.2) at surplus/transferable papers (5.3.7); exclusion of as many lowest
/// candidates as the rules allow (5.2.5), together as one transfer (5.4.1), batch by batch in descending
/// transfer value (5.4.11).
/// Ties look forward: the first stage or earliest point after a batch where the votes differed.
/// </summary>
public static class Ers97
{
    public const int Decimals = 2;
    private const long Scale = 100;

    public static StvResult Count(Profile profile, int seats, IReadOnlyList<string> names, Lots lots, IReadOnlySet<int>? withdrawn = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(lots);
        var s = new StvState(profile, seats, names, withdrawn, Scale, trackBatches: true);
        var counter = new Counter(s, seats, lots);
        return counter.Run();
    }

    private sealed class Counter(StvState s, int seats, Lots lots)
    {
        private readonly List<long[]> _points = [];
        private readonly HashSet<int> _electedAtFirstStage = [];
        private readonly HashSet<int> _surplusPending = [];
        // Candidates whose exclusion is in progress: their untransferred votes still count as active (6.20).
        private readonly HashSet<int> _beingExcluded = [];
        private long _quota;

        private static long Ceil2(long scaledNumerator, long divisor) => (scaledNumerator + divisor - 1) / divisor;


        public StvResult Run()
        {
            _quota = Ceil2(s.ValidPoll * Scale, seats + 1);
            Point();
            s.RecordStage(StageKind.FirstPreferences, "First preferences", null);
            ElectReached();
            foreach (var c in s.ElectedOrder) _electedAtFirstStage.Add(c);
            s.MarkLastStageElected();

            while (s.ElectedCount < seats)
            {
                var continuing = s.Hopefuls().ToList();
                int places = seats - s.ElectedCount;
                if (continuing.Count <= places)
                {
                    foreach (var c in continuing.OrderByDescending(c => s.Votes[c]).ThenBy(c => c)) s.Elect(c);
                    s.MarkLastStageElected();
                    break;
                }
                long surplusTotal = _surplusPending.Sum(c => s.Votes[c] - _quota);
                var losers = SureLosers(continuing, places, surplusTotal);
                if (_surplusPending.Count > 0 && losers.Count == 0)
                {
                    TransferSurplus(PickSurplus());
                    continue;
                }
                if (losers.Count == 0) losers = [LowestByTieBreak(continuing)];
                // 5.5.1: an exclusion that would leave as many continuing candidates as places elects them.
                if (continuing.Count - losers.Count == places)
                {
                    foreach (var c in continuing.Except(losers).OrderByDescending(c => s.Votes[c]).ThenBy(c => c)) s.Elect(c);
                    s.MarkLastStageElected();
                    break;
                }
                Exclude(losers);
            }
            return new StvResult("ers97", seats, Decimals, _quota, s.ElectedOrder, s.Stages, s.Names, lots.Draws, s.ValidPoll * Scale);
        }

        private void Point() => _points.Add((long[])s.Votes.Clone());

        /// <summary>5.2.2 and 5.2.5: the largest set of lowest candidates whose votes plus the pending surpluses do not exceed the next above.</summary>
        private List<int> SureLosers(List<int> continuing, int places, long surplusTotal)
        {
            var sorted = continuing.OrderBy(c => s.Votes[c]).ThenBy(c => c).ToList();
            for (int k = continuing.Count - places; k >= 1; k--)
            {
                long sum = 0;
                for (int i = 0; i < k; i++) sum += s.Votes[sorted[i]];
                long next = s.Votes[sorted[k]];
                // The set must be well defined: its highest member strictly below the next above.
                if (s.Votes[sorted[k - 1]] < next && sum + surplusTotal <= next) return [.. sorted.Take(k)];
            }
            return [];
        }

        private int LowestByTieBreak(List<int> continuing)
        {
            long min = continuing.Min(c => s.Votes[c]);
            return Forward([.. continuing.Where(c => s.Votes[c] == min)], lowest: true, "exclusion");
        }

        private int PickSurplus()
        {
            long max = _surplusPending.Max(c => s.Votes[c]);
            return Forward([.. _surplusPending.Where(c => s.Votes[c] == max).Order()], lowest: false, "equal surpluses");
        }

        /// <summary>5.2.3, 5.2.5, 5.6.2: the first stage or the earliest point after a batch at which the votes were unequal; then lot.</summary>
        private int Forward(List<int> tied, bool lowest, string purpose) => History.Break(_points, tied, lowest, lots, purpose);

        private void TransferSurplus(int c)
        {
            long surplus = s.Votes[c] - _quota;
            var parcels = _electedAtFirstStage.Contains(c) ? s.Batches[c].SelectMany(b => b).ToList() : s.Batches[c][^1];
            var transferable = parcels.Where(s.HasNextHopeful).ToList();
            long papers = s.WeightOf(transferable);
            long value = s.ValueOf(transferable);
            long tv = papers > 0 && value > surplus ? surplus / papers : -1;
            long carried = s.Transfer(transferable, v => tv >= 0 ? tv : v);
            // The rest of the surplus is set aside: non-transferable papers and the neglected remainder (5.3.9).
            s.AddLoss(surplus - carried);
            s.Votes[c] = _quota;
            _surplusPending.Remove(c);
            Point();
            s.RecordStage(StageKind.Surplus, $"Surplus of {s.Names[c]} ({Fixed.Format(surplus, Decimals)})"
                + (tv >= 0 ? $" at {Fixed.Format(tv, Decimals)} per paper" : " at present values"), c);
            ElectReached();
            s.MarkLastStageElected();
        }

        private void Exclude(List<int> losers)
        {
            foreach (var c in losers) { s.Exclude(c); _beingExcluded.Add(c); }
            var byValue = losers.SelectMany(s.HeldByValueDescending)
                .GroupBy(batch => s.PaperValue(batch[0]))
                .OrderByDescending(g => g.Key)
                .Select(g => g.SelectMany(b => b).ToList())
                .ToList();
            string who = string.Join(", ", losers.Select(c => s.Names[c]));
            if (byValue.Count == 0)
            {
                Point();
                s.RecordStage(StageKind.Exclusion, $"Exclusion of {who} (no papers)", losers[0]);
                ElectReached();
                s.MarkLastStageElected();
                return;
            }
            for (int i = 0; i < byValue.Count; i++)
            {
                var batch = byValue[i];
                // 5.4.1: the bundles of every candidate being excluded go together, so each recipient gets one batch of this value.
                s.Transfer(batch, v => v);
                Point();
                s.RecordStage(StageKind.Exclusion, $"Exclusion of {who}: batch {i + 1} of {byValue.Count} at {Fixed.Format(s.PaperValue(batch[0]), Decimals)}", losers[0]);
                ElectReached();
                s.MarkLastStageElected();
                if (s.ElectedCount == seats) break;
            }
            _beingExcluded.Clear();
        }

        /// <summary>5.1.7, 5.3.13, 5.4.9 with 5.4.8: quota recalculated while nobody is elected; election at the quota or the active-vote threshold.</summary>
        private void ElectReached()
        {
            while (s.ElectedCount < seats)
            {
                if (s.ElectedCount == 0) _quota = Math.Min(_quota, Ceil2(s.ValidPoll * Scale - s.NonTransferable, seats + 1));
                int places = seats - s.ElectedCount;
                // 6.20: continuing candidates' votes plus votes awaiting transfer (surpluses, papers of candidates being excluded).
                long active = s.Hopefuls().Sum(c => s.Votes[c]) + _beingExcluded.Sum(c => s.Votes[c]) + _surplusPending.Sum(c => s.Votes[c] - _quota);
                long threshold = Math.Max(1, Math.Min(_quota, Ceil2(active, places + 1)));
                var reached = s.Hopefuls().Where(c => s.Votes[c] >= threshold).ToList();
                if (reached.Count == 0) return;
                var ordered = s.OrderDescending(reached, top => Forward(top, lowest: false, "order of election"));
                foreach (var c in ordered.Take(places))
                {
                    s.Elect(c);
                    if (s.Votes[c] > _quota) _surplusPending.Add(c);
                }
            }
        }
    }
}
