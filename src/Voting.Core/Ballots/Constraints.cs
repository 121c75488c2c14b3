using Voting.Core.Records;

namespace Voting.Core.Ballots;

/// <summary>A group of candidates (those with one attribute value) with a minimum and optional maximum number elected.</summary>
public sealed record GroupConstraint(string Id, IReadOnlySet<int> Members, int Min, int? Max);

/// <summary>
/// The constraints of one constituency (counting.md §6.1). The definition rules (refusing at create a contest no
/// choice of candidates could satisfy) and the count (passing over, protection) ask the same question through
/// <see cref="Feasible"/>.
/// </summary>
public sealed class Constraints(IReadOnlyList<GroupConstraint> groups)
{
    /// <summary>
    /// Work (membership tests) all the feasibility questions asked of one Constraints object may take together — one
    /// object serves one count (Of makes a fresh one per contest), so this bounds a whole count, which asks once per
    /// hopeful per stage. The question is NP-hard in general (overlapping groups), so a hostile definition could
    /// otherwise make the server's create, a count and every scrutineer hang; real constraint sets (a handful of
    /// groups, tens of candidates) take well under a million over a whole count.
    /// </summary>
    public const long WorkBudget = 100_000_000;

    private long _work;

    public IReadOnlyList<GroupConstraint> Groups { get; } = groups ?? throw new ArgumentNullException(nameof(groups));

    /// <summary>The contest's constraints as candidate groups; null when it has none.</summary>
    public static Constraints? Of(Contest contest)
    {
        ArgumentNullException.ThrowIfNull(contest);
        if (contest.Constraints.Count == 0) return null;
        return new Constraints([.. contest.Constraints.Select(k => new GroupConstraint(
            k.ConstraintId,
            Enumerable.Range(0, contest.Candidates.Count)
                .Where(c => contest.Candidates[c].Attributes.Any(a => a.Key == k.AttributeKey && a.Value == k.AttributeValue)).ToHashSet(),
            (int)Math.Min(k.MinElected, int.MaxValue),
            k.HasMaxElected ? (int)Math.Min(k.MaxElected, int.MaxValue) : null))]);
    }

    /// <summary>
    /// Why no choice of `seats` more candidates from `standing` could meet the constraints with `elected`, naming the
    /// constraints that fail on their own (their combination when each could be met alone); null when one can.
    /// </summary>
    public string? WhyUnsatisfiable(IReadOnlyCollection<int> elected, IReadOnlyList<int> standing, int seats)
    {
        if (Feasible(elected, standing, seats)) return null;
        var alone = Groups.Where(g => !new Constraints([g]).Feasible(elected, standing, seats)).Select(g => g.Id).ToList();
        return alone.Count > 0
            ? $"the constraints cannot be met by the {standing.Count} candidates standing for {seats} seats: {string.Join(", ", alone)} cannot be met"
            : $"the constraints cannot be met together by the {standing.Count} candidates standing for {seats} seats ({string.Join(", ", Groups.Select(g => g.Id))})";
    }

    /// <summary>
    /// Whether `seatsLeft` more candidates can be chosen from `available` (exactly that many, or all
    /// of them if fewer) so that, with `elected`, every group lies within [Min, Max]. Depth-first search
    /// over the groups' unmet minimums, pruned by the seats left.
    /// </summary>
    /// <exception cref="UnsatisfiableConstraintsException">This object's questions took more than <see cref="WorkBudget"/> work.</exception>
    public bool Feasible(IReadOnlyCollection<int> elected, IReadOnlyList<int> available, int seatsLeft)
    {
        ArgumentNullException.ThrowIfNull(elected);
        ArgumentNullException.ThrowIfNull(available);
        int take = Math.Min(seatsLeft, available.Count);
        var counts = Groups.Select(g => elected.Count(g.Members.Contains)).ToArray();
        for (int i = 0; i < Groups.Count; i++)
            if (Groups[i].Max is int max && counts[i] > max) return false;
        return Search(counts, available, 0, take);
    }

    private bool Search(int[] counts, IReadOnlyList<int> available, int from, int take)
    {
        // This node's pruning and its candidates' checks: each group against each candidate still available.
        _work += (long)Groups.Count * (available.Count - from + 1);
        if (_work > WorkBudget)
            throw new UnsatisfiableConstraintsException($"the constraints ({string.Join(", ", Groups.Select(g => g.Id))}) are too complex to decide: more than {WorkBudget:N0} steps of search");
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
