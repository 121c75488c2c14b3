using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Voting.Core.Notes;
using Voting.Client.Api;
using Voting.Core.Records;
using Voting.Protocol;
using Grpc.Core;
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

    /// <param name="logs">Added to the server's loggers before it starts, to hear what it says at start.</param>
    /// <param name="beforeStart">Given the server's services before it starts: a logger added here sees what it logs while starting.</param>
    public static async Task<TestServer> StartAsync(string? dataDir = null, Action<ServerOptions>? configure = null, TimeProvider? clock = null,
        Microsoft.Extensions.Logging.ILoggerProvider? logs = null, Action<IServiceProvider>? beforeStart = null)
    {
        dataDir ??= Directory.CreateTempSubdirectory("voting-server-test-").FullName;
        var app = ServerApp.Build([], o =>
        {
            o.GrpcListen = "127.0.0.1:0";
            o.HttpListen = "127.0.0.1:0";
            o.DataDir = dataDir;
            o.LogHost = "test.voting.example";
            configure?.Invoke(o);
        }, clock);
        if (logs is not null) app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().AddProvider(logs);
        beforeStart?.Invoke(app.Services);
        await app.StartAsync();
        var addrs = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new TestServer(app, dataDir, addrs[0], addrs[1]);
    }

    public VotingClients Client() => new(Grpc);

    /// <summary>The server's services, for tests that reach into it.</summary>
    public IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A clock a test sets by hand, for the rules that read the server's time (the schedule, request freshness).</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Synthetic elections for a live server: their voting window is around now, since the server refuses casts outside
/// the schedule (SyntheticElection's default window is fixed in the past, for byte-identical logs).
/// </summary>
internal static class LiveElection
{
    public static Schedule Window()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Schedule { OpensAtUnix = now - 3600, ClosesAtUnix = now + 86_400 };
    }

    public static SyntheticElection Of(int voters, string electionId = "synthetic-2026") => new(voters, electionId, schedule: Window());

    /// <summary>A copy of a seed definition (seeds/*.json) in dir with its schedule replaced by <see cref="Window"/>; its path.</summary>
    public static string Seed(string seedFile, string dir)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(seedFile))!;
        var w = Window();
        json["schedule"] = new System.Text.Json.Nodes.JsonObject
        {
            ["opensAtUnix"] = w.OpensAtUnix.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["closesAtUnix"] = w.ClosesAtUnix.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var path = Path.Combine(dir, Path.GetFileName(seedFile));
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}

/// <summary>A synthetic election driven through the server: its requests, built from SyntheticElection's records.</summary>
internal sealed class Scenario(SyntheticElection e)
{
    public SyntheticElection Election { get; } = e;
    public CommitRollRequest RollRequest() => Election.RollRequest();
    public Open OpenAct() => Election.OpenAct();
    public Close CloseAct() => Election.CloseRecord().Close;

    public async Task ToOpen(VotingClients c)
    {
        await c.Create(Election.Definition);
        await c.CommitRoll(RollRequest());
        await c.Open(OpenAct());
    }

    public static NoteVerifier LogKey(GetElectionResponse info) => NoteVerifier.ParseVkey(info.LogVkey);
}
