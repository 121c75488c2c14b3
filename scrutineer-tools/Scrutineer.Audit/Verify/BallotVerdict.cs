using Voting.Core.Ballots;
using Voting.Core.Group;
using Voting.Core.Records;
using Voting.Core.Sealed;

namespace Scrutineer.Verify;

/// <summary>
/// What the parallel phase found about one ballot: its signature verdict, and — when the election's definition was
/// already known — its verdict under every ballot rule (BallotRules); for a sealed ballot, once the election key was
/// known, whether every proof of knowledge verifies (SealedBallots.ProofProblem, the costly part). The sequential walk
/// applies it.
/// </summary>
internal readonly record struct BallotVerdict(bool SignatureValid, bool RulesChecked, RuleViolation? Violation, bool ProofsChecked = false, RuleViolation? Proofs = null)
{
    /// <param name="record">The canonical record the ballot was parsed from: its payload is cut from these bytes.</param>
    public static BallotVerdict Of(byte[] record, Ballot b, ElectionDefinition? definition, Point? electionKey = null)
    {
        bool signature = b.CredentialKey.Length == 32 && VoterSigning.BallotSignatureValid(record, b);
        if (definition is null) return new(signature, false, null);
        var violation = BallotRules.Check(b, definition, checkSignature: false) ?? (signature ? null : BallotRules.BadSignature);
        if (violation is null && b.ContentCase == Ballot.ContentOneofCase.Sealed && electionKey is { } key)
            return new(signature, true, null, true, SealedBallots.ProofProblem(b.Sealed, definition, key, b.CredentialKey.Memory));
        return new(signature, true, violation);
    }

    /// <summary>The ballot's first broken rule (form, content, then signature), reached now if it was not reached in parallel.</summary>
    public RuleViolation? Against(Ballot b, ElectionDefinition definition) =>
        RulesChecked ? Violation : BallotRules.Check(b, definition, checkSignature: false) ?? (SignatureValid ? null : BallotRules.BadSignature);

    /// <summary>A sealed ballot's proofs under the election key, checked now if they were not in parallel.</summary>
    public RuleViolation? ProofsAgainst(Ballot b, ElectionDefinition definition, Point electionKey) =>
        ProofsChecked ? Proofs : SealedBallots.ProofProblem(b.Sealed, definition, electionKey, b.CredentialKey.Memory);
}
