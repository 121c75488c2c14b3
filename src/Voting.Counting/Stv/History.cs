namespace Voting.Counting.Stv;

/// <summary>
/// Breaking ties by earlier totals, as every STV rule set here does: walk the recorded totals in the rule's order
/// (Scottish and Meek: most recent first; ERS97: first stage first) keeping only the tied candidates with the
/// fewest (or most) votes at each; a lot decides if more than one remains.
/// </summary>
internal static class History
{
    public static int Break(IEnumerable<long[]> totalsInOrder, IReadOnlyList<int> tied, bool lowest, Lots lots, string purpose)
    {
        var set = tied.ToList();
        foreach (var votes in totalsInOrder)
        {
            if (set.Count <= 1) break;
            long best = lowest ? set.Min(c => votes[c]) : set.Max(c => votes[c]);
            set = [.. set.Where(c => votes[c] == best)];
        }
        return set.Count == 1 ? set[0] : lots.Choose(set, purpose);
    }
}
