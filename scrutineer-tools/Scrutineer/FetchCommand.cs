using System.CommandLine;
using Scrutineer.Fetch;

namespace Scrutineer;

/// <summary>scrutineer fetch --server URL --out DIR: download a published log for verify, resumably.</summary>
internal static class FetchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var server = new Option<string>("--server") { Description = "the log's URL: the ballot server's http://host:port/elections/<id>/", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "the directory to download into (created; an earlier fetch there is resumed)", Required = true };
        var cmd = new Command("fetch", """
            Download a whole log (checkpoint, keys, tiles, entry bundles, every signed checkpoint) into DIR for scrutineer verify.
            Run it again to resume or to catch up; it refuses to replace a checkpoint that the new records contradict.
            example: scrutineer fetch --server http://127.0.0.1:5071/elections/chair-2026/ --out ./chair-log
            """) { server, output };
        cmd.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(output)!.FullName;
            if (!LogUrl.TryParse(parse.GetValue(server), out var url))
            {
                await stderr.WriteLineAsync($"scrutineer: error: --server {parse.GetValue(server)} is not an http(s) URL").ConfigureAwait(false);
                await stderr.WriteLineAsync(LogUrl.Hint).ConfigureAwait(false);
                return 2;
            }
            var (code, _) = await RunAsync(url, dir, stdout, stderr, ct).ConfigureAwait(false);
            return code;
        });
        return cmd;
    }

    /// <summary>Shared with verify URL. The exit code, and the directory when it succeeded.</summary>
    internal static async Task<(int Code, string? Dir)> RunAsync(Uri baseUrl, string dir, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var fetcher = new LogFetcher(http, baseUrl, dir, stderr);
        try
        {
            var cp = await fetcher.RunAsync(ct).ConfigureAwait(false);
            await stdout.WriteLineAsync($"fetched {cp.Origin}: {cp.Size} records into {dir} ({fetcher.Downloaded} files downloaded, {fetcher.Kept} already present)").ConfigureAwait(false);
            return (0, dir);
        }
        catch (FetchException e)
        {
            await stderr.WriteLineAsync($"scrutineer: error: {e.Message}").ConfigureAwait(false);
            if (e.Hint is not null) await stderr.WriteLineAsync($"hint: {e.Hint}").ConfigureAwait(false);
            return (1, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TaskCanceledException)
        {
            await stderr.WriteLineAsync($"scrutineer: error: {e.Message}").ConfigureAwait(false);
            return (1, null);
        }
    }
}
