using System.Text;

namespace Voting.Counting.Results;

/// <summary>A readable text table: one row per candidate, one column per stage, then non-transferable, then the elected in order.</summary>
public static class ResultTable
{
    public static string Render(StvResult r, long? roll = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        sb.Append($"Method: {r.RuleSet}   Seats: {r.Seats}   Valid: {r.Format(r.ValidPoll)}");
        // A top-up contest has one quota per count (in its result document), not one for the contest.
        if (r.RuleSet != "top-up" && (r.Stages.Count > 1 || r.RuleSet is "scottish-stv" or "ers97" or "meek")) sb.Append($"   Quota: {r.Format(r.Quota)}");
        sb.Append('\n').Append('\n');
        for (int i = 0; i < r.Stages.Count; i++) sb.Append($"Stage {i + 1}: {r.Stages[i].Action}\n");
        sb.Append('\n');
        int nameWidth = Math.Max(16, r.Names.Max(n => n.Length) + 5);
        var cols = r.Stages.Select(s => s.Votes.Select(r.Format).Append(r.Format(s.NonTransferable)).Max(x => x.Length)).Select(w => Math.Max(w, 7)).ToList();
        sb.Append("Candidate".PadRight(nameWidth));
        for (int i = 0; i < r.Stages.Count; i++) sb.Append(' ').Append($"S{i + 1}".PadLeft(cols[i]));
        sb.Append('\n');
        for (int c = 0; c < r.Names.Count; c++)
        {
            sb.Append($"{c + 1,3} {r.Names[c]}".PadRight(nameWidth));
            for (int i = 0; i < r.Stages.Count; i++) sb.Append(' ').Append(r.Format(r.Stages[i].Votes[c]).PadLeft(cols[i]));
            sb.Append(r.Elected.Contains(c) ? "  elected\n" : "\n");
        }
        sb.Append((r.Stages.Count == 1 && r.Decimals == 0 ? "Blank" : "Non-transferable").PadRight(nameWidth));
        for (int i = 0; i < r.Stages.Count; i++) sb.Append(' ').Append(r.Format(r.Stages[i].NonTransferable).PadLeft(cols[i]));
        sb.Append("\n\nElected, in order: ").AppendJoin(", ", r.Elected.Select(c => $"{c + 1} {r.Names[c]}")).Append('\n');
        if (r.Stages.Count == 1 && r.RuleSet is "fptp" or "block" or "approval" or "referendum")
        {
            var s0 = r.Stages[0];
            long marked = r.ValidPoll - s0.NonTransferable;
            sb.Append($"\nBallots {r.ValidPoll}, blank {s0.NonTransferable}, marked {marked}");
            if (roll is long n) sb.Append($", roll {n}, turnout {ResultJson.Percent(r.ValidPoll, n)}%");
            sb.Append('\n');
            for (int c = 0; c < r.Names.Count; c++)
                sb.Append($"{c + 1,3} {r.Names[c]}".PadRight(nameWidth)).Append($" {s0.Votes[c],10}  {ResultJson.Percent(s0.Votes[c], marked),6}% of marked ballots\n");
        }
        foreach (var d in r.Lots) sb.Append($"Lot {d.Draw} ({d.Purpose}): among {string.Join(", ", d.Tied.Select(t => t + 1))} chose {d.Chosen + 1}\n");
        return sb.ToString();
    }
}
