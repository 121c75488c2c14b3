using System.Text;

namespace Voting.Counting.Results;

/// <summary>A readable text table: one row per candidate, one column per stage, then non-transferable, then the elected in order.</summary>
public static class ResultTable
{
    public static string Render(StvResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        sb.Append($"Method: {r.RuleSet}   Seats: {r.Seats}   Valid: {r.Format(r.ValidPoll)}");
        if (r.Stages.Count > 1 || r.RuleSet is "scottish-stv" or "ers97" or "meek") sb.Append($"   Quota: {r.Format(r.Quota)}");
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
        foreach (var d in r.Lots) sb.Append($"Lot {d.Draw} ({d.Purpose}): among {string.Join(", ", d.Tied.Select(t => t + 1))} chose {d.Chosen + 1}\n");
        return sb.ToString();
    }
}
