using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Voting.Core.Tiles;
using Voting.Server.Elections;
using Voting.Storage;

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
            if (level < 0)
            {
                if (index * TilePaths.Width + (ulong)width > size) return Results.NotFound();
                if (index * TilePaths.Width + (ulong)width > h.PublishableEnd()) return Results.Text("records after Open are published when voting closes (and its dispute window, if any, has ended)\n", statusCode: StatusCodes.Status403Forbidden);
                return LogTiles.Bundle(h.Store, size, index, width) is { } bundle ? Results.Bytes(bundle, "application/octet-stream") : Results.NotFound();
            }
            return LogTiles.HashTile(h.Store, size, level, index, width) is { } tile ? Results.Bytes(tile, "application/octet-stream") : Results.NotFound();
        });
    }
}
