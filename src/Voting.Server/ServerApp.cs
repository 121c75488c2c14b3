using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Grpc.AspNetCore.Web;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Voting.Server.Elections;
using Voting.Server.Http;
using Voting.Protocol;
using Voting.Server.Services;
using Voting.Storage;

namespace Voting.Server;

/// <summary>
/// Builds the ballot server: grpc-dotnet on Kestrel, an HTTP/2 port for gRPC and an HTTP/1.1 port for tiles, health and
/// gRPC-Web (the voting page). Both ports also answer the standard grpc.health.v1 and server-reflection services.
/// </summary>
public static class ServerApp
{
    /// <param name="clock">The elections' clock (record times, the schedule, request freshness); tests move it, the server uses the system's.</param>
    public static WebApplication Build(string[] args, Action<ServerOptions>? configure = null, TimeProvider? clock = null)
    {
        // Options are read once, at start, so watching appsettings for changes would bring nothing; and the watcher
        // covers the whole content root, where the default data directory lies, so every commit would wake it.
        var builder = WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        builder.Configuration.AddEnvironmentVariables("VOTING_");
        // Flags again, after VOTING_*: the last source wins, and a flag given at start outranks the environment.
        builder.Configuration.AddCommandLine(args);
        var options = new ServerOptions();
        builder.Configuration.GetSection("Voting").Bind(options);
        builder.Configuration.Bind(options);
        configure?.Invoke(options);
        if (options.Problem() is { } problem) throw new ArgumentException(problem);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.TimestampFormat = "O");
        // Kestrel's per-request lines would be two JSON lines per cast: the server logs its own events instead
        // (start, refusals, witness trouble). LOGGING__LOGLEVEL__MICROSOFT.ASPNETCORE=Information brings them back.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        bool tls = options.TlsCertificate.Length > 0;
        if (tls && !File.Exists(options.TlsCertificate)) throw new ArgumentException($"TLS certificate {options.TlsCertificate} does not exist");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(Endpoint(options.GrpcListen), o =>
            {
                o.Protocols = HttpProtocols.Http2;
                if (tls) o.UseHttps(options.TlsCertificate, options.TlsCertificatePassword);
            });
            k.Listen(Endpoint(options.HttpListen), o =>
            {
                // HTTP/2 on this port needs TLS to be negotiated; without TLS, saying HTTP/1.1 spares a warning at every start.
                o.Protocols = tls ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
                if (tls) o.UseHttps(options.TlsCertificate, options.TlsCertificatePassword);
            });
            k.Limits.MaxRequestBodySize = options.MaxMessageBytes + 1024L;
            k.AddServerHeader = false; // one header less on every answer; the server's name tells a client nothing it needs
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        DataDirectory.Prepare(options.DataDir);
        var keyPath = string.IsNullOrEmpty(options.KeyFile) ? Path.Combine(options.DataDir, "log.key") : options.KeyFile;
        var key = Voting.Core.Notes.KeyFile.LoadOrCreate(keyPath, options.LogHost);
        var seed = Convert.FromBase64String(key.ToSkey().Split('+', 5)[4])[1..];
        var witnesses = options.Witnesses.Select(Witnesses.Witness.Parse).ToList();
        if (options.WitnessQuorum < 0 || options.WitnessQuorum > witnesses.Count)
            throw new ArgumentException($"WitnessQuorum {options.WitnessQuorum} must be between 0 and the {witnesses.Count} configured witnesses");
        ICheckpointCosigner? cosigner = options.WitnessQuorum == 0 && witnesses.Count == 0
            ? null
            : new Witnesses.WitnessQuorum(witnesses, options.WitnessQuorum, new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
        // Beside the key and as closed as it: whoever can edit the databases but not the key cannot lower a mark (log.md §11.1).
        var marks = new HighWaterMarks(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(keyPath))!, "high-water"));
        var registry = new ElectionRegistry(options.DataDir, seed, options.LogHost, new LogStoreOptions { MaxBatch = options.MaxBatch, Cosigner = cosigner, HighWater = marks, Clock = clock ?? TimeProvider.System }, options.OrganiserKeys());
        builder.Services.AddSingleton(registry);
        var rollbackChecks = new RollbackChecks(registry, marks, key.Verifier, witnesses.Count);
        builder.Services.AddSingleton(rollbackChecks);
        builder.Services.AddSingleton(options);
        var published = new Witnesses.PublishedWitnesses([.. witnesses.Select(w => w.Key)], options.WitnessQuorum);
        builder.Services.AddSingleton(published);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = options.MaxMessageBytes;
            // A receipt or a page of entries is far below this; the limit only stops a bug from sending without bound.
            o.MaxSendMessageSize = 64 * 1024 * 1024;
            // Every handler failure passes the RefusalInterceptor, which sends a bug as "internal error" alone; what this adds
            // is the reason grpc-dotnet refused a request before any handler ran (a bad message, a body too large).
            o.EnableDetailedErrors = true;
            o.Interceptors.Add<RefusalInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        var health = new HealthServiceImpl();
        builder.Services.AddSingleton(health);
        var app = builder.Build();
        StartupNotes.Register(app, options, registry);
        if (cosigner is Witnesses.WitnessQuorum quorum) quorum.Logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<Witnesses.WitnessQuorum>();
        // After the witnesses' logger is set, so that what each witness answers is logged.
        app.Lifetime.ApplicationStarted.Register(() => rollbackChecks.Start(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<RollbackChecks>()));
        // gRPC-Web for every service on both ports: the voting page calls Cast and Enroll from the browser over HTTP/1.1.
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<OrganiserApi>();
        app.MapGrpcService<VoterApi>();
        app.MapGrpcService<LogApi>();
        app.MapGrpcService<TrusteeApi>();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcReflectionService();
        string[] served = ["", OrganiserService.Descriptor.FullName, VoterService.Descriptor.FullName, LogService.Descriptor.FullName, TrusteeService.Descriptor.FullName];
        foreach (var service in served) health.SetStatus(service, HealthCheckResponse.Types.ServingStatus.Serving);
        // Draining: a load balancer asking Health/Check sees NOT_SERVING while in-flight calls finish.
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            foreach (var service in served) health.SetStatus(service, HealthCheckResponse.Types.ServingStatus.NotServing);
        });
        app.MapGet("/healthz", () => Results.Text($"ok {registry.Ids.Count} elections\n"));
        // The host key every election's checkpoints are signed with (as "<LogHost>/elections/<id>"), for configuring a
        // witness (log.md §8.8). A witness operator should still compare it with one received out of band.
        var hostVkey = key.ToVkey();
        app.MapGet("/log-key", () => Results.Text(hostVkey + "\n"));
        TileEndpoints.Map(app, registry, published);
        VotePage.Map(app);
        // Graceful shutdown: Kestrel stops taking requests and lets in-flight calls finish; then every log drains its queue.
        app.Lifetime.ApplicationStopped.Register(() => registry.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return app;
    }

    private static System.Net.IPEndPoint Endpoint(string listen) =>
        System.Net.IPEndPoint.TryParse(listen, out var ep) ? ep : throw new ArgumentException($"listen address \"{listen}\" is not host:port");
}
