using System.Globalization;
using System.Net;
using System.Text;
using Scrutineer.Verify;
using Voting.Core.Ballots;
using Voting.Core.Records;
using Voting.Counting;
using Voting.Counting.Results;

namespace Scrutineer.Report;

/// <summary>
/// The scrutineer's report as one self-contained HTML page: the verdict first in plain words, turnout, each
/// contest's result with full figures (and the stage table for STV), ballots over time, then every check. No
/// script, no external asset: styles inline, charts as SVG drawn by SvgChart.
/// </summary>
internal static class HtmlReport
{
    public static string Render(LogVerifier v, ExportedLog log, Policy trust)
    {
        var f = v.Facts;
        var title = f is null ? "an election log" : $"{f.Definition.Title} ({f.Definition.ElectionId})";
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append($"<title>Scrutineer's report: {E(title)}</title><style>{Style}</style></head><body><main>");
        sb.Append($"<h1>Scrutineer's report: {E(title)}</h1>");
        Verdict(sb, v, log, trust);
        if (f is not null)
        {
            Turnout(sb, f);
            Eligibility(sb, f);
            if (v.Counts is { } counts) foreach (var c in counts) Contest(sb, c);
            else sb.Append("<h2>Results</h2><p class=\"bad\">There is no recount to show: see <code>count.recount</code> below.</p>");
            sb.Append("<h2>Ballots over time</h2>");
            if (Timeline.Of(f.BallotTimesMs, f.OpenedAtMs, f.ClosedAtMs) is { } t)
            {
                sb.Append($"<p>{f.BallotTimesMs.Count} ballots were recorded. The shaded band is the final stretch, from {SvgChart.Time(t.FinalStretchFromMs)} UTC: {t.InFinalStretch} ballots ({Pct(t.InFinalStretch, f.BallotTimesMs.Count)}%) arrived in it. Times are the log's own; <code>time.witness-bounds</code> holds them to the witnesses' clocks.</p>");
                sb.Append(SvgChart.Ballots(t));
            }
            else sb.Append($"<p class=\"bad\">{f.BallotTimesMs.Count} ballots were recorded, but the log claims times after the end of the year 9999: there is no chart to draw.</p>");
            LateActivity(sb, f);
        }
        Checks(sb, v);
        sb.Append($"<footer><p>Made by <code>scrutineer report</code> from the log alone. Anyone can repeat every check with <code>scrutineer verify</code> on the same log; nothing here depends on the organisation's server.</p></footer>");
        sb.Append("</main></body></html>\n");
        return sb.ToString();
    }

    private static void Verdict(StringBuilder sb, LogVerifier v, ExportedLog log, Policy trust)
    {
        int failed = v.Results.Count(r => r.Verdict == Verify.Verdict.Fail), notRun = v.Results.Count(r => r.Verdict == Verify.Verdict.NotRun);
        int na = v.Results.Count(r => r.Verdict == Verify.Verdict.NotApplicable);
        if (v.Passed)
            sb.Append($"<p class=\"verdict good\"><strong>Verified.</strong> All {v.Results.Count - na} checks that apply ran and passed{(na > 0 ? $" ({na} do not apply to this election: see below)" : "")}: the log is intact, every counted ballot came from an eligible voter inside the voting window, nothing was added after Close, and the declared result is the recount.</p>");
        else
        {
            sb.Append($"<p class=\"verdict bad\"><strong>Not verified.</strong> {failed} of {v.Results.Count} checks failed and {notRun} could not run. The first problem: {E(LogVerifier.Describe(v.FirstProblem!))}</p>");
        }
        sb.Append($"<p class=\"meta\">Log <code>{E(trust.LogKey.Name)}</code>: {log.Records.Count} records, {log.Checkpoints.Count} checkpoints; witnesses named: {trust.Witnesses.Count}, quorum {trust.Quorum}.");
        if (trust.FromExport) sb.Append(" Keys were taken from the log's own <code>keys</code> file; a scrutineer should pin them with <code>--policy</code>.");
        sb.Append("</p>");
    }

    private static void Turnout(StringBuilder sb, ElectionFacts f)
    {
        sb.Append("<h2>Turnout</h2><table class=\"figures\"><tbody>");
        sb.Append($"<tr><th scope=\"row\">Members on the roll</th><td>{f.RollSize:N0}</td></tr>");
        sb.Append($"<tr><th scope=\"row\">Ballots counted (one per voter)</th><td>{f.CountedBallots:N0}</td></tr>");
        sb.Append($"<tr><th scope=\"row\">Turnout</th><td>{Pct(f.CountedBallots, f.RollSize)}%</td></tr>");
        sb.Append($"<tr><th scope=\"row\">Ballots recorded, including replaced ones</th><td>{f.BallotTimesMs.Count:N0}</td></tr>");
        if (f.OpenedAtMs is { } o) sb.Append($"<tr><th scope=\"row\">Opened</th><td>{SvgChart.Time(o)} UTC</td></tr>");
        // A definition that is not well-formed may have no schedule, or one outside the calendar (election.well-formed says so).
        var scheduled = f.Definition.Schedule is { ClosesAtUnix: >= 0 and <= DefinitionRules.LatestUnixSeconds } s ? $"scheduled {SvgChart.Time(s.ClosesAtUnix * 1000)} UTC" : "no valid scheduled close";
        if (f.ClosedAtMs is { } c) sb.Append($"<tr><th scope=\"row\">Closed</th><td>{SvgChart.Time(c)} UTC ({scheduled})</td></tr>");
        sb.Append($"<tr><th scope=\"row\">Result declared</th><td>{(f.Declared ? "yes" : "no")}</td></tr>");
        sb.Append("</tbody></table>");
    }

    /// <summary>
    /// Who could enrol whom (log.md §7.2–§7.4, §10.1), in plain words: the independent issuer and its attestation, the
    /// entries per ballot style, the roll audit's findings and every dispute — or, on a plain roll, that the office
    /// alone issued every code.
    /// </summary>
    private static void Eligibility(StringBuilder sb, ElectionFacts f)
    {
        var d = f.Definition;
        sb.Append("<h2>Eligibility</h2>");
        if (!SplitRoll.HasIssuer(d))
        {
            sb.Append("<p class=\"bad\">A plain roll: the definition names no independent issuer, so the office alone issued every enrollment code. Whoever issued them could have enrolled and voted in the name of members who never used their codes, and this log could not show it (SECURITY.md).</p>");
            return;
        }
        sb.Append($"<p>Every member received two codes: one from the office and one from an independent issuer (key <code>{E(d.IssuerKey.ToBase64())}</code>), each by its own channel. Every enrolment needed both, so voting in the name of a member who did not vote needs the office and the issuer to collude.</p>");
        if (f.Attestation is { } a)
        {
            sb.Append($"<p>The issuer attested, before voting opened, that the sealed roll of {a.EntryCount:N0} entries holds exactly the halves it issued, one per member it was given.</p>");
            if (d.BallotStyles.Count > 0)
            {
                sb.Append("<table class=\"figures\"><thead><tr><th scope=\"col\">Ballot style</th><th scope=\"col\">Contests</th><th scope=\"col\">Members</th></tr></thead><tbody>");
                for (int i = 0; i < d.BallotStyles.Count && i < a.StyleCounts.Count; i++)
                    sb.Append($"<tr><th scope=\"row\">{E(d.BallotStyles[i].StyleId)}</th><td>{E(string.Join(", ", d.BallotStyles[i].ContestIds))}</td><td>{a.StyleCounts[i]:N0}</td></tr>");
                sb.Append("</tbody></table>");
            }
        }
        else sb.Append("<p class=\"bad\">The issuer's attestation of the roll is not in the log (see <code>roll.attested</code>).</p>");
        if (f.RollAudit is { } audit)
        {
            int Count(RollAuditOutcome o) => audit.Findings.Count(x => x.Outcome == o);
            sb.Append($"<p>Roll audit: the issuer drew {audit.Findings.Count} entries at random (from a seed it committed to before the roll existed) and checked each with its member: {Count(RollAuditOutcome.Confirmed)} confirmed, {Count(RollAuditOutcome.Unreachable)} could not be reached, {Count(RollAuditOutcome.NotAMember)} not members.</p>");
        }
        else sb.Append("<p class=\"bad\">The issuer's roll audit is not in the log (see <code>roll.audit</code>).</p>");
        if (d.DisputeWindowSeconds == 0) sb.Append("<p>The definition set no dispute window.</p>");
        else if (f.Disputes.Count == 0) sb.Append($"<p>Disputes: none. For {d.DisputeWindowSeconds:N0} s after Close, any member who found a ballot cast in their name could dispute it with both codes.</p>");
        else
        {
            sb.Append($"<p>Disputes: {f.Disputes.Count}. Each is a member who, with both of their codes, said the enrolment made in their name was not theirs; the ballots cast with it were set aside and are not in the counts above.</p><ul>");
            foreach (var (at, entry) in f.Disputes) sb.Append($"<li>roll entry {entry} (record {at})</li>");
            sb.Append("</ul>");
        }
    }

    /// <summary>Enrolments and first ballots over time: a burst of them late in voting is what impersonation of abstainers looks like.</summary>
    private static void LateActivity(StringBuilder sb, ElectionFacts f)
    {
        foreach (var (times, what) in new[] { (f.EnrollmentTimesMs, "enrollments"), (f.FirstCastTimesMs, "first ballots") })
        {
            sb.Append($"<h2>{char.ToUpperInvariant(what[0])}{what[1..]} over time</h2>");
            if (Timeline.Of(times, f.OpenedAtMs, f.ClosedAtMs) is not { } t) { sb.Append($"<p class=\"bad\">The log claims times past the year 9999 for {what}: there is no chart to draw.</p>"); continue; }
            sb.Append($"<p>{times.Count:N0} {what}; {t.InFinalStretch:N0} ({Pct(t.InFinalStretch, times.Count)}%) in the final stretch, from {SvgChart.Time(t.FinalStretchFromMs)} UTC (shaded).</p>");
            sb.Append(SvgChart.Ballots(t, what));
        }
    }

    private static void Contest(StringBuilder sb, ContestCount c)
    {
        var r = c.Result;
        sb.Append($"<section class=\"contest\"><h2>{E(c.Contest.Title)} <small>({E(MethodName(c.Contest))}, {r.Seats} seat{(r.Seats == 1 ? "" : "s")})</small></h2>");
        sb.Append($"<p><strong>Elected, in order:</strong> {string.Join(", ", r.Elected.Select(e => E(r.Names[e])))}</p>");
        if (r.Stages.Count == 1 && r.RuleSet is "fptp" or "block" or "approval" or "referendum")
        {
            var s0 = r.Stages[0];
            long marked = r.ValidPoll - s0.NonTransferable;
            long top = Math.Max(1, s0.Votes.Max());
            sb.Append("<table class=\"figures\"><thead><tr><th scope=\"col\">Candidate / option</th><th scope=\"col\">Votes</th><th scope=\"col\">Share of marked ballots</th><th scope=\"col\"><span class=\"sr\">bar</span></th></tr></thead><tbody>");
            foreach (var i in Enumerable.Range(0, r.Names.Count).OrderByDescending(i => s0.Votes[i]))
            {
                var pct = ResultJson.Percent(s0.Votes[i], marked);
                sb.Append($"<tr{(r.Elected.Contains(i) ? " class=\"elected\"" : "")}><th scope=\"row\">{E(r.Names[i])}{(r.Elected.Contains(i) ? " ✓" : "")}</th><td>{s0.Votes[i]:N0}</td><td>{pct}%</td>");
                sb.Append($"<td><svg viewBox=\"0 0 200 12\" class=\"share\" aria-hidden=\"true\"><rect width=\"{(200.0 * s0.Votes[i] / top).ToString("0.#", CultureInfo.InvariantCulture)}\" height=\"12\"/></svg></td></tr>");
            }
            sb.Append($"</tbody></table><p>Ballots {r.ValidPoll:N0}; blank in this contest {s0.NonTransferable:N0}; marked {marked:N0}.</p>");
        }
        else if (r.RuleSet == "top-up" && c.TopUps.Count == 0)
            sb.Append($"<p>Every top-up rule's minimum was met by the earlier contests: no top-up seat was filled ({r.ValidPoll / Fixed.Pow10(r.Decimals):N0} top-up ballots).</p>");
        else
        {
            sb.Append(r.RuleSet == "top-up"
                ? $"<p>Top-up ballots {r.ValidPoll / Fixed.Pow10(r.Decimals):N0}. {string.Join(" ", c.TopUps.Select(t => $"Rule <code>{E(t.Rule.Id)}</code>: {t.ElectedBefore} of the group elected before, {t.Seats} seat{(t.Seats == 1 ? "" : "s")} filled, quota {t.Result.Format(t.Result.Quota)}."))}</p><ol class=\"stages\">"
                : $"<p>Valid ballots {r.Format(r.ValidPoll)}; quota {r.Format(r.Quota)}.</p><ol class=\"stages\">");
            for (int i = 0; i < r.Stages.Count; i++)
                sb.Append($"<li>Stage {i + 1}: {E(r.Stages[i].Action)}{(r.Stages[i].Constraint is { } k ? $" (constraint <code>{E(k)}</code>)" : "")}</li>");
            sb.Append("</ol><div class=\"scroll\"><table class=\"stv\"><thead><tr><th scope=\"col\">Candidate</th>");
            for (int i = 0; i < r.Stages.Count; i++) sb.Append($"<th scope=\"col\">Stage {i + 1}</th>");
            sb.Append("</tr></thead><tbody>");
            for (int cand = 0; cand < r.Names.Count; cand++)
            {
                sb.Append($"<tr{(r.Elected.Contains(cand) ? " class=\"elected\"" : "")}><th scope=\"row\">{E(r.Names[cand])}{(r.Elected.Contains(cand) ? " ✓" : "")}</th>");
                foreach (var s in r.Stages) sb.Append($"<td>{r.Format(s.Votes[cand])}</td>");
                sb.Append("</tr>");
            }
            sb.Append("<tr class=\"nt\"><th scope=\"row\">Non-transferable</th>");
            foreach (var s in r.Stages) sb.Append($"<td>{r.Format(s.NonTransferable)}</td>");
            sb.Append("</tr></tbody></table></div>");
        }
        foreach (var d in r.Lots)
            sb.Append($"<p>Lot {d.Draw} ({E(d.Purpose)}): among {string.Join(", ", d.Tied.Select(t => E(r.Names[t])))} the lot chose {E(r.Names[d.Chosen])}.</p>");
        sb.Append("</section>");
    }

    private static void Checks(StringBuilder sb, LogVerifier v)
    {
        sb.Append("<h2>Every check</h2><table class=\"checks\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Check</th><th scope=\"col\">What it means</th><th scope=\"col\">Verdict</th><th scope=\"col\">Examined</th><th scope=\"col\">Evidence</th></tr></thead><tbody>");
        foreach (var r in v.Results)
        {
            var check = Verify.AuditCatalogue.Of(r.Name);
            var (cls, word) = r.Verdict switch { Verify.Verdict.Pass => ("good", "passed"), Verify.Verdict.Fail => ("bad", "FAILED"), Verify.Verdict.NotApplicable => ("na", "does not apply"), _ => ("bad", "could not run") };
            var evidence = r.Verdict == Verify.Verdict.Fail ? $"{r.Failures} failed; first at {(r.FailedAt is { } a ? $"record {a}" : "the log")}: {r.Evidence}" : r.Verdict is Verify.Verdict.NotRun or Verify.Verdict.NotApplicable ? r.Evidence ?? "" : "";
            sb.Append($"<tr><td>{check.Number}</td><td><code>{E(r.Name)}</code></td><td>{E(check.Plain)}</td><td class=\"{cls}\">{word}</td><td>{r.Examined:N0}</td><td>{E(evidence)}</td></tr>");
        }
        sb.Append("</tbody></table>");
    }

    internal static string MethodName(Contest c) => c.Method switch
    {
        Method.Stv when c.TopUpRules.Count > 0 => "top-up seats, single transferable vote, scottish-stv",
        Method.Stv => $"single transferable vote, {c.RuleSet}",
        Method.Fptp => "first past the post",
        Method.Block => "block vote",
        Method.Approval => "approval vote",
        Method.Referendum => "referendum",
        var m => m.ToString(),
    };

    private static string Pct(long part, long whole) => whole == 0 ? "0.00" : ResultJson.Percent(part, whole);
    private static string E(string s) => WebUtility.HtmlEncode(s);

    private const string Style = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
        main{max-width:60rem;margin:0 auto;padding:1rem}
        h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
        .verdict{padding:.75rem 1rem;border-radius:.4rem;font-size:1.1rem}
        .verdict.good{background:#e3f4e5;border:2px solid #2e7d32}.verdict.bad{background:#fde7e7;border:2px solid #c62828}
        td.good{color:#1b5e20;font-weight:600}td.na{color:#555;font-style:italic}td.bad,p.bad{color:#b71c1c;font-weight:600}
        .meta{color:#444}
        table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
        table.figures td,table.stv td{text-align:right;font-variant-numeric:tabular-nums}
        tr.elected th{font-weight:700}tr.nt th{font-weight:400;font-style:italic}
        .scroll{overflow-x:auto}.share{width:12rem;height:.8rem}.share rect{fill:#3f51b5}
        .chart{width:100%;height:auto;background:#fff;border:1px solid #ddd}
        .chart .bar{fill:#90a4d4}.chart .cumulative{fill:none;stroke:#1a237e;stroke-width:2}
        .chart .stretch{fill:#ffe0b2;opacity:.6}.chart .mark{stroke:#c62828;stroke-dasharray:4 3}
        .chart .mark-label,.chart .tick{font-size:11px;fill:#333}.chart .axis{stroke:#555}
        .sr{position:absolute;left:-9999px}
        code{font-size:.9em}small{font-weight:400;color:#555}
        @media (max-width:40rem){table.checks td:nth-child(3){display:none}}
        """;
}
