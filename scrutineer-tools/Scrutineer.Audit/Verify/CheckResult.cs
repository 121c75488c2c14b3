namespace Scrutineer.Verify;

/// <summary>NotApplicable: the check has nothing to examine in this kind of election (a plain roll has no issuer to attest it), said so in its evidence; it neither passes nor fails.</summary>
public enum Verdict { Pass, Fail, NotRun, NotApplicable }

/// <summary>One named check of docs/spec/audit.md: its verdict, how many items it examined, and the first failure's record index and evidence.</summary>
public sealed class CheckResult(string name)
{
    public string Name { get; } = name;
    public Verdict Verdict { get; private set; } = Verdict.NotRun;
    public long Examined { get; private set; }
    public ulong? FailedAt { get; private set; }
    public string? Evidence { get; private set; }
    public int Failures { get; private set; }

    public void Ok(long count = 1)
    {
        Examined += count;
        if (Verdict == Verdict.NotRun) Verdict = Verdict.Pass;
    }

    public void Fail(ulong? index, string evidence)
    {
        Examined++;
        Failures++;
        if (Verdict != Verdict.Fail) { FailedAt = index; Evidence = Printable(evidence); }
        Verdict = Verdict.Fail;
    }

    /// <summary>Not applicable to this election, with the reason (never after a failure).</summary>
    public void NotApplicable(string why)
    {
        if (Verdict == Verdict.Fail) return;
        Verdict = Verdict.NotApplicable;
        Evidence = Printable(why);
    }

    /// <summary>Could not run: a failure, with the reason as evidence (never a pass).</summary>
    public void CannotRun(string why)
    {
        if (Verdict == Verdict.Fail) return;
        Verdict = Verdict.NotRun;
        Evidence = Printable(why);
    }

    /// <summary>
    /// Evidence quotes what a hostile log holds (election ids, names): control characters are shown escaped, so that
    /// no log can move the cursor, clear the screen or forge a PASS line on the scrutineer's terminal or report.
    /// </summary>
    private static string Printable(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16);
        foreach (char c in text) sb.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        return sb.ToString();
    }
}
