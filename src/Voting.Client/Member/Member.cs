using Google.Protobuf;
using Voting.Client.Api;
using Voting.Client.Organiser;
using Voting.Core.Crypto;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Protocol;

namespace Voting.Client.Member;

/// <summary>A member's acts: enrol with a one-time code, cast a signed ballot, check a receipt.</summary>
public sealed class Member(VotingApi api)
{
    /// <summary>Makes a credential key here (the server never sees it), binds it to the code's roll entry, and returns it once the Enrollment is in the log.</summary>
    public async Task<(Credential Credential, AppendResponse Response)> Enroll(string electionId, string code, CancellationToken ct = default)
    {
        var (rollIndex, rollSeed) = EnrollmentCodes.Open(electionId, code);
        var credential = new Credential(electionId, rollIndex, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var enrollment = new Enrollment { ElectionId = electionId, RollIndex = rollIndex, CredentialKey = ByteString.CopyFrom(credential.PublicKey) };
        VoterSigning.SignEnrollment(enrollment, rollSeed, credential.Seed);
        return (credential, await api.Enroll(enrollment, ct).ConfigureAwait(false));
    }

    /// <summary>Signs and casts; the receipt comes back only once the ballot is durable and checkpointed.</summary>
    public async Task<(Ballot Ballot, Receipt Receipt)> Vote(Credential credential, ElectionDefinition d, IReadOnlyDictionary<string, string[]> choices, CancellationToken ct = default)
    {
        var ballot = BallotChoices.Build(d, choices, credential.PublicKey);
        VoterSigning.SignBallot(ballot, credential.Seed);
        var response = await api.Cast(ballot, ct).ConfigureAwait(false);
        return (ballot, Receipt.Parse(response.Receipt));
    }

    /// <summary>
    /// Offline: the receipt's checkpoint carries the log's signature and its inclusion proof leads from the record to
    /// that checkpoint's root. Online (when a server is given): the server's latest checkpoint is consistent with it.
    /// </summary>
    public static async Task<string> CheckReceipt(Receipt receipt, WitnessPolicy policy, VotingApi? online, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var cp = receipt.Verify(policy);
        var record = Canonical.Parse(receipt.Record);
        var what = record.BodyCase == LogRecord.BodyOneofCase.Ballot ? "ballot" : record.BodyCase.ToString();
        var line = $"receipt verified: {what} is record {receipt.Index} of {cp.Origin}, included in the signed checkpoint of size {cp.Size}";
        if (online is null) return line + " (offline: consistency with the latest checkpoint not checked)";
        var electionId = cp.Origin[(cp.Origin.LastIndexOf('/') + 1)..];
        var latestNote = (await online.Checkpoint(electionId, ct).ConfigureAwait(false)).Checkpoint;
        var (latest, _) = policy.Verify(latestNote);
        if (latest.Size < cp.Size) throw new ClientException($"the server's latest checkpoint (size {latest.Size}) is older than your receipt's (size {cp.Size}): the log was rolled back", "keep this receipt: it is evidence");
        var proof = latest.Size == cp.Size ? [] : (await online.Consistency(electionId, cp.Size, latest.Size, ct).ConfigureAwait(false)).Hashes.Select(h => h.ToByteArray()).ToList();
        if (!ConsistencyProof.Verify(cp.Size, latest.Size, cp.Root, latest.Root, proof))
            throw new ClientException($"the server's latest checkpoint (size {latest.Size}) is NOT consistent with your receipt's (size {cp.Size}): the log was rewritten", "keep this receipt and report it to the scrutineers: it is evidence");
        return line + $"; the server's latest checkpoint (size {latest.Size}) is consistent with it";
    }

    /// <summary>
    /// The election's witness policy as the server states it (GetElection), checked to name the log key the server
    /// gives: what a member pins at enrolment, the one moment they must trust the server's word for it.
    /// </summary>
    public static WitnessPolicy StatedPolicy(GetElectionResponse election)
    {
        ArgumentNullException.ThrowIfNull(election);
        WitnessPolicy policy;
        try { policy = Voting.Core.Tiles.KeysFile.Parse(election.WitnessPolicy); }
        catch (Voting.Core.VotingFormatException e) { throw new ClientException($"the server's witness policy for this election is not valid: {e.Message}", "report this to the organisers"); }
        if (policy.LogKey.ToVkey() != election.LogVkey)
            throw new ClientException("the server's witness policy names another log key than the election's", "report this to the organisers");
        return policy;
    }
}
