using Voting.Core.Records;
using Voting.Core.Services;
using Voting.Rpc;

namespace Voting.Client.Api;

/// <summary>
/// Each RPC of services.proto as one typed call on our GrpcClient, once: no retries here (VotingApi adds them), so
/// the server's tests see every status exactly as the server sent it.
/// </summary>
public static class VotingCalls
{
    // OrganiserService
    public static Task<AppendResponse> Create(this GrpcClient c, ElectionDefinition d, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.OrganiserService/CreateElection", new CreateElectionRequest { Definition = d }, AppendResponse.Parser, deadline, ct);
    public static Task<AppendResponse> CommitRoll(this GrpcClient c, CommitRollRequest r, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.OrganiserService/CommitRoll", r, AppendResponse.Parser, deadline, ct);
    public static Task<AppendResponse> Open(this GrpcClient c, Open o, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.OrganiserService/Open", new OpenRequest { Open = o }, AppendResponse.Parser, deadline, ct);
    public static Task<AppendResponse> Close(this GrpcClient c, Close o, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.OrganiserService/Close", new CloseRequest { Close = o }, AppendResponse.Parser, deadline, ct);
    public static Task<AppendResponse> Declare(this GrpcClient c, Declaration d, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.OrganiserService/Declare", new DeclareRequest { Declaration = d }, AppendResponse.Parser, deadline, ct);
    public static Task<GetStatusResponse> Status(this GrpcClient c, GetStatusRequest r, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.OrganiserService/GetStatus", r, GetStatusResponse.Parser, deadline, ct);

    // VoterService
    public static Task<GetElectionResponse> Election(this GrpcClient c, string id, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.VoterService/GetElection", new GetElectionRequest { ElectionId = id }, GetElectionResponse.Parser, deadline, ct);
    public static Task<AppendResponse> Enroll(this GrpcClient c, Enrollment e, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.VoterService/Enroll", new EnrollRequest { Enrollment = e }, AppendResponse.Parser, deadline, ct);
    public static Task<AppendResponse> Cast(this GrpcClient c, Ballot b, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.VoterService/Cast", new CastRequest { Ballot = b }, AppendResponse.Parser, deadline, ct);

    // LogService
    public static Task<GetCheckpointResponse> Checkpoint(this GrpcClient c, string id, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.LogService/GetCheckpoint", new GetCheckpointRequest { ElectionId = id }, GetCheckpointResponse.Parser, deadline, ct);
    public static Task<GetEntriesResponse> Entries(this GrpcClient c, string id, ulong start, ulong end, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.LogService/GetEntries", new GetEntriesRequest { ElectionId = id, Start = start, End = end }, GetEntriesResponse.Parser, deadline, ct);
    public static Task<ProofResponse> Consistency(this GrpcClient c, string id, ulong size1, ulong size2, TimeSpan? deadline = null, CancellationToken ct = default) =>
        c.UnaryAsync("/voting.v1.LogService/GetConsistencyProof", new GetConsistencyProofRequest { ElectionId = id, Size1 = size1, Size2 = size2 }, ProofResponse.Parser, deadline, ct);
}
