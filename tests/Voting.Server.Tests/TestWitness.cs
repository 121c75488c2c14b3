using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voting.Core;
using Voting.Core.Merkle;
using Voting.Core.Notes;

namespace Voting.Server.Tests;

/// <summary>
/// A small in-test witness following C2SP tlog-witness add-checkpoint: it checks the log signature and the
/// consistency proof from the size it last cosigned, answers 409 with its size when the client is behind,
/// and cosigns with cosignature/v1. (The real witness is the scrutineer's, issue 5.)
/// </summary>
internal sealed class TestWitness : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, (ulong Size, byte[] Root)> _seen = new(StringComparer.Ordinal);
    public NoteSigner Key { get; }
    public Uri Address { get; private set; } = null!;
    public bool Down { get; set; }
    /// <summary>The ballot server's log public key, which signs every election's checkpoints.</summary>
    public byte[] LogPublicKey { get; set; } = [];
    public int Cosigned { get; private set; }

    private TestWitness(string name)
    {
        Key = new NoteSigner(name, System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/add-checkpoint", (Func<HttpContext, Task<IResult>>)Handle);
    }

    public string Spec => $"{Address} {Key.ToVkey()}";

    public static async Task<TestWitness> StartAsync(string name)
    {
        var w = new TestWitness(name);
        await w._app.StartAsync();
        w.Address = new Uri(w._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return w;
    }

    private async Task<IResult> Handle(HttpContext http)
    {
        if (Down) return Results.StatusCode(503);
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        int blank = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0) return Results.BadRequest("no blank line");
        var head = body[..blank].Split('\n');
        if (!head[0].StartsWith("old ", StringComparison.Ordinal) || !ulong.TryParse(head[0][4..], NumberStyles.None, CultureInfo.InvariantCulture, out var old))
            return Results.BadRequest("first line must be old N");
        var proof = head[1..].Select(Convert.FromBase64String).ToList();
        SignedNote note;
        Checkpoint cp;
        try
        {
            note = SignedNote.Parse(body[(blank + 2)..]);
            cp = Checkpoint.ParseText(note.Text);
            // The log signs every election's checkpoints with one key under the election's origin name.
            note.Verify([new NoteVerifier(cp.Origin, SignatureType.Ed25519, LogPublicKey)]);
        }
        catch (VotingFormatException e) { return Results.BadRequest(e.Message); }
        catch (NoteVerificationException e) { return Results.Text(e.Message, statusCode: 403); }
        lock (_seen)
        {
            var (size, root) = _seen.GetValueOrDefault(cp.Origin, (0UL, Rfc6962.EmptyRoot()));
            if (old != size) return Results.Text(size.ToString(CultureInfo.InvariantCulture) + "\n", "text/x.tlog.size", statusCode: 409);
            if (cp.Size < size) return Results.BadRequest("checkpoint is older than the last one cosigned");
            bool consistent = size == 0 ? proof.Count == 0 : ConsistencyProof.Verify(size, cp.Size, root, cp.Root, proof);
            if (!consistent) return Results.UnprocessableEntity("consistency proof does not verify");
            _seen[cp.Origin] = (cp.Size, cp.Root);
            Cosigned++;
        }
        var line = Key.Cosign(note.Text, (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToLine();
        return Results.Text(line, "text/x.tlog.cosignature");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
