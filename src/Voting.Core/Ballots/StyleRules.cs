using Voting.Core.Records;

namespace Voting.Core.Ballots;

/// <summary>
/// Ballot styles (log.md §7.3; audit check ballot.style), pure: which contests a roll entry's ballot may mark. A
/// ballot still carries one ContestVote per contest of the definition; those outside its style must be blank, and
/// the counts leave the voter out of them (counting.md §8.2).
/// </summary>
public static class StyleRules
{
    public const string Check = "ballot.style";

    /// <summary>For each style, which of the definition's contests it includes (every contest when it lists no style).</summary>
    public static bool[][] Contests(ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.BallotStyles.Count == 0) return [Enumerable.Repeat(true, d.Contests.Count).ToArray()];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < d.Contests.Count; i++) index.TryAdd(d.Contests[i].ContestId, i);
        return [.. d.BallotStyles.Select(s =>
        {
            var included = new bool[d.Contests.Count];
            foreach (var id in s.ContestIds) if (index.TryGetValue(id, out var i)) included[i] = true;
            return included;
        })];
    }

    /// <summary>A ballot of style `style` marks no contest outside it; names the first one it does.</summary>
    public static RuleViolation? BallotProblem(PlainBallot ballot, ElectionDefinition d, bool[] styleContests, uint style)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(styleContests);
        for (int i = 0; i < ballot.Votes.Count && i < styleContests.Length; i++)
            if (!styleContests[i] && ballot.Votes[i].Choices.Count > 0)
                return new(Check, $"the ballot marks contest \"{d.Contests[i].ContestId}\", which is not in its voter's ballot style \"{StyleName(d, style)}\"");
        return null;
    }

    public static string StyleName(ElectionDefinition d, uint style)
    {
        ArgumentNullException.ThrowIfNull(d);
        return style < d.BallotStyles.Count ? d.BallotStyles[(int)style].StyleId : "every contest";
    }

    /// <summary>The definition's styles (log.md §6): 1–64 printable ASCII ids, distinct; each lists existing contests, in order, none twice; every contest in some style.</summary>
    public static IEnumerable<string> DefinitionProblems(ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.BallotStyles.Count == 0) yield break;
        if (d.BallotStyles.Count > MaxStyles) { yield return $"{d.BallotStyles.Count} ballot styles; at most {MaxStyles}"; yield break; }
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < d.Contests.Count; i++) position.TryAdd(d.Contests[i].ContestId, i);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var covered = new HashSet<int>();
        foreach (var s in d.BallotStyles)
        {
            if (s.StyleId.Length is < 1 or > 64 || s.StyleId.Any(c => c is < ' ' or > '~')) yield return $"ballot style \"{s.StyleId}\": style_id must be 1-64 printable ASCII characters";
            if (!ids.Add(s.StyleId)) yield return $"ballot style \"{s.StyleId}\" repeats";
            if (s.ContestIds.Count == 0) yield return $"ballot style \"{s.StyleId}\" lists no contest";
            int last = -1;
            foreach (var c in s.ContestIds)
            {
                if (!position.TryGetValue(c, out var at)) { yield return $"ballot style \"{s.StyleId}\" names contest \"{c}\", which the definition does not have"; continue; }
                if (at <= last) yield return $"ballot style \"{s.StyleId}\": contests must be listed once each, in the definition's order";
                last = at;
                covered.Add(at);
            }
        }
        foreach (var c in d.Contests.Where((_, i) => !covered.Contains(i)))
            yield return $"contest \"{c.ContestId}\" is in no ballot style: nobody could vote in it";
    }

    public const int MaxStyles = 1000;
}
