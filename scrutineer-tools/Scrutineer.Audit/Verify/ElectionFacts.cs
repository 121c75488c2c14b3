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
    bool Declared);
