using System.Globalization;
using Voting.Core.Records;
using Voting.Protocol;

namespace Voting.Client.Member;

/// <summary>
/// What a participation answer (log.md §10.2) means for the member, in plain lines: enrolled or not, by this
/// computer's credential or another's, the ballots cast and when, and — when it was not them — that this is evidence
/// of impersonation and how to dispute it.
/// </summary>
public static class Participation
{
    public static IEnumerable<string> Describe(ElectionDefinition d, GetParticipationResponse a, Credential? mine)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(a);
        if (a.StyleId.Length > 0) yield return $"your ballot style: {a.StyleId}";
        if (a.Enrollment is null)
        {
            yield return "the server says your roll entry has not been enrolled: nobody has used your codes" + (a.Phase < Phase.Closed ? "; you can still enrol and vote" : "");
            yield return "(that is the server's word: once the log is published, the scrutineer's report and scrutineer verify show every enrollment)";
            yield break;
        }
        var en = Canonical.Parse(a.Enrollment.Record.Span).Enrollment;
        var at = Utc(Canonical.Parse(a.Enrollment.Record.Span).SequencedAtMs);
        bool byMe = mine is not null && mine.PublicKey.AsSpan().SequenceEqual(en.CredentialKey.Span);
        yield return $"your roll entry {en.RollIndex} was enrolled at {at} (record {a.Enrollment.Index}, its proof checked){(byMe ? " with the credential on this computer" : "")}";
        if (a.BallotIndexes.Count == 0) yield return "no ballot has been cast with that enrollment";
        else
        {
            yield return $"{a.BallotIndexes.Count} ballot{(a.BallotIndexes.Count == 1 ? " was" : "s were")} cast with it: " +
                string.Join(", ", a.BallotIndexes.Zip(a.BallotTimesMs, (i, t) => $"record {i} at {Utc(t)}"));
            if (a.Phase < Phase.Closed || a.DisputeWindowEndsMs > (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
                yield return "(until the log is published — after Close and the dispute window — these ballots are the server's word; then check them in the log)";
        }
        if (a.HasDisputeIndex) { yield return $"you disputed this enrollment (record {a.DisputeIndex}): its ballots are set aside, not counted"; yield break; }
        if (byMe) yield break;
        yield return mine is null
            ? "WARNING: this computer holds no credential for this election. If you did not enrol (on another computer or in the voting page), someone used your codes: this is evidence of impersonation."
            : "WARNING: the enrollment is NOT the credential on this computer: someone else used your codes. This is evidence of impersonation.";
        if (!SplitRoll.HasIssuer(d) || d.DisputeWindowSeconds == 0)
            yield return "this election takes no disputes: keep this output and give it to the scrutineers";
        else if (a.Phase < Phase.Closed)
            yield return $"after voting closes, within {Window(d.DisputeWindowSeconds)}, run: voting member dispute --election {d.ElectionId} --code <your code> --issuer-code <your issuer code>; the ballots cast in your name will then not be counted";
        else if (a.DisputeWindowEndsMs > 0)
            yield return $"until {Utc(a.DisputeWindowEndsMs)} you can run: voting member dispute --election {d.ElectionId} --code <your code> --issuer-code <your issuer code>; the ballots cast in your name will then not be counted";
    }

    private static string Window(uint seconds) =>
        seconds % 3600 == 0 ? $"{seconds / 3600} hour{(seconds == 3600 ? "" : "s")}"
        : seconds % 60 == 0 ? $"{seconds / 60} minute{(seconds == 60 ? "" : "s")}"
        : $"{seconds} seconds";

    private static string Utc(ulong ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(ms, 253_402_300_799_000UL)).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
