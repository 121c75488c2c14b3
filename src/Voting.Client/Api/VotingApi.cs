using Google.Protobuf;
using Polly;
using Polly.Retry;
using Voting.Core.Records;
using Voting.Core.Services;
using Voting.Rpc;

namespace Voting.Client.Api;

/// <summary>
/// Every RPC of services.proto as one typed call, each with a deadline and — through Polly — retried with jittered
/// exponential backoff on UNAVAILABLE and DEADLINE_EXCEEDED (and connection failures). Retrying is safe because
/// every write is idempotent on the server: an identical cast, enrollment or act returns the first one's answer.
/// </summary>
public sealed class VotingApi : IDisposable
{
    private readonly GrpcClient _grpc;
    private readonly ResiliencePipeline _retry;
    public TimeSpan Deadline { get; }
    public Uri Server => _grpc.BaseAddress;

    public VotingApi(Uri server, TimeSpan? deadline = null, int retries = 4, TimeSpan? firstDelay = null, HttpMessageHandler? handler = null)
    {
        _grpc = new GrpcClient(server, handler);
        Deadline = deadline ?? TimeSpan.FromSeconds(30);
        _retry = retries == 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<RpcException>(e => e.Status is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
                    .Handle<HttpRequestException>(),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay ?? TimeSpan.FromMilliseconds(250),
            })
            .Build();
    }

    /// <summary>How many attempts beyond the first were made, for reporting.</summary>
    public int Retries => _retries;
    private int _retries;

    private async Task<TResp> Call<TReq, TResp>(string path, TReq request, MessageParser<TResp> parser, CancellationToken ct)
        where TReq : IMessage<TReq> where TResp : IMessage<TResp>
    {
        int attempt = 0;
        try
        {
            return await _retry.ExecuteAsync(async token =>
            {
                if (attempt++ > 0) Interlocked.Increment(ref _retries);
                return await _grpc.UnaryAsync(path, request, parser, Deadline, token).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClientException($"cannot reach the ballot server at {Server}: {e.Message} (tried {attempt} times)", "is the server running, and is --server its gRPC address (e.g. http://127.0.0.1:5070)?", e);
        }
    }

    // Organiser
    public Task<AppendResponse> CreateElection(ElectionDefinition d, CancellationToken ct = default) =>
        Call("/voting.v1.OrganiserService/CreateElection", new CreateElectionRequest { Definition = d }, AppendResponse.Parser, ct);
    public Task<AppendResponse> CommitRoll(CommitRollRequest r, CancellationToken ct = default) =>
        Call("/voting.v1.OrganiserService/CommitRoll", r, AppendResponse.Parser, ct);
    public Task<AppendResponse> Open(Open o, CancellationToken ct = default) =>
        Call("/voting.v1.OrganiserService/Open", new OpenRequest { Open = o }, AppendResponse.Parser, ct);
    public Task<AppendResponse> Close(Close c, CancellationToken ct = default) =>
        Call("/voting.v1.OrganiserService/Close", new CloseRequest { Close = c }, AppendResponse.Parser, ct);
    public Task<AppendResponse> Declare(Declaration d, CancellationToken ct = default) =>
        Call("/voting.v1.OrganiserService/Declare", new DeclareRequest { Declaration = d }, AppendResponse.Parser, ct);
    public Task<GetStatusResponse> Status(GetStatusRequest r, CancellationToken ct = default) =>
        Call("/voting.v1.OrganiserService/GetStatus", r, GetStatusResponse.Parser, ct);

    // Member
    public Task<GetElectionResponse> Election(string id, CancellationToken ct = default) =>
        Call("/voting.v1.VoterService/GetElection", new GetElectionRequest { ElectionId = id }, GetElectionResponse.Parser, ct);
    public Task<AppendResponse> Enroll(Enrollment e, CancellationToken ct = default) =>
        Call("/voting.v1.VoterService/Enroll", new EnrollRequest { Enrollment = e }, AppendResponse.Parser, ct);
    public Task<AppendResponse> Cast(Ballot b, CancellationToken ct = default) =>
        Call("/voting.v1.VoterService/Cast", new CastRequest { Ballot = b }, AppendResponse.Parser, ct);

    // Log
    public Task<GetCheckpointResponse> Checkpoint(string id, CancellationToken ct = default) =>
        Call("/voting.v1.LogService/GetCheckpoint", new GetCheckpointRequest { ElectionId = id }, GetCheckpointResponse.Parser, ct);
    public Task<ProofResponse> Consistency(string id, ulong size1, ulong size2, CancellationToken ct = default) =>
        Call("/voting.v1.LogService/GetConsistencyProof", new GetConsistencyProofRequest { ElectionId = id, Size1 = size1, Size2 = size2 }, ProofResponse.Parser, ct);

    public void Dispose() => _grpc.Dispose();
}
