using Voting.Core.Records;
using Voting.Protocol;

namespace Voting.Client.Api;

/// <summary>
/// Each RPC of services.proto as one typed call, once: no retries here (VotingApi adds them), so the server's tests see
/// every status exactly as the server sent it. A deadline travels as grpc-timeout and also ends the call locally.
/// </summary>
public static class VotingCalls
{
    private static DateTime? Until(TimeSpan? deadline) => deadline is { } d ? DateTime.UtcNow + d : null;

    // OrganiserService
    public static Task<AppendResponse> Create(this VotingClients c, ElectionDefinition d, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Organiser.CreateElectionAsync(new CreateElectionRequest { Definition = d }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> CommitRoll(this VotingClients c, CommitRollRequest r, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Organiser.CommitRollAsync(r, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> Open(this VotingClients c, Open o, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Organiser.OpenAsync(new OpenRequest { Open = o }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> Close(this VotingClients c, Close o, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Organiser.CloseAsync(new CloseRequest { Close = o }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> Declare(this VotingClients c, Declaration d, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Organiser.DeclareAsync(new DeclareRequest { Declaration = d }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> RevealLot(this VotingClients c, LotReveal r, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Organiser.RevealLotAsync(new RevealLotRequest { Reveal = r }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> AttestRoll(this VotingClients c, RollAttestation a, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Organiser.AttestRollAsync(new AttestRollRequest { Attestation = a }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> RecordRollAudit(this VotingClients c, RollAudit a, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Organiser.RecordRollAuditAsync(new RecordRollAuditRequest { Audit = a }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<GetStatusResponse> Status(this VotingClients c, GetStatusRequest r, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Organiser.GetStatusAsync(r, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;

    // TrusteeService
    public static Task<AppendResponse> TrusteeCommit(this VotingClients c, TrusteeCommitment t, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Trustee.CommitAsync(new TrusteeCommitRequest { Commitment = t }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> TrusteeConfirm(this VotingClients c, TrusteeConfirmation t, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Trustee.ConfirmAsync(new TrusteeConfirmRequest { Confirmation = t }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;

    // VoterService
    public static Task<GetElectionResponse> Election(this VotingClients c, string id, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Voter.GetElectionAsync(new GetElectionRequest { ElectionId = id }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> Enroll(this VotingClients c, Enrollment e, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Voter.EnrollAsync(new EnrollRequest { Enrollment = e }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> Cast(this VotingClients c, Ballot b, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Voter.CastAsync(new CastRequest { Ballot = b }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<GetParticipationResponse> Participation(this VotingClients c, GetParticipationRequest r, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Voter.GetParticipationAsync(r, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> Dispute(this VotingClients c, Dispute d, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Voter.DisputeAsync(new DisputeRequest { Dispute = d }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<AppendResponse> Receipt(this VotingClients c, string id, ReadOnlyMemory<byte> leafHash, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Voter.GetReceiptAsync(new GetReceiptRequest { ElectionId = id, LeafHash = Google.Protobuf.ByteString.CopyFrom(leafHash.Span) }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;

    // LogService
    public static Task<GetCheckpointResponse> Checkpoint(this VotingClients c, string id, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Log.GetCheckpointAsync(new GetCheckpointRequest { ElectionId = id }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<GetEntriesResponse> Entries(this VotingClients c, string id, ulong start, ulong end, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Log.GetEntriesAsync(new GetEntriesRequest { ElectionId = id, Start = start, End = end }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<ProofResponse> Inclusion(this VotingClients c, string id, ulong index, ulong size, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Log.GetInclusionProofAsync(new GetInclusionProofRequest { ElectionId = id, Index = index, Size = size }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;
    public static Task<ProofResponse> Consistency(this VotingClients c, string id, ulong size1, ulong size2, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.Log.GetConsistencyProofAsync(new GetConsistencyProofRequest { ElectionId = id, Size1 = size1, Size2 = size2 }, deadline: Until(deadline), cancellationToken: ct).ResponseAsync;

}
