using Voting.Core.Records;

namespace Voting.Core.Ballots;

/// <summary>
/// Disputes (log.md §10.1; audit check dispute.valid), pure. A dispute comes after Close, while the window the
/// definition sets is open (by the record's sequenced_at_ms against Close's), names an enrolled entry not disputed
/// before, and is signed by both halves of that entry; the Declaration comes only once the window has ended, so no
/// dispute can be cut short. The server asks the same before it appends one.
/// </summary>
public static class DisputeRules
{
    public const string Check = "dispute.valid";

    /// <summary>30 days: a window longer than that holds a result back for no reason a member needs.</summary>
    public const uint MaxWindowSeconds = 30 * 24 * 3600;

    /// <summary>The end of the window in Unix milliseconds, from Close's sequenced_at_ms (saturating: a hostile log may claim any time).</summary>
    public static ulong WindowEndMs(ElectionDefinition d, ulong closedAtMs)
    {
        ArgumentNullException.ThrowIfNull(d);
        ulong window = (ulong)d.DisputeWindowSeconds * 1000;
        return closedAtMs > ulong.MaxValue - window ? ulong.MaxValue : closedAtMs + window;
    }

    /// <summary>How long after the window's end, by its own clock, the server takes the Declaration: enough that the witnesses' times show the whole window (WitnessedWindowProblem).</summary>
    public const ulong DeclarationMarginMs = 5_000;

    /// <summary>
    /// The window as the witnesses saw it: times in the log are the server's claims, and a server that claimed an
    /// early Close (or a late Declaration) would cut the window short while the claimed times look right. Witness
    /// cosignature times are not the server's: a witness's first cosignature of a checkpoint covering the Declaration
    /// must come at least the whole window after its first cosignature of one covering Close (Unix seconds, that
    /// witness's own clock; LogVerifier asks it of a quorum of witnesses).
    /// </summary>
    public static RuleViolation? WitnessedWindowProblem(ElectionDefinition d, ulong closeCosignedAt, ulong declarationCosignedAt)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.DisputeWindowSeconds == 0) return null;
        return declarationCosignedAt >= closeCosignedAt && declarationCosignedAt - closeCosignedAt >= d.DisputeWindowSeconds ? null
            : new(Check, $"a witness first cosigned the Declaration at {declarationCosignedAt}, less than the {d.DisputeWindowSeconds} s dispute window after it first cosigned Close ({closeCosignedAt})");
    }

    /// <summary>When a dispute may come (closedAtMs: Close's sequenced_at_ms, null before Close; atMs: the dispute's).</summary>
    public static RuleViolation? PhaseProblem(ElectionDefinition d, ulong? closedAtMs, bool declared, ulong atMs)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.DisputeWindowSeconds == 0 || !SplitRoll.HasIssuer(d)) return new(Check, "this election takes no disputes (its definition sets no dispute window)");
        if (closedAtMs is not { } closed) return new(Check, "a dispute before Close: disputes come after voting, when no ballot can be added");
        if (declared) return new(Check, "a dispute after the Declaration");
        ulong end = WindowEndMs(d, closed);
        return atMs > end ? new(Check, $"a dispute at {atMs} ms, after the window ended at {end} ms ({d.DisputeWindowSeconds} s after Close)") : null;
    }

    /// <summary>What a dispute names: this election, an existing entry that was enrolled, not disputed before.</summary>
    public static RuleViolation? EntryProblem(Dispute dispute, ElectionDefinition d, int rollSize, bool enrolled, bool disputed)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(d);
        if (dispute.ElectionId != d.ElectionId) return new(Check, $"the dispute names election \"{dispute.ElectionId}\", not \"{d.ElectionId}\"");
        if (dispute.RollIndex >= (ulong)rollSize) return new(Check, $"roll entry {dispute.RollIndex} does not exist (the roll has {rollSize})");
        if (!enrolled) return new(Check, $"roll entry {dispute.RollIndex} was never enrolled: no ballot was cast in its name, there is nothing to dispute");
        if (disputed) return new(Check, $"roll entry {dispute.RollIndex} was disputed already");
        return null;
    }

    /// <summary>Both halves' signatures (IssuerSigning.DisputeSignatureProblem), as a violation.</summary>
    public static RuleViolation? SignatureProblem(Dispute dispute, RollEntry entry) =>
        IssuerSigning.DisputeSignatureProblem(dispute, entry) is { } bad ? new(Check, bad) : null;

    /// <summary>The Declaration must not come while a member may still dispute.</summary>
    public static RuleViolation? DeclarationProblem(ElectionDefinition d, ulong? closedAtMs, ulong atMs)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.DisputeWindowSeconds == 0 || closedAtMs is not { } closed) return null;
        ulong end = WindowEndMs(d, closed);
        return atMs <= end ? new(Check, $"the Declaration at {atMs} ms came before the dispute window ended at {end} ms") : null;
    }
}
