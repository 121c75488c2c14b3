using Voting.Core.Records;

namespace Scrutineer.Verify;

/// <summary>
/// What a report shows about the election besides the checks, gathered during the same walk of the log: the
/// definition, the roll's size, when Open and Close were sequenced, and when each ballot was. Times are the log's
/// own claims (sequenced_at_ms); time.witness-bounds is what holds them to the witnesses' clocks.
/// </summary>
public sealed record ElectionFacts(
    ElectionDefinition Definition,
    int RollSize,
    ulong? OpenedAtMs,
    ulong? ClosedAtMs,
    IReadOnlyList<ulong> BallotTimesMs,
    int CountedBallots,
    bool Declared)
{
    /// <summary>sequenced_at_ms of each accepted enrollment and of each voter's first counted ballot: what a late burst of impersonation would show.</summary>
    public IReadOnlyList<ulong> EnrollmentTimesMs { get; init; } = [];
    public IReadOnlyList<ulong> FirstCastTimesMs { get; init; } = [];
    /// <summary>The independent issuer's valid attestation and roll audit (log.md §7.2, §7.4), where recorded.</summary>
    public RollAttestation? Attestation { get; init; }
    public RollAudit? RollAudit { get; init; }
    /// <summary>Valid disputes (log.md §10.1): the record and the disputed roll entry.</summary>
    public IReadOnlyList<(ulong At, ulong RollIndex)> Disputes { get; init; } = [];
}
