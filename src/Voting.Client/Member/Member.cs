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
    /// <summary>
    /// Makes a credential key here (the server never sees it), binds it to the code's roll entry, and returns it once
    /// the Enrollment is in the log. Where the election names an independent issuer (log.md §7.2) the enrollment is
    /// signed with the issuer's code too: both halves, or no enrollment.
    /// </summary>
    public async Task<(Credential Credential, AppendResponse Response)> Enroll(ElectionDefinition d, string code, string? issuerCode = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(d);
        var electionId = d.ElectionId;
        var (rollIndex, rollSeed) = EnrollmentCodes.Open(electionId, code);
        var issuerSeed = MemberCodes.IssuerSeed(d, issuerCode);
        var credential = new Credential(electionId, rollIndex, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var enrollment = new Enrollment { ElectionId = electionId, RollIndex = rollIndex, CredentialKey = ByteString.CopyFrom(credential.PublicKey) };
        VoterSigning.SignEnrollment(enrollment, rollSeed, credential.Seed);
        if (issuerSeed is not null) IssuerSigning.SignEnrollmentIssuerHalf(enrollment, issuerSeed);
        return (credential, await api.Enroll(enrollment, ct).ConfigureAwait(false));
    }

    /// <summary>What the server says of this member's roll entry (log.md §10.2), asked with the office code's key; the enrollment's receipt checked against the policy.</summary>
    public async Task<GetParticipationResponse> Participation(string electionId, string code, WitnessPolicy policy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var (rollIndex, rollSeed) = EnrollmentCodes.Open(electionId, code);
        var request = new GetParticipationRequest { ElectionId = electionId, RollIndex = rollIndex, IssuedAtUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        request.Sign(rollSeed);
        var answer = await api.Participation(request, ct).ConfigureAwait(false);
        if (answer.Enrollment is { } e)
        {
            try
            {
                var receipt = Receipt.Parse(e.Receipt);
                receipt.Verify(policy);
                var record = Canonical.Parse(receipt.Record);
                if (record.BodyCase != LogRecord.BodyOneofCase.Enrollment || record.Enrollment.RollIndex != rollIndex || record.Enrollment.ElectionId != electionId)
                    throw new ClientException("the server's answer names an enrollment that is not for your roll entry", "keep this output and report it to the scrutineers");
                // What is shown is what the proof covers, never the answer's other copy of it.
                e.Record = ByteString.CopyFrom(receipt.Record);
                e.Index = receipt.Index;
            }
            catch (Exception x) when (x is NoteVerificationException or Voting.Core.VotingFormatException)
            {
                throw new ClientException($"the server's proof of the enrollment on your entry does NOT verify: {x.Message}", "keep this output and report it to the scrutineers");
            }
        }
        return answer;
    }

    /// <summary>Disputes the enrollment made on this member's entry (log.md §10.1): signed with both codes, after Close, within the window.</summary>
    public async Task<AppendResponse> Dispute(string electionId, string code, string? issuerCode, CancellationToken ct = default)
    {
        var d = (await api.Election(electionId, ct).ConfigureAwait(false)).Definition;
        if (!SplitRoll.HasIssuer(d) || d.DisputeWindowSeconds == 0) throw new ClientException($"election {electionId} takes no disputes (its definition sets no dispute window)", "tell the scrutineers what you found: your check-participation output is the evidence");
        var (rollIndex, rollSeed) = EnrollmentCodes.Open(electionId, code);
        var dispute = new Dispute { ElectionId = electionId, RollIndex = rollIndex };
        IssuerSigning.SignDispute(dispute, rollSeed, MemberCodes.IssuerSeed(d, issuerCode)!);
        return await api.Dispute(dispute, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Which contests this member's ballot style includes (log.md §7.3), read from their roll entry in the published
    /// roll (records before Open are public); null when the election lists no styles.
    /// </summary>
    public async Task<bool[]?> StyleOf(Credential credential, ElectionDefinition d, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(d);
        if (d.BallotStyles.Count == 0) return null;
        ulong chunk = credential.RollIndex / SplitRoll.ChunkEntries, record = 1 + chunk; // the chunks follow the definition, in order
        var page = await api.Entries(d.ElectionId, record, record + 1, ct).ConfigureAwait(false);
        var r = Canonical.Parse(page.Entries.Single().Span);
        if (r.BodyCase != LogRecord.BodyOneofCase.RollChunk || r.RollChunk.ChunkIndex != chunk)
            throw new ClientException($"record {record} of {d.ElectionId} is not roll chunk {chunk}", "report this to the scrutineers");
        int at = (int)(credential.RollIndex % SplitRoll.ChunkEntries);
        if (at >= r.RollChunk.StyledEntries.Count) throw new ClientException($"roll chunk {chunk} of {d.ElectionId} has no entry {credential.RollIndex}", "report this to the scrutineers");
        var entry = r.RollChunk.StyledEntries[at];
        var styles = Voting.Core.Ballots.StyleRules.Contests(d);
        return entry.Style < styles.Length ? styles[entry.Style] : throw new ClientException($"your roll entry names ballot style {entry.Style}, which the definition does not have", "report this to the scrutineers");
    }

    /// <summary>Signs and casts; the receipt comes back only once the ballot is durable and checkpointed.</summary>
    public async Task<(Ballot Ballot, Receipt Receipt)> Vote(Credential credential, ElectionDefinition d, IReadOnlyDictionary<string, string[]> choices, bool[]? style = null, CancellationToken ct = default)
    {
        var ballot = BallotChoices.Build(d, choices, credential.PublicKey, style);
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
