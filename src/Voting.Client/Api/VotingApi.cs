using Grpc.Core;
using Polly;
using Polly.Retry;
using Voting.Core.Records;
using Voting.Protocol;

namespace Voting.Client.Api;

/// <summary>
/// Every RPC of services.proto as one typed call, each with a deadline and — through Polly — retried with jittered
/// exponential backoff on UNAVAILABLE and DEADLINE_EXCEEDED (a connection that fails is UNAVAILABLE), each attempt
/// with a fresh deadline of its own. Retrying is safe because
/// every write is idempotent on the server: an identical cast, enrollment or act returns the first one's answer.
/// </summary>
public sealed class VotingApi : IDisposable
{
    private readonly VotingClients _grpc;
    private readonly ResiliencePipeline _retry;
    public TimeSpan Deadline { get; }
    public Uri Server => _grpc.BaseAddress;

    public VotingApi(Uri server, TimeSpan? deadline = null, int retries = 4, TimeSpan? firstDelay = null, HttpMessageHandler? handler = null)
    {
        _grpc = new VotingClients(server, handler);
        Deadline = deadline ?? TimeSpan.FromSeconds(30);
        _retry = retries == 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<RpcException>(e => e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
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

    private async Task<TResp> Call<TResp>(Func<VotingClients, TimeSpan, CancellationToken, Task<TResp>> call, CancellationToken ct)
    {
        int attempt = 0;
        try
        {
            return await _retry.ExecuteAsync(async token =>
            {
                if (attempt++ > 0) Interlocked.Increment(ref _retries);
                return await call(_grpc, Deadline, token).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (Unreachable(e) is { } why)
        {
            throw new ClientException($"cannot reach the ballot server at {Server}: {why} (tried {attempt} times)", "is the server running, and is --server its gRPC address (e.g. http://127.0.0.1:5070)?", e);
        }
    }

    /// <summary>Why the server could not be reached at all (no connection), or null for any other failure.</summary>
    private static string? Unreachable(Exception e) => e switch
    {
        HttpRequestException h => h.Message,
        // Grpc.Net.Client: UNAVAILABLE for a connection refused or reset, INTERNAL for a TLS handshake that failed; the
        // socket's or handshake's own failure is the reason worth telling.
        RpcException { StatusCode: StatusCode.Unavailable or StatusCode.Internal, Status.DebugException: { } cause }
            when cause is HttpRequestException or System.Net.Sockets.SocketException => cause.Message,
        _ => null,
    };

    // OrganiserService
    public Task<AppendResponse> CreateElection(ElectionDefinition d, CancellationToken ct = default) => Call((g, t, c) => g.Create(d, t, c), ct);
    public Task<AppendResponse> CommitRoll(CommitRollRequest r, CancellationToken ct = default) => Call((g, t, c) => g.CommitRoll(r, t, c), ct);
    public Task<AppendResponse> Open(Open o, CancellationToken ct = default) => Call((g, t, c) => g.Open(o, t, c), ct);
    public Task<AppendResponse> Close(Close o, CancellationToken ct = default) => Call((g, t, c) => g.Close(o, t, c), ct);
    public Task<AppendResponse> Declare(Declaration d, CancellationToken ct = default) => Call((g, t, c) => g.Declare(d, t, c), ct);
    public Task<AppendResponse> RevealLot(LotReveal r, CancellationToken ct = default) => Call((g, t, c) => g.RevealLot(r, t, c), ct);
    public Task<GetStatusResponse> Status(GetStatusRequest r, CancellationToken ct = default) => Call((g, t, c) => g.Status(r, t, c), ct);

    // VoterService
    public Task<GetElectionResponse> Election(string id, CancellationToken ct = default) => Call((g, t, c) => g.Election(id, t, c), ct);
    public Task<AppendResponse> Enroll(Enrollment e, CancellationToken ct = default) => Call((g, t, c) => g.Enroll(e, t, c), ct);
    public Task<AppendResponse> Cast(Ballot b, CancellationToken ct = default) => Call((g, t, c) => g.Cast(b, t, c), ct);
    public Task<GetParticipationResponse> Participation(GetParticipationRequest r, CancellationToken ct = default) => Call((g, t, c) => g.Participation(r, t, c), ct);
    public Task<AppendResponse> Dispute(Dispute d, CancellationToken ct = default) => Call((g, t, c) => g.Dispute(d, t, c), ct);

    // LogService
    public Task<GetEntriesResponse> Entries(string id, ulong start, ulong end, CancellationToken ct = default) => Call((g, t, c) => g.Entries(id, start, end, t, c), ct);
    public Task<GetCheckpointResponse> Checkpoint(string id, CancellationToken ct = default) => Call((g, t, c) => g.Checkpoint(id, t, c), ct);
    public Task<ProofResponse> Consistency(string id, ulong size1, ulong size2, CancellationToken ct = default) => Call((g, t, c) => g.Consistency(id, size1, size2, t, c), ct);

    public void Dispose() => _grpc.Dispose();
}
