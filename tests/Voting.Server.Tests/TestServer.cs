using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Core.Services;
using Voting.Rpc;
using Voting.Server;
using Voting.Synthetic;

namespace Voting.Server.Tests;

/// <summary>The real ballot server on loopback (HTTP/2 gRPC port, HTTP/1.1 port) over a fresh data directory.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string DataDir { get; }
    public Uri Grpc { get; }
    public Uri Http { get; }

    private TestServer(WebApplication app, string dataDir, Uri grpc, Uri http) { _app = app; DataDir = dataDir; Grpc = grpc; Http = http; }

    public static async Task<TestServer> StartAsync(string? dataDir = null, Action<ServerOptions>? configure = null)
    {
        dataDir ??= Directory.CreateTempSubdirectory("voting-server-test-").FullName;
        var app = ServerApp.Build([], o =>
        {
            o.GrpcListen = "127.0.0.1:0";
            o.HttpListen = "127.0.0.1:0";
            o.DataDir = dataDir;
            o.LogHost = "test.voting.example";
            configure?.Invoke(o);
        });
        await app.StartAsync();
        var addrs = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new TestServer(app, dataDir, addrs[0], addrs[1]);
    }

    public GrpcClient Client() => new(Grpc);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Typed calls for the tests: one line per RPC.</summary>
internal static class Calls
{
    public static Task<AppendResponse> Create(this GrpcClient c, ElectionDefinition d) =>
        c.UnaryAsync("/voting.v1.OrganiserService/CreateElection", new CreateElectionRequest { Definition = d }, AppendResponse.Parser);
    public static Task<AppendResponse> CommitRoll(this GrpcClient c, CommitRollRequest r) =>
        c.UnaryAsync("/voting.v1.OrganiserService/CommitRoll", r, AppendResponse.Parser);
    public static Task<AppendResponse> Open(this GrpcClient c, Open o) =>
        c.UnaryAsync("/voting.v1.OrganiserService/Open", new OpenRequest { Open = o }, AppendResponse.Parser);
    public static Task<AppendResponse> Close(this GrpcClient c, Close o) =>
        c.UnaryAsync("/voting.v1.OrganiserService/Close", new CloseRequest { Close = o }, AppendResponse.Parser);
    public static Task<AppendResponse> Declare(this GrpcClient c, Declaration d) =>
        c.UnaryAsync("/voting.v1.OrganiserService/Declare", new DeclareRequest { Declaration = d }, AppendResponse.Parser);
    public static Task<GetStatusResponse> Status(this GrpcClient c, GetStatusRequest r) =>
        c.UnaryAsync("/voting.v1.OrganiserService/GetStatus", r, GetStatusResponse.Parser);
    public static Task<AppendResponse> Cast(this GrpcClient c, Ballot b, TimeSpan? deadline = null) =>
        c.UnaryAsync("/voting.v1.VoterService/Cast", new CastRequest { Ballot = b }, AppendResponse.Parser, deadline);
    public static Task<AppendResponse> Enroll(this GrpcClient c, Enrollment e) =>
        c.UnaryAsync("/voting.v1.VoterService/Enroll", new EnrollRequest { Enrollment = e }, AppendResponse.Parser);
    public static Task<GetElectionResponse> Election(this GrpcClient c, string id) =>
        c.UnaryAsync("/voting.v1.VoterService/GetElection", new GetElectionRequest { ElectionId = id }, GetElectionResponse.Parser);
    public static Task<ProofResponse> Consistency(this GrpcClient c, string id, ulong s1, ulong s2) =>
        c.UnaryAsync("/voting.v1.LogService/GetConsistencyProof", new GetConsistencyProofRequest { ElectionId = id, Size1 = s1, Size2 = s2 }, ProofResponse.Parser);
    public static Task<GetCheckpointResponse> Checkpoint(this GrpcClient c, string id) =>
        c.UnaryAsync("/voting.v1.LogService/GetCheckpoint", new GetCheckpointRequest { ElectionId = id }, GetCheckpointResponse.Parser);
    public static Task<GetEntriesResponse> Entries(this GrpcClient c, string id, ulong start, ulong end) =>
        c.UnaryAsync("/voting.v1.LogService/GetEntries", new GetEntriesRequest { ElectionId = id, Start = start, End = end }, GetEntriesResponse.Parser);
}

/// <summary>A synthetic election driven through the server: its requests, built from SyntheticElection's records.</summary>
internal sealed class Scenario(SyntheticElection e)
{
    public SyntheticElection Election { get; } = e;
    public CommitRollRequest RollRequest() => Election.RollRequest();
    public Open OpenAct() => Election.OpenAct();
    public Close CloseAct() => Election.CloseRecord().Close;

    public async Task ToOpen(GrpcClient c)
    {
        await c.Create(Election.Definition);
        await c.CommitRoll(RollRequest());
        await c.Open(OpenAct());
    }

    public static NoteVerifier LogKey(GetElectionResponse info) => NoteVerifier.ParseVkey(info.LogVkey);
}
