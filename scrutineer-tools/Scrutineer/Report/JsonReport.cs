using System.Text.Json;
using System.Text.Json.Nodes;
using Scrutineer.Verify;

namespace Scrutineer.Report;

/// <summary>The report for machines: verify --json's document plus the election, turnout, each contest's result document and the timeline.</summary>
internal static class JsonReport
{
    public static string Render(LogVerifier v, Policy trust)
    {
        var doc = JsonNode.Parse(VerifyCommand.Json(v, trust))!.AsObject();
        if (v.Facts is { } f)
        {
            doc["election"] = new JsonObject
            {
                ["election_id"] = f.Definition.ElectionId,
                ["title"] = f.Definition.Title,
                ["roll_size"] = f.RollSize,
                ["counted_ballots"] = f.CountedBallots,
                ["recorded_ballots"] = f.BallotTimesMs.Count,
                ["opened_at_ms"] = f.OpenedAtMs,
                ["closed_at_ms"] = f.ClosedAtMs,
                ["declared"] = f.Declared,
                ["independent_issuer"] = f.Definition.IssuerKey.IsEmpty ? null : f.Definition.IssuerKey.ToBase64(),
                ["style_counts"] = f.Attestation is not { } a ? null : new JsonObject(f.Definition.BallotStyles.Select((s, i) => KeyValuePair.Create(s.StyleId, (JsonNode?)(i < a.StyleCounts.Count ? a.StyleCounts[i] : 0)))),
                ["roll_audit"] = f.RollAudit is not { } audit ? null : new JsonArray([.. audit.Findings.Select(x => (JsonNode)new JsonObject { ["roll_index"] = x.RollIndex, ["outcome"] = x.Outcome.ToString() })]),
                ["disputes"] = new JsonArray([.. f.Disputes.Select(x => (JsonNode)new JsonObject { ["record"] = x.At, ["roll_index"] = x.RollIndex })]),
                ["enrollments"] = f.EnrollmentTimesMs.Count,
                ["first_ballots"] = f.FirstCastTimesMs.Count,
            };
            // null when the log claims times past the calendar (Timeline.Of).
            doc["timeline"] = Timeline.Of(f.BallotTimesMs, f.OpenedAtMs, f.ClosedAtMs) is not { } t ? null : new JsonObject
            {
                ["start_ms"] = t.StartMs,
                ["bin"] = t.BinName,
                ["bin_ms"] = t.BinMs,
                ["ballots_per_bin"] = new JsonArray([.. t.PerBin.Select(n => (JsonNode)n)]),
                ["final_stretch_from_ms"] = t.FinalStretchFromMs,
                ["ballots_in_final_stretch"] = t.InFinalStretch,
            };
        }
        if (v.Counts is { } counts)
            doc["contests"] = new JsonArray([.. counts.Select(c => (JsonNode)new JsonObject
            {
                ["contest_id"] = c.Contest.ContestId,
                ["title"] = c.Contest.Title,
                ["result"] = JsonNode.Parse(c.Document),
            })]);
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
