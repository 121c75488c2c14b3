using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Tiles;

namespace Scrutineer.Tests;

/// <summary>
/// A log on plain HTTP in the tlog-tiles layout (checkpoint, keys, tile/L/N) whose leaves the test controls — so
/// it can grow honestly, or be swapped for a fork signed with the same key, as a dishonest operator would.
/// </summary>
internal sealed class TileLogServer : IAsyncDisposable
{
    public const string Origin = "fork.test/elections/watched";
    public static readonly NoteSigner Key = new(Origin, Enumerable.Repeat((byte)3, 32).ToArray());
    /// <summary>Two witnesses; the served checkpoint carries the cosignatures of the first <see cref="CosignedBy"/> of them.</summary>
    public static readonly NoteSigner[] Witnesses = [new("w1.fork.test", Enumerable.Repeat((byte)4, 32).ToArray()), new("w2.fork.test", Enumerable.Repeat((byte)5, 32).ToArray())];
    private readonly WebApplication _app;
    private MemoryTree _tree = new();

    public int CosignedBy { get; set; }

    /// <summary>The election's witness policy: both witnesses, quorum 2 — as a policy file.</summary>
    public static string PolicyText => new WitnessPolicy(Key.Verifier, [.. Witnesses.Select(w => w.Verifier.AsCosignatureVerifier())], 2).Format();

    private string SignedCheckpoint()
    {
        var text = new Checkpoint(Origin, _tree.Size, _tree.Root()).ToText();
        var note = SignedNote.Sign(text, Key);
        foreach (var w in Witnesses.Take(CosignedBy)) note = note.WithSignature(w.Cosign(text, 1_700_000_000));
        return note.Format();
    }
    public Uri Url { get; private set; } = null!;

    private TileLogServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/log/checkpoint", () => Results.Text(SignedCheckpoint()));
        _app.MapGet("/log/keys", () => Results.Text(PolicyText));
        _app.MapGet("/log/tile/{**path}", (string path) =>
        {
            if (!TilePaths.TryParse("tile/" + path, out int level, out ulong index, out int width) || level < 0) return Results.NotFound();
            ulong start = index * TilePaths.Width;
            if (start + (ulong)width > TilePaths.HashesAtLevel(_tree.Size, level)) return Results.NotFound();
            var bytes = Enumerable.Range(0, width).SelectMany(i => _tree.Hash(level * TilePaths.Height, start + (ulong)i)).ToArray();
            return Results.Bytes(bytes);
        });
    }

    public static async Task<TileLogServer> StartAsync()
    {
        var s = new TileLogServer();
        await s._app.StartAsync();
        s.Url = new Uri(s._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/log/");
        return s;
    }

    /// <summary>Serves the log whose leaves are "salt:i" for i below size.</summary>
    public void Serve(int size, string salt = "honest")
    {
        var tree = new MemoryTree();
        for (int i = 0; i < size; i++) tree.AppendLeaf(System.Text.Encoding.UTF8.GetBytes($"{salt}:{i}"));
        _tree = tree;
    }

    /// <summary>An honest log of size n, except that leaf `changed` was rewritten.</summary>
    public void ServeRewritten(int size, int changed)
    {
        var tree = new MemoryTree();
        for (int i = 0; i < size; i++) tree.AppendLeaf(System.Text.Encoding.UTF8.GetBytes(i == changed ? $"forged:{i}" : $"honest:{i}"));
        _tree = tree;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
