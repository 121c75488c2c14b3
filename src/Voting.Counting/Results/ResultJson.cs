using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Voting.Counting.Results;

/// <summary>
/// The canonical result document (counting.md §8): UTF-8 JSON, fixed key order, two-space indent,
/// numbers of votes as decimal strings with the rule set's places, candidates numbered from 1.
/// Its SHA-256 is what a Declaration commits to, so its bytes must be reproducible.
/// </summary>
public static class ResultJson
{
    /// <summary>Percentage of part in whole to 2 places, rounded half up, from exact integers ("41.27").</summary>
    public static string Percent(long part, long whole)
    {
        if (whole <= 0) return "0.00";
        Int128 hundredths = ((Int128)part * 20000 + whole) / (2 * (Int128)whole);
        return Fixed.Format((long)hundredths, 2);
    }

    public static byte[] Write(StvResult r) => Write(r, null);

    /// <summary>The result document; roll (the number of members entitled to vote) adds turnout to single-round figures.</summary>
    public static byte[] Write(StvResult r, long? roll)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("method", r.RuleSet);
            w.WriteNumber("seats", r.Seats);
            w.WriteNumber("decimals", r.Decimals);
            w.WriteString("valid", r.Format(r.ValidPoll));
            if (r.Stages.Count > 1 || r.RuleSet is "scottish-stv" or "ers97" or "meek") w.WriteString("quota", r.Format(r.Quota));
            else w.WriteNull("quota");
            WriteCandidatesAndElected(w, r);
            w.WriteStartArray("stages");
            for (int i = 0; i < r.Stages.Count; i++)
            {
                var s = r.Stages[i];
                w.WriteStartObject();
                w.WriteNumber("stage", i + 1);
                w.WriteString("kind", KindName(s.Kind));
                w.WriteString("action", s.Action);
                if (s.Candidate is int c) w.WriteNumber("candidate", c + 1); else w.WriteNull("candidate");
                if (s.Constraint is not null) w.WriteString("constraint", s.Constraint);
                w.WriteStartObject("votes");
                for (int k = 0; k < s.Votes.Length; k++) w.WriteString((k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Format(s.Votes[k]));
                w.WriteEndObject();
                // What this stage moved: each candidate's change from the stage before (none at stage 1).
                w.WriteStartObject("transfers");
                if (i > 0)
                {
                    var before = r.Stages[i - 1].Votes;
                    for (int k = 0; k < s.Votes.Length; k++)
                        if (s.Votes[k] != before[k]) w.WriteString((k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Signed(r, s.Votes[k] - before[k]));
                    if (s.NonTransferable != r.Stages[i - 1].NonTransferable) w.WriteString("non_transferable", Signed(r, s.NonTransferable - r.Stages[i - 1].NonTransferable));
                }
                w.WriteEndObject();
                w.WriteString("non_transferable", r.Format(s.NonTransferable));
                w.WriteStartArray("elected_after");
                foreach (var e in s.ElectedAfter) w.WriteNumberValue(e + 1);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (r.Stages.Count == 1 && r.RuleSet is "fptp" or "block" or "approval" or "referendum") WriteFigures(w, r, roll);
            w.WriteStartArray("lots");
            foreach (var d in r.Lots)
            {
                w.WriteStartObject();
                w.WriteNumber("draw", d.Draw);
                w.WriteString("purpose", d.Purpose);
                w.WriteStartArray("tied");
                foreach (var t in d.Tied) w.WriteNumberValue(t + 1);
                w.WriteEndArray();
                w.WriteNumber("chosen", d.Chosen + 1);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    /// <summary>Every figure of a single-round count (counting.md §3): each option's votes and share of the ballots that marked something, blank ballots, turnout.</summary>
    private static void WriteFigures(Utf8JsonWriter w, StvResult r, long? roll)
    {
        var s = r.Stages[0];
        long ballots = r.ValidPoll;
        long blank = s.NonTransferable;
        long marked = ballots - blank;
        long marks = s.Votes.Sum();
        w.WriteStartObject("figures");
        w.WriteNumber("ballots", ballots);
        w.WriteNumber("blank", blank);
        w.WriteNumber("marked", marked);
        w.WriteStartArray("options");
        for (int c = 0; c < s.Votes.Length; c++)
        {
            w.WriteStartObject();
            w.WriteNumber("number", c + 1);
            w.WriteNumber("votes", s.Votes[c]);
            w.WriteString("share_of_marked_ballots_percent", Percent(s.Votes[c], marked));
            w.WriteString("share_of_marks_percent", Percent(s.Votes[c], marks));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (roll is long n)
        {
            w.WriteNumber("roll", n);
            w.WriteString("turnout_percent", Percent(ballots, n));
        }
        else
        {
            w.WriteNull("roll");
            w.WriteNull("turnout_percent");
        }
        w.WriteEndObject();
    }

    private static string Signed(StvResult r, long delta) => (delta > 0 ? "+" : "") + r.Format(delta);

    /// <summary>"candidates" (number and name of each) and "elected" (numbers in order of election), as §8 orders them.</summary>
    private static void WriteCandidatesAndElected(Utf8JsonWriter w, StvResult r)
    {
        w.WriteStartArray("candidates");
        for (int c = 0; c < r.Names.Count; c++)
        {
            w.WriteStartObject();
            w.WriteNumber("number", c + 1);
            w.WriteString("name", r.Names[c]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("elected");
        foreach (var c in r.Elected) w.WriteNumberValue(c + 1);
        w.WriteEndArray();
    }

    public static string KindName(StageKind k) => k switch
    {
        StageKind.FirstPreferences => "first-preferences",
        StageKind.Surplus => "surplus",
        StageKind.Exclusion => "exclusion",
        StageKind.DeemedExclusion => "deemed-exclusion",
        StageKind.ElectRemaining => "elect-remaining",
        _ => "iteration",
    };

    /// <summary>
    /// The digest a Declaration commits to (counting.md §8.1): one result document per contest, in the definition's
    /// order: result_digest = SHA-256("voting/v1/result\n" || for each contest: uint32_be(length) || document).
    /// </summary>
    public static byte[] ElectionDigest(IEnumerable<byte[]> contestDocuments)
    {
        ArgumentNullException.ThrowIfNull(contestDocuments);
        using var h = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        h.AppendData(Encoding.ASCII.GetBytes("voting/v1/result\n"));
        Span<byte> len = stackalloc byte[4];
        foreach (var d in contestDocuments)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(len, (uint)d.Length);
            h.AppendData(len);
            h.AppendData(d);
        }
        return h.GetHashAndReset();
    }

    /// <summary>
    /// A top-up contest's document (counting.md §8.4): the combined seats and elected, then each count that took
    /// seats — its rule, how many of the group were elected before it, its seats, and its own §8 document.
    /// </summary>
    public static byte[] WriteTopUp(IReadOnlyList<TopUpCount> counts, StvResult combined)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(combined);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("method", "top-up");
            w.WriteNumber("seats", combined.Seats);
            w.WriteString("valid", combined.Format(combined.ValidPoll));
            WriteCandidatesAndElected(w, combined);
            w.WriteStartArray("counts");
            foreach (var c in counts)
            {
                w.WriteStartObject();
                w.WriteString("rule", c.Rule.Id);
                w.WriteNumber("elected_before", c.ElectedBefore);
                w.WriteNumber("seats", c.Seats);
                w.WritePropertyName("result");
                w.WriteRawValue(Write(c.Result));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    public static string ToText(StvResult r, long? roll = null) => Encoding.UTF8.GetString(Write(r, roll));
}
