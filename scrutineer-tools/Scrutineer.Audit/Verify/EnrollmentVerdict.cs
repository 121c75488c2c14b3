using Voting.Core.Records;

namespace Scrutineer.Verify;

/// <summary>An enrollment's signatures, checked in the parallel phase when its roll entry was already committed: Problem is null when both verify.</summary>
internal readonly record struct EnrollmentVerdict(bool Checked, string? Problem)
{
    public static EnrollmentVerdict Of(Enrollment en, RollEntries? committedRoll) =>
        committedRoll is not null && en.RollIndex < (ulong)committedRoll.Count
            ? new(true, VoterSigning.CheckEnrollment(en, committedRoll[(int)en.RollIndex]))
            : default;
}
