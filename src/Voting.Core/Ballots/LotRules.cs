using System.Security.Cryptography;
using Voting.Core.Records;

namespace Voting.Core.Ballots;

/// <summary>
/// Lot contributions (log.md §7.1, audit check "lot.reveal"), pure: the definition's contributors, each reveal after
/// Close, and the Declaration's need for all of them. The server asks before it appends; the scrutineer's walk asks
/// of every record, so a refusal and a finding say the same.
/// </summary>
public static class LotRules
{
    public const string Check = "lot.reveal";
    /// <summary>Each contributor can block the count by withholding its seed; a handful of independent parties is enough.</summary>
    public const int MaxContributors = 16;

    /// <summary>What is wrong with the definition's lot contributors (part of election.well-formed).</summary>
    public static IEnumerable<string> DefinitionProblems(ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.LotContributors.Count == 0)
            yield return "there are no lot_contributors: at least one independent party must commit to a lot seed (scrutineer lot commit), or the organisers alone would know every lot in advance";
        if (d.LotContributors.Count > MaxContributors) yield return $"{d.LotContributors.Count} lot_contributors; at most {MaxContributors} are allowed";
        var names = new HashSet<string>(StringComparer.Ordinal);
        var commitments = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < d.LotContributors.Count; i++)
        {
            var c = d.LotContributors[i];
            if (c.Name.Length is < 1 or > 64 || c.Name.Any(ch => ch is < ' ' or > '~'))
                yield return $"lot contributor {i}: the name must be 1-64 printable ASCII characters";
            else if (!names.Add(c.Name)) yield return $"lot contributor {i}: the name \"{c.Name}\" repeats";
            if (c.Commitment.Length != 32) yield return $"lot contributor {i}: the commitment must be 32 bytes";
            else if (!commitments.Add(c.Commitment.ToBase64())) yield return $"lot contributor {i}: the commitment repeats";
        }
    }

    /// <summary>A reveal comes after Close and before the Declaration, names a contributor once, and opens its commitment.</summary>
    public static RuleViolation? RevealProblem(LotReveal reveal, ElectionDefinition d, bool closed, bool declared, bool alreadyRevealed)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        ArgumentNullException.ThrowIfNull(d);
        if (reveal.ElectionId != d.ElectionId) return new(Check, $"a lot reveal for election \"{reveal.ElectionId}\", not {d.ElectionId}");
        if (!closed) return new(Check, "a lot seed is revealed only after Close, once the ballots are fixed");
        if (declared) return new(Check, "a lot seed revealed after the Declaration: the count had been made without it");
        if (reveal.ContributorIndex >= d.LotContributors.Count)
            return new(Check, $"lot contributor {reveal.ContributorIndex} does not exist (the definition names {d.LotContributors.Count})");
        var who = d.LotContributors[(int)reveal.ContributorIndex];
        if (alreadyRevealed) return new(Check, $"lot contributor {reveal.ContributorIndex} (\"{who.Name}\") is already revealed");
        if (reveal.Seed.Length != LotSeeds.SeedBytes) return new(Check, $"the seed is {reveal.Seed.Length} bytes, not {LotSeeds.SeedBytes}");
        if (!CryptographicOperations.FixedTimeEquals(LotSeeds.Commitment(d.ElectionId, reveal.Seed.Span), who.Commitment.Span))
            return new(Check, $"the seed does not open lot contributor {reveal.ContributorIndex}'s (\"{who.Name}\") commitment");
        return null;
    }

    /// <summary>The Declaration is counted with every contribution: none may be missing.</summary>
    public static RuleViolation? DeclarationProblem(ElectionDefinition d, IReadOnlyCollection<uint> revealed)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(revealed);
        var missing = Enumerable.Range(0, d.LotContributors.Count).Where(i => !revealed.Contains((uint)i)).ToList();
        return missing.Count == 0 ? null
            : new(Check, $"lot contribution{(missing.Count == 1 ? "" : "s")} not revealed: {string.Join(", ", missing.Select(i => $"{i} (\"{d.LotContributors[i].Name}\")"))}; the lots need every one (counting.md §7)");
    }
}
