using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voting.Core.Notes;

namespace Scrutineer.Witness;

/// <summary>The witness on HTTP: POST /add-checkpoint (C2SP tlog-witness), GET /healthz. Nothing else.</summary>
public sealed class WitnessServer : IAsyncDisposable
{
    /// <summary>A checkpoint with its proof is a few kilobytes; anything far larger is not an add-checkpoint request.</summary>
    private const int MaxBodyBytes = 64 * 1024;
    private readonly WebApplication _app;
    private readonly WitnessCore _core;

    public NoteSigner Key { get; }
    public Uri Address { get; private set; } = null!;
    public long Cosigned => _core.Cosigned;
    /// <summary>"URL vkey": the ballot server's Witnesses setting for this witness.</summary>
    public string Spec => $"{Address} {Key.ToVkey()}";

    private WitnessServer(string listen, NoteSigner key, IReadOnlyList<NoteVerifier> logKeys, string statePath)
    {
        Key = key;
        _core = new WitnessCore(key, logKeys, WitnessState.Load(statePath), () => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{listen}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        _app = builder.Build();
        _app.MapPost("/add-checkpoint", async (HttpContext http) =>
        {
            string body;
            try { body = await new StreamReader(http.Request.Body, new System.Text.UTF8Encoding(false, true)).ReadToEndAsync(http.RequestAborted).ConfigureAwait(false); }
            catch (Exception e) when (e is BadHttpRequestException or System.Text.DecoderFallbackException) { return Results.Text(e.Message + "\n", statusCode: 400); }
            var answer = _core.AddCheckpoint(body);
            return Results.Text(answer.Body, answer.ContentType, statusCode: answer.Status);
        });
        _app.MapGet("/healthz", () => Results.Text($"ok {Key.ToVkey()}\n"));
    }

    /// <summary>Starts listening on listen ("host:port"; port 0 picks a free one). The state file is created on the first cosignature.</summary>
    public static async Task<WitnessServer> StartAsync(string listen, NoteSigner key, IReadOnlyList<NoteVerifier> logKeys, string statePath)
    {
        var w = new WitnessServer(listen, key, logKeys, statePath);
        await w._app.StartAsync().ConfigureAwait(false);
        w.Address = new Uri(w._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return w;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
