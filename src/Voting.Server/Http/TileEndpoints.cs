using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Voting.Core.Tiles;
using Voting.Server.Elections;

namespace Voting.Server.Http;

/// <summary>
/// The export layout of docs/spec/export.md served over plain HTTP, per election under /elections/&lt;id&gt;/:
/// checkpoint, tile/L/N[.p/W], tile/entries/N[.p/W], keys. Entry bundles after Open wait for Close.
/// </summary>
internal static class TileEndpoints
{
    public static void Map(WebApplication app, ElectionRegistry elections, Witnesses.PublishedWitnesses witnesses)
    {
        app.MapGet("/elections/{id}/checkpoint", (string id) =>
            elections.TryGet(id, out var h) ? Results.Text(h.Store.LatestCheckpoint, "text/plain; charset=utf-8") : Results.NotFound());
        app.MapGet("/elections/{id}/keys", (string id) =>
            elections.TryGet(id, out var h) ? Results.Text(KeysFile.Format(witnesses.For(h.Store.LogKey)), "text/plain; charset=utf-8") : Results.NotFound());
        // export.md §4 over HTTP: the sizes first (a reader cannot list a directory), then each signed checkpoint.
        app.MapGet("/elections/{id}/voting/checkpoint-sizes", (string id) =>
            elections.TryGet(id, out var h)
                ? Results.Text(string.Concat(h.Store.CheckpointSizes().Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n")), "text/plain; charset=utf-8")
                : Results.NotFound());
        app.MapGet("/elections/{id}/voting/checkpoints/{size}", (string id, string size) =>
            elections.TryGet(id, out var h) && ulong.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s)
                && s.ToString(System.Globalization.CultureInfo.InvariantCulture) == size && h.Store.CheckpointAt(s) is { } note
                ? Results.Text(note, "text/plain; charset=utf-8")
                : Results.NotFound());
        app.MapGet("/elections/{id}/tile/{**path}", (string id, string path) =>
        {
            if (!elections.TryGet(id, out var h)) return Results.NotFound();
            if (!TilePaths.TryParse("tile/" + path, out int level, out ulong index, out int width)) return Results.NotFound();
            ulong size = h.Store.Size;
            ulong start = index * TilePaths.Width;
            if (level < 0)
            {
                ulong end = start + (ulong)width;
                if (end > size) return Results.NotFound();
                if (end > h.PublishableEnd()) return Results.Text("records after Open are published when voting closes\n", statusCode: StatusCodes.Status403Forbidden);
                return Results.Bytes(EntryBundle.Encode(h.Store.ReadRecords(start, end)), "application/octet-stream");
            }
            if (start + (ulong)width > TilePaths.HashesAtLevel(size, level)) return Results.NotFound();
            var hashes = h.Store.HashRange(level * TilePaths.Height, start, start + (ulong)width);
            return Results.Bytes([.. hashes.SelectMany(x => x)], "application/octet-stream");
        });
    }
}
