using Voting.Core.Ballots;
using Voting.Core.Records;

namespace Scrutineer.Verify;

/// <summary>
/// What the parallel phase found about one ballot: its signature verdict, and — when the election's definition was
/// already known — its verdict under every ballot rule (BallotRules). The sequential walk applies it.
/// </summary>
internal readonly record struct BallotVerdict(bool SignatureValid, bool RulesChecked, RuleViolation? Violation)
{
    /// <param name="record">The canonical record the ballot was parsed from: its payload is cut from these bytes.</param>
    public static BallotVerdict Of(byte[] record, Ballot b, ElectionDefinition? definition)
    {
        bool signature = b.CredentialKey.Length == 32 && VoterSigning.BallotSignatureValid(record, b);
        if (definition is null) return new(signature, false, null);
        return new(signature, true, BallotRules.Check(b, definition, checkSignature: false) ?? (signature ? null : BallotRules.BadSignature));
    }

    /// <summary>The ballot's first broken rule (form, content, then signature), reached now if it was not reached in parallel.</summary>
    public RuleViolation? Against(Ballot b, ElectionDefinition definition) =>
        RulesChecked ? Violation : BallotRules.Check(b, definition, checkSignature: false) ?? (SignatureValid ? null : BallotRules.BadSignature);
}
