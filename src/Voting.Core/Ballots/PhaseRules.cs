using System.Security.Cryptography;
using Voting.Core.Records;

namespace Voting.Core.Ballots;

/// <summary>
/// The election's phases and who may act in them (log.md §6–§10; audit checks open.once, close.once,
/// enrollment.distinct-entry, ballot.on-roll, ballot.in-window, ballot.revote), pure: the server asks them before it
/// admits a record, the scrutineer's walk of every record, so a refusal and a finding say the same.
/// </summary>
public static class PhaseRules
{
    /// <summary>Open once, after the roll commitment.</summary>
    public static RuleViolation? OpenProblem(bool rollCommitted, bool opened) =>
        opened ? new("open.once", "a second Open")
        : !rollCommitted ? new("open.once", "Open before the roll commitment")
        : null;

    /// <summary>Close once, after Open.</summary>
    public static RuleViolation? CloseProblem(bool opened, bool closed) =>
        closed ? new("close.once", "a second Close")
        : !opened ? new("close.once", "Close before Open")
        : null;

    /// <summary>The seed Close reveals must be the one the definition committed to (counting.md §7): the lots are fixed before voting.</summary>
    public static RuleViolation? SeedProblem(Close close, ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(close);
        ArgumentNullException.ThrowIfNull(definition);
        return close.TieBreakSeed.Length == 32 && CryptographicOperations.FixedTimeEquals(RollMath.SeedCommitment(close.TieBreakSeed.Span), definition.TieBreakSeedCommitment.Span)
            ? null
            : new("close.once", "the revealed tie-break seed does not match the definition's commitment");
    }

    // An enrollment binds one credential to one existing, unenrolled entry of a committed enrollment roll, while the
    // election is not closed: three rules, in this order, because the server answers each with its own errors.md row.
    private const string Enrolling = "enrollment.distinct-entry";

    /// <summary>Enrolling needs an enrollment roll, committed, and an election not yet closed.</summary>
    public static RuleViolation? EnrollmentPhaseProblem(RollKind kind, bool rollCommitted, bool closed) =>
        kind != RollKind.EnrollmentKeys ? new(Enrolling, "this election's roll holds credential keys registered in advance: there is nothing to enroll")
        : !rollCommitted || closed ? new(Enrolling, "enrollment needs a committed roll and an election not yet closed")
        : null;

    /// <summary>The roll entry named must exist.</summary>
    public static RuleViolation? EnrollmentEntryProblem(ulong rollIndex, int rollSize) =>
        rollIndex >= (ulong)rollSize ? new(Enrolling, $"roll entry {rollIndex} does not exist (the roll has {rollSize})") : null;

    /// <summary>Each entry enrols once, and each credential once.</summary>
    public static RuleViolation? EnrollmentTakenProblem(ulong rollIndex, bool entryTaken, bool credentialTaken) =>
        entryTaken ? new(Enrolling, $"roll entry {rollIndex} is already enrolled; each enrollment code works once")
        : credentialTaken ? new(Enrolling, "this credential key is already enrolled")
        : null;

    /// <summary>A ballot's credential must be on the committed roll (a credential roll) or enrolled on it (an enrollment roll).</summary>
    public static RuleViolation? EligibilityProblem(RollKind kind, bool eligible) =>
        eligible ? null
        : new("ballot.on-roll", kind == RollKind.EnrollmentKeys ? "this credential is not enrolled on the roll" : "this credential is not on the roll");

    /// <summary>Ballots count between Open and Close only.</summary>
    public static RuleViolation? WindowProblem(bool opened, bool closed) =>
        closed ? new("ballot.in-window", "voting has closed")
        : !opened ? new("ballot.in-window", "voting has not opened yet")
        : null;

    /// <summary>
    /// Ballots are cast inside the definition's schedule, from opens_at_unix until (not at) closes_at_unix, by the
    /// server's clock. This is the server's half of ballot.in-window: a ballot's time is the server's own claim, so the
    /// scrutineer holds only Close to the schedule (time.witness-bounds). Null schedule: none to keep (a definition
    /// without one is not well formed, so no hosted election lacks it).
    /// </summary>
    public static RuleViolation? ScheduleProblem(Schedule? schedule, long nowUnix) =>
        schedule is null ? null
        : nowUnix < schedule.OpensAtUnix ? new("ballot.in-window", $"voting opens at {Utc(schedule.OpensAtUnix)} (schedule opens_at_unix {schedule.OpensAtUnix}); the server's clock says {Utc(nowUnix)}")
        : nowUnix >= schedule.ClosesAtUnix ? new("ballot.in-window", $"voting closed at {Utc(schedule.ClosesAtUnix)} (schedule closes_at_unix {schedule.ClosesAtUnix}); the server's clock says {Utc(nowUnix)}")
        : null;

    private static string Utc(long unix) =>
        DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unix, 0, DefinitionRules.LatestUnixSeconds)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Under REVOTE_POLICY_SINGLE a credential casts one ballot; under LAST_COUNTS a later one replaces it.</summary>
    public static RuleViolation? RevoteProblem(RevotePolicy policy, bool voted) =>
        voted && policy == RevotePolicy.Single
            ? new("ballot.revote", "this credential has already voted, and this election counts one ballot per member (no revoting)")
            : null;
}
