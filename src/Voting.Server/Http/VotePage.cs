using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Voting.Server.Http;

/// <summary>
/// The member's voting page at /vote/ (web/vote/index.html, and its script bundled by esbuild into wwwroot/vote/app.js; both embedded in this assembly):
/// index.html and app.js, nothing else. The page talks gRPC-Web to this same origin; its Content-Security-Policy
/// forbids every other origin, so no script, font or request can come from a CDN.
/// </summary>
internal static class VotePage
{
    private const string Policy = "default-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static void Map(WebApplication app)
    {
        var assembly = typeof(VotePage).Assembly;
        var files = new Dictionary<string, (byte[] Body, string Type)>(StringComparer.Ordinal)
        {
            [""] = (Read(assembly, "vote/index.html"), "text/html; charset=utf-8"),
            ["app.js"] = (Read(assembly, "vote/app.js"), "text/javascript; charset=utf-8"),
        };
        app.MapGet("/vote/{file?}", (HttpContext http, string? file) =>
        {
            // Routing treats /vote and /vote/ alike; the page's relative "app.js" needs the slash.
            if (file is null && !http.Request.Path.Value!.EndsWith('/')) return Results.Redirect("/vote/" + http.Request.QueryString);
            if (!files.TryGetValue(file ?? "", out var f)) return Results.NotFound();
            http.Response.Headers.ContentSecurityPolicy = Policy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(f.Body, f.Type);
        });
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var s = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"the voting page's {name} is not embedded; run npm run build in web/vote");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }
}
