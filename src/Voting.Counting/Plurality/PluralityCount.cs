using Voting.Counting.Results;

namespace Voting.Counting.Plurality;

/// <summary>
/// Single-round methods (counting.md §3): first past the post, block vote, approval and referendum.
/// Each ballot's marks are read from a ranking: FPTP and referendum take the first preference; block
/// takes up to max-marks candidates; approval takes every ranked candidate. Exact integer tallies.
/// </summary>
public static class PluralityCount
{
    public static StvResult Fptp(Profile p, IReadOnlyList<string> names, Lots lots) => Tally("fptp", p, names, 1, 1, lots);

    public static StvResult Block(Profile p, IReadOnlyList<string> names, int seats, int maxMarks, Lots lots) =>
        Tally("block", p, names, seats, maxMarks, lots);

    public static StvResult Approval(Profile p, IReadOnlyList<string> names, int seats, Lots lots) =>
        Tally("approval", p, names, seats, int.MaxValue, lots);

    public static StvResult Referendum(Profile p, IReadOnlyList<string> names, Lots lots) => Tally("referendum", p, names, 1, 1, lots);

    private static StvResult Tally(string method, Profile p, IReadOnlyList<string> names, int seats, int maxMarks, Lots lots)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(lots);
        if (names.Count != p.Candidates) throw new ArgumentException($"{names.Count} names for {p.Candidates} candidates", nameof(names));
        var votes = new long[p.Candidates];
        long blank = 0;
        for (int g = 0; g < p.Rankings.Count; g++)
        {
            var r = p.Rankings[g];
            if (r.Length == 0) { blank += p.Weights[g]; continue; }
            for (int i = 0; i < Math.Min(r.Length, maxMarks); i++) votes[r[i]] += p.Weights[g];
        }
        var elected = new List<int>();
        var remaining = Enumerable.Range(0, p.Candidates).ToList();
        for (int seat = 0; seat < Math.Min(seats, p.Candidates); seat++)
        {
            long max = remaining.Max(c => votes[c]);
            var top = remaining.Where(c => votes[c] == max).ToList();
            int winner = top.Count == 1 ? top[0] : lots.Choose(top, $"{method} seat {seat + 1}");
            elected.Add(winner);
            remaining.Remove(winner);
        }
        var stage = new Stage(StageKind.FirstPreferences, "Count", null, votes, blank, elected);
        return new StvResult(method, seats, 0, 0, elected, [stage], names, lots.Draws, p.TotalWeight);
    }
}
