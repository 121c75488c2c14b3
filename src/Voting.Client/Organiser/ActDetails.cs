using System.Globalization;
using System.Text;
using Voting.Core.Records;
using Voting.Protocol;

namespace Voting.Client.Organiser;

/// <summary>
/// An act in full, for the organiser about to sign it: everything that gives an organiser power or fixes the outcome
/// (every organiser key and the threshold, the lot contributors, the schedule, the roll's size and digest, the
/// declared outcomes), so that a preparer cannot slip in a key of their own or a contributor they control.
/// </summary>
internal static class ActDetails
{
    /// <summary>A styled roll's entries per style (what the issuer will attest), for the co-signer to compare with the membership.</summary>
    private static string StyleCounts(CommitRollRequest roll, ElectionDefinition d) =>
        d.BallotStyles.Count == 0 ? "" : " (" + string.Join(", ", Voting.Core.Ballots.RollRules.StyleCounts(roll.StyledEntries, d).Select((n, i) => $"{d.BallotStyles[i].StyleId} {n:N0}")) + ")";

    public static string Of(PendingAct p, ElectionDefinition d, uint myIndex)
    {
        var sb = new StringBuilder();
        switch (p.ActCase)
        {
            case PendingAct.ActOneofCase.Definition:
                var def = p.Definition;
                sb.Append(CultureInfo.InvariantCulture, $"act: create election {def.ElectionId} \"{def.Title}\"\n");
                sb.Append(CultureInfo.InvariantCulture, $"  organisers: any {Math.Max(1u, def.OrganiserThreshold)} of these {def.OrganiserKeys.Count} keys must sign every act:\n");
                for (int i = 0; i < def.OrganiserKeys.Count; i++)
                    sb.Append(CultureInfo.InvariantCulture, $"    {i}: {def.OrganiserKeys[i].ToBase64()}{(i == myIndex ? "  (yours)" : "")}\n");
                sb.Append("  lot contributors (their seeds, with the tie-break seed, break ties by lot):\n");
                foreach (var c in def.LotContributors) sb.Append(CultureInfo.InvariantCulture, $"    {c.Name}={c.Commitment.ToBase64()}\n");
                if (def.Schedule is { } s)
                    sb.Append(CultureInfo.InvariantCulture, $"  schedule: {Time(s.OpensAtUnix)} to {Time(s.ClosesAtUnix)}\n");
                sb.Append(CultureInfo.InvariantCulture, $"  revote: {def.RevotePolicy}; roll: {def.RollKind}\n");
                // The issuer is what stops the office voting for abstainers: a key of the preparer's own there would undo it.
                sb.Append(def.IssuerKey.IsEmpty ? "  independent issuer: none (the office alone issues every code)\n"
                    : string.Create(CultureInfo.InvariantCulture, $"  independent issuer: {def.IssuerKey.ToBase64()}, roll-audit commitment {def.RollAuditCommitment.ToBase64()}, sample {def.RollAuditSample}; dispute window {def.DisputeWindowSeconds} s\n"));
                foreach (var st in def.BallotStyles) sb.Append(CultureInfo.InvariantCulture, $"  ballot style {st.StyleId}: {string.Join(", ", st.ContestIds)}\n");
                foreach (var c in def.Contests)
                    sb.Append(CultureInfo.InvariantCulture, $"  contest {c.ContestId} \"{c.Title}\": {c.Method}, {c.Seats} seat(s), {c.Candidates.Count} candidates: {string.Join(", ", c.Candidates.Select(x => x.Name))}\n");
                break;
            case PendingAct.ActOneofCase.Roll:
                sb.Append(CultureInfo.InvariantCulture, $"act: commit the roll of election {p.Roll.ElectionId}: {p.Roll.Entries.Count + p.Roll.StyledEntries.Count:N0} entries{StyleCounts(p.Roll, d)}, digest {Convert.ToHexStringLower(p.Roll.Commitment.RollDigest.Span)}\n");
                sb.Append("  (the digest is recomputed from the entries; that each entry is a real member only the codes' issuer can tell)\n");
                break;
            case PendingAct.ActOneofCase.Open:
                sb.Append(CultureInfo.InvariantCulture, $"act: open election {p.Open.ElectionId} (prepared {Time(p.Open.OpenedAtUnix)})\n");
                break;
            case PendingAct.ActOneofCase.Close:
                sb.Append(CultureInfo.InvariantCulture, $"act: close election {p.Close.ElectionId} and reveal its tie-break seed (prepared {Time(p.Close.ClosedAtUnix)}; the seed matches the definition's commitment)\n");
                break;
            default:
                var decl = p.Declaration;
                sb.Append(CultureInfo.InvariantCulture, $"act: declare the result of election {decl.ElectionId}: {decl.CountedBallots:N0} counted ballots, the same as your own recount of the published log\n");
                foreach (var o in decl.Outcomes)
                {
                    var contest = d.Contests.FirstOrDefault(c => c.ContestId == o.ContestId);
                    var names = o.ElectedCandidateIds.Select(id => contest?.Candidates.FirstOrDefault(c => c.CandidateId == id)?.Name ?? id);
                    sb.Append(CultureInfo.InvariantCulture, $"  {o.ContestId}: elected {string.Join(", ", names)}\n");
                }
                break;
        }
        var act = ActFile.Act(p);
        sb.Append(CultureInfo.InvariantCulture, $"  signed so far by organiser key(s) {string.Join(", ", act.Signatures.Select(s => s.KeyIndex))}; you are key {myIndex}");
        return sb.ToString();
    }

    private static string Time(long unix) => DateTimeOffset.FromUnixTimeSeconds(unix).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
