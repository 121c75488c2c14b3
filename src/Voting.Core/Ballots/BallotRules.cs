using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Voting.Core.Ballots;

/// <summary>
/// What makes a ballot acceptable for an election (log.md §10). Each rule has the audit
/// check name of docs/spec/audit.md, so the server's refusal and the scrutineer's finding agree.
/// </summary>
public static class BallotRules
{
    public const int MinNonce = 16;
    public const int MaxNonce = 32;

    /// <summary>The violation for a ballot whose signature fails, for callers that verify signatures themselves (in bulk).</summary>
    public static readonly RuleViolation BadSignature = new("ballot.signature", "ballot signature does not verify against its credential key");

    /// <summary>Null when the ballot's form, content and signature are valid for the election; else the failed check.</summary>
    public static RuleViolation? Check(Ballot ballot, ElectionDefinition definition, bool checkSignature = true)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentNullException.ThrowIfNull(definition);
        if (ballot.ElectionId != definition.ElectionId)
            return new("ballot.election-id", $"ballot is for election \"{ballot.ElectionId}\", not \"{definition.ElectionId}\"");
        if (ballot.CredentialKey.Length != Ed25519.PublicKeySize)
            return new("ballot.form", $"credential key is {ballot.CredentialKey.Length} bytes, not 32");
        if (ballot.ClientNonce.Length is < MinNonce or > MaxNonce)
            return new("ballot.form", $"client nonce is {ballot.ClientNonce.Length} bytes; it must be {MinNonce} to {MaxNonce}");
        // A sealed election takes sealed ballots only: one in clear would publish its voter's choices (sealed.md §6).
        var content = (ballot.ContentCase, TrusteeRules.IsSealed(definition)) switch
        {
            (Ballot.ContentOneofCase.Plain, false) => CheckContent(ballot.Plain, definition),
            (Ballot.ContentOneofCase.Sealed, true) => Sealed.SealedBallots.FormProblem(ballot.Sealed, definition),
            (Ballot.ContentOneofCase.Plain, true) => new("ballot.content", "this election's ballots are sealed to its trustees' key; a ballot in clear is refused"),
            _ => new RuleViolation("ballot.content", "ballot has no content this election accepts"),
        };
        if (content is not null) return content;
        if (checkSignature && !VoterSigning.BallotSignatureValid(ballot)) return BadSignature;
        return null;
    }

    /// <summary>One ContestVote per contest, in order; each valid for its contest's method.</summary>
    public static RuleViolation? CheckContent(PlainBallot ballot, ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentNullException.ThrowIfNull(definition);
        if (ballot.Votes.Count != definition.Contests.Count)
            return new("ballot.content", $"ballot has {ballot.Votes.Count} contest votes; the election has {definition.Contests.Count} contests");
        for (int i = 0; i < ballot.Votes.Count; i++)
        {
            var problem = CheckVote(ballot.Votes[i].Choices, definition.Contests[i]);
            if (problem is not null) return new("ballot.content", $"contest \"{definition.Contests[i].ContestId}\": {problem}");
        }
        return null;
    }

    private static string? CheckVote(Google.Protobuf.Collections.RepeatedField<uint> choices, Contest contest)
    {
        int candidates = contest.Candidates.Count;
        foreach (var c in choices)
            if (c >= candidates) return $"choice {c} names no candidate (there are {candidates})";
        switch (contest.Method)
        {
            case Method.Fptp:
            case Method.Referendum:
                return choices.Count <= 1 ? null : $"{choices.Count} marks; at most one is allowed";
            case Method.Block:
            case Method.Approval:
                uint max = MaxMarks(contest);
                if (choices.Count > max) return $"{choices.Count} marks; at most {max} are allowed";
                for (int i = 1; i < choices.Count; i++)
                    if (choices[i] <= choices[i - 1]) return "marks must be distinct and in ascending candidate order";
                return null;
            case Method.Stv:
                // Every choice is below the candidate count (checked above): one bit per candidate finds a repeat.
                Span<ulong> seen = stackalloc ulong[(candidates + 63) / 64];
                foreach (var c in choices)
                {
                    ulong bit = 1UL << (int)(c % 64);
                    if ((seen[(int)(c / 64)] & bit) != 0) return $"candidate {c} is ranked twice";
                    seen[(int)(c / 64)] |= bit;
                }
                return null;
            default:
                return $"method {contest.Method} is not supported";
        }
    }

    /// <summary>Block vote: max_marks or the number of seats; approval: max_marks or every candidate.</summary>
    public static uint MaxMarks(Contest contest)
    {
        ArgumentNullException.ThrowIfNull(contest);
        if (contest.MaxMarks != 0) return contest.MaxMarks;
        return contest.Method == Method.Block ? contest.Seats : (uint)contest.Candidates.Count;
    }
}
