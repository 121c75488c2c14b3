namespace Voting.Counting;

/// <summary>A group of candidates (those with one attribute value) with a minimum and optional maximum number elected.</summary>
public sealed record GroupConstraint(string Id, IReadOnlySet<int> Members, int Min, int? Max);

/// <summary>The constraints of one constituency (counting.md §6).</summary>
public sealed class Constraints(IReadOnlyList<GroupConstraint> groups)
{
    public IReadOnlyList<GroupConstraint> Groups { get; } = groups ?? throw new ArgumentNullException(nameof(groups));

    /// <summary>
    /// Whether `seatsLeft` more candidates can be chosen from `available` (exactly that many, or all
    /// of them if fewer) so that, with `elected`, every group lies within [Min, Max]. Depth-first search
    /// over the groups' unmet minimums; the search is small because it is bounded by the seats left.
    /// </summary>
    public bool Feasible(IReadOnlyCollection<int> elected, IReadOnlyList<int> available, int seatsLeft)
    {
        int take = Math.Min(seatsLeft, available.Count);
        var counts = Groups.Select(g => elected.Count(g.Members.Contains)).ToArray();
        for (int i = 0; i < Groups.Count; i++)
            if (Groups[i].Max is int max && counts[i] > max) return false;
        return Search(counts, available, 0, take);
    }

    private bool Search(int[] counts, IReadOnlyList<int> available, int from, int take)
    {
        // Unmet minimums must fit in the seats still to fill and among the candidates left.
        for (int i = 0; i < Groups.Count; i++)
        {
            int need = Groups[i].Min - counts[i];
            if (need <= 0) continue;
            if (need > take) return false;
            int left = 0;
            for (int j = from; j < available.Count; j++) if (Groups[i].Members.Contains(available[j])) left++;
            if (left < need) return false;
        }
        if (take == 0) return true;
        if (available.Count - from < take) return false;
        for (int j = from; j <= available.Count - take; j++)
        {
            int c = available[j];
            bool ok = true;
            for (int i = 0; i < Groups.Count; i++)
                if (Groups[i].Members.Contains(c) && Groups[i].Max is int max && counts[i] + 1 > max) { ok = false; break; }
            if (!ok) continue;
            for (int i = 0; i < Groups.Count; i++) if (Groups[i].Members.Contains(c)) counts[i]++;
            bool found = Search(counts, available, j + 1, take - 1);
            for (int i = 0; i < Groups.Count; i++) if (Groups[i].Members.Contains(c)) counts[i]--;
            if (found) return true;
        }
        return false;
    }

    /// <summary>The first constraint that, on its own, the election of c would break; a joint name when only the combination fails.</summary>
    public string Explain(IReadOnlyCollection<int> elected, int c, IReadOnlyList<int> others, int seatsLeftAfter)
    {
        var withC = elected.Append(c).ToList();
        foreach (var g in Groups)
        {
            int count = withC.Count(g.Members.Contains);
            if (g.Max is int max && count > max) return $"{g.Id} (at most {max})";
            int need = g.Min - count;
            if (need > 0 && (need > seatsLeftAfter || others.Count(g.Members.Contains) < need)) return $"{g.Id} (at least {g.Min})";
        }
        return "the constraints " + string.Join(" and ", Groups.Where(g => g.Min > 0).Select(g => g.Id)) + " together";
    }

    /// <summary>The group whose minimum needs c: without c too few of its members would remain.</summary>
    public string ExplainProtection(IReadOnlyCollection<int> elected, int c, IReadOnlyList<int> othersWithoutC)
    {
        foreach (var g in Groups.Where(g => g.Members.Contains(c)))
        {
            int need = g.Min - elected.Count(g.Members.Contains);
            if (need > 0 && othersWithoutC.Count(g.Members.Contains) < need) return $"{g.Id} (at least {g.Min})";
        }
        return "the constraints " + string.Join(" and ", Groups.Where(g => g.Min > 0).Select(g => g.Id)) + " together";
    }
}
