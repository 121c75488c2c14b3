using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Voting.Core.Ballots;

/// <summary>A well-formed election definition (log.md §6; audit check "election.well-formed"). Lists every problem, not just the first.</summary>
public static class DefinitionRules
{
    /// <summary>
    /// 9999-12-31T23:59:59Z: any schedule a calendar can show, and small enough that a time in milliseconds or plus a
    /// tolerance never leaves 64 bits (a close at 2^63 − 1 used to crash the scrutineer).
    /// </summary>
    public const long LatestUnixSeconds = 253_402_300_799;

    /// <summary>
    /// The most candidates a contest may have (counting.md §1). An STV count's worst case grows as the cube of the
    /// candidates — one exclusion each, every tie broken by walking back through every stage — and its stage table as
    /// the square: 500 take about a second and 100 MB here; 2,000 took 42 s and 800 MB, so a hostile log or BLT file
    /// could stall a scrutineer. Real contests have tens.
    /// </summary>
    public const int MaxCandidates = 500;

    public static readonly IReadOnlySet<string> StvRuleSets = new HashSet<string>(StringComparer.Ordinal) { "scottish-stv", "ers97", "meek" };

    public static IReadOnlyList<string> Problems(ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var p = new List<string>();
        if (!IsIdentifier(d.ElectionId)) p.Add($"election_id \"{d.ElectionId}\" must be 1-64 characters of a-z, A-Z, 0-9, '-', '_', '.'");
        if (string.IsNullOrWhiteSpace(d.Title)) p.Add("title is empty");
        if (d.Contests.Count == 0) p.Add("there are no contests");
        if (d.RevotePolicy == RevotePolicy.Unspecified) p.Add("revote_policy is not set");
        if (d.RollKind == RollKind.Unspecified) p.Add("roll_kind is not set");
        if (d.TieBreakSeedCommitment.Length != 32) p.Add("tie_break_seed_commitment must be 32 bytes");
        p.AddRange(LotRules.DefinitionProblems(d));
        p.AddRange(IssuerRules.DefinitionProblems(d));
        p.AddRange(StyleRules.DefinitionProblems(d));
        p.AddRange(TrusteeRules.DefinitionProblems(d));
        if (d.Schedule is null) p.Add("schedule is not set");
        else if (d.Schedule.OpensAtUnix is < 0 or > LatestUnixSeconds || d.Schedule.ClosesAtUnix is < 0 or > LatestUnixSeconds)
            p.Add($"schedule times must be between 0 and {LatestUnixSeconds} (the end of the year 9999)");
        else if (d.Schedule.ClosesAtUnix <= d.Schedule.OpensAtUnix) p.Add("schedule closes_at_unix must be after opens_at_unix");
        if (d.OrganiserKeys.Count == 0) p.Add("there are no organiser keys");
        if (d.OrganiserKeys.Any(k => k.Length != Ed25519.PublicKeySize)) p.Add("every organiser key must be 32 bytes");
        if (d.OrganiserKeys.Select(k => k.ToBase64()).Distinct(StringComparer.Ordinal).Count() != d.OrganiserKeys.Count) p.Add("organiser keys repeat");
        if (d.OrganiserThreshold > d.OrganiserKeys.Count) p.Add($"organiser_threshold {d.OrganiserThreshold} exceeds the {d.OrganiserKeys.Count} keys");
        var contestIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in d.Contests)
        {
            string where = $"contest \"{c.ContestId}\"";
            if (!IsIdentifier(c.ContestId)) p.Add($"{where}: contest_id must be an identifier");
            if (!contestIds.Add(c.ContestId)) p.Add($"{where}: contest_id repeats");
            ContestProblems(c, where, p);
        }
        return p;
    }

    private static void ContestProblems(Contest c, string where, List<string> p)
    {
        if (c.Candidates.Count == 0) p.Add($"{where}: no candidates");
        if (c.Candidates.Count > MaxCandidates) p.Add($"{where}: {c.Candidates.Count} candidates; at most {MaxCandidates} are allowed");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cand in c.Candidates)
        {
            if (!IsIdentifier(cand.CandidateId)) p.Add($"{where}: candidate_id \"{cand.CandidateId}\" must be an identifier");
            if (!ids.Add(cand.CandidateId)) p.Add($"{where}: candidate_id \"{cand.CandidateId}\" repeats");
            for (int i = 1; i < cand.Attributes.Count; i++)
                if (string.CompareOrdinal(cand.Attributes[i - 1].Key, cand.Attributes[i].Key) >= 0)
                    p.Add($"{where}: candidate \"{cand.CandidateId}\" attributes must have distinct keys in ascending order");
        }
        switch (c.Method)
        {
            case Method.Fptp:
            case Method.Referendum:
                if (c.Seats != 1) p.Add($"{where}: {c.Method} fills exactly one seat");
                break;
            case Method.Block:
            case Method.Approval:
            case Method.Stv:
                if (c.Seats == 0) p.Add($"{where}: seats must be at least 1");
                if (c.Seats > c.Candidates.Count) p.Add($"{where}: {c.Seats} seats but only {c.Candidates.Count} candidates");
                break;
            default:
                p.Add($"{where}: method is not set");
                break;
        }
        if (c.Method == Method.Stv && !StvRuleSets.Contains(c.RuleSet)) p.Add($"{where}: rule_set \"{c.RuleSet}\" is not one of scottish-stv, ers97, meek");
        if (c.Method != Method.Stv && c.RuleSet.Length != 0) p.Add($"{where}: rule_set applies to STV only");
        if (c.Method == Method.Block && c.MaxMarks > c.Seats) p.Add($"{where}: max_marks exceeds seats");
        ConstraintProblems(c, where, p);
        // A top-up contest (counting.md §8.4): Scottish STV over its own ballots, its seats being the top-up seats.
        if (c.TopUpRules.Count > 0 || c.TopUpSeats > 0)
        {
            if (c.Method != Method.Stv || c.RuleSet != "scottish-stv") p.Add($"{where}: top-up rules need METHOD_STV with rule_set scottish-stv");
            if (c.TopUpRules.Count == 0 || c.TopUpSeats == 0) p.Add($"{where}: a top-up contest needs top_up_rules and top_up_seats ≥ 1");
            if (c.Seats != c.TopUpSeats) p.Add($"{where}: a top-up contest's seats ({c.Seats}) must equal its top_up_seats ({c.TopUpSeats})");
            if (c.Constraints.Count > 0) p.Add($"{where}: a top-up contest takes top-up rules, not constraints");
            var ruleIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in c.TopUpRules)
            {
                if (!IsIdentifier(r.RuleId) || !ruleIds.Add(r.RuleId)) p.Add($"{where}: top-up rule_id \"{r.RuleId}\" must be a distinct identifier");
                if (r.MinElected == 0) p.Add($"{where}: top-up rule \"{r.RuleId}\" needs min_elected ≥ 1");
            }
        }
    }

    /// <summary>
    /// counting.md §6.1: constraints are a scottish-stv rule, and a contest no choice of its candidates could satisfy
    /// is refused here, at create, rather than accepted, voted on and then impossible to count or declare.
    /// </summary>
    private static void ConstraintProblems(Contest c, string where, List<string> p)
    {
        if (c.Constraints.Count == 0) return;
        if (c.Method != Method.Stv || c.RuleSet != "scottish-stv") p.Add($"{where}: constraints apply to METHOD_STV with rule_set scottish-stv only");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        bool wellFormed = true;
        foreach (var k in c.Constraints)
        {
            if (!IsIdentifier(k.ConstraintId) || !ids.Add(k.ConstraintId)) { p.Add($"{where}: constraint_id \"{k.ConstraintId}\" must be a distinct identifier"); wellFormed = false; }
            if (k.AttributeKey.Length == 0) { p.Add($"{where}: constraint \"{k.ConstraintId}\" names no attribute_key"); wellFormed = false; }
            if (k.HasMaxElected && k.MaxElected < k.MinElected) { p.Add($"{where}: constraint \"{k.ConstraintId}\" has max below min"); wellFormed = false; }
        }
        if (!wellFormed || c.Seats == 0 || c.Seats > c.Candidates.Count) return;
        try
        {
            if (Constraints.Of(c)!.WhyUnsatisfiable([], [.. Enumerable.Range(0, c.Candidates.Count)], (int)c.Seats) is { } why) p.Add($"{where}: {why}");
        }
        catch (UnsatisfiableConstraintsException e)
        {
            p.Add($"{where}: {e.Message}");
        }
    }

    public static bool IsIdentifier(string s) =>
        s.Length is > 0 and <= 64 && s.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.');
}
