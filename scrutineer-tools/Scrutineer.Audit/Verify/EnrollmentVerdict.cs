using Voting.Core.Ballots;
using Voting.Core.Records;

namespace Scrutineer.Verify;

/// <summary>
/// An enrollment's signatures, checked in the parallel phase when its roll entry was already committed: Problem is
/// null when the office half's and the credential's verify; Issuer is the issuer half's verdict (IssuerRules), reached
/// when the definition is known too.
/// </summary>
internal readonly record struct EnrollmentVerdict(bool Checked, string? Problem, bool IssuerChecked, RuleViolation? Issuer)
{
    public static EnrollmentVerdict Of(Enrollment en, RollEntries? committedRoll, ElectionDefinition? definition)
    {
        if (committedRoll is null || en.RollIndex >= (ulong)committedRoll.Count) return default;
        var problem = VoterSigning.CheckEnrollment(en, committedRoll[(int)en.RollIndex]);
        return definition is null
            ? new(true, problem, false, null)
            : new(true, problem, true, IssuerRules.EnrollmentProblem(en, definition, committedRoll.Entry((int)en.RollIndex)));
    }
}
