using System.Globalization;
using System.Net;
using Voting.Core;
using Voting.Core.IO;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Tiles;

namespace Scrutineer.Fetch;

/// <summary>Why a fetch stopped; the files already downloaded stay, so the next run resumes.</summary>
public sealed class FetchException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}

/// <summary>
/// Downloads a log served in the export layout (export.md §1–§5, and §7 for the voting extension over HTTP) into a
/// directory `scrutineer verify` reads. Resumable: tiles and bundles are immutable once their path exists (a partial
/// tile's path names its width), so files already present are kept; `checkpoint` is written last, so a directory
/// with a checkpoint holds everything it covers. Refuses to replace a checkpoint the new records contradict.
/// </summary>
public sealed class LogFetcher(HttpClient http, Uri baseUrl, string outDir, TextWriter stderr)
{
    private const int Parallel = 8;
    public int Downloaded { get; private set; }
    public int Kept { get; private set; }

    public async Task<Checkpoint> RunAsync(CancellationToken ct)
    {
        var note = await GetText("checkpoint", ct).ConfigureAwait(false);
        Checkpoint cp;
        try { cp = Checkpoint.ParseText(SignedNote.Parse(note).Text); }
        catch (VotingFormatException e) { throw new FetchException($"the server's checkpoint does not parse: {e.Message}"); }
        // The reader holds at most int.MaxValue records (ExportedLog.Read); a larger claim would be a list of paths
        // past 2^64 (an overflow) or of billions (memory), before the first download could fail.
        if (cp.Size > int.MaxValue) throw new FetchException($"the server's checkpoint claims {cp.Size} records; an export holds at most {int.MaxValue}");
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteText(Path.Combine(outDir, "keys"), await GetText("keys", ct).ConfigureAwait(false));

        var paths = new List<string>();
        for (ulong n = 0; n * TilePaths.Width < cp.Size; n++)
            paths.Add(TilePaths.Entries(n, (int)Math.Min(TilePaths.Width, cp.Size - n * TilePaths.Width)));
        for (int level = 0; TilePaths.HashesAtLevel(cp.Size, level) > 0; level++)
        {
            ulong hashes = TilePaths.HashesAtLevel(cp.Size, level);
            for (ulong n = 0; n * TilePaths.Width < hashes; n++)
                paths.Add(TilePaths.Tile(level, n, (int)Math.Min(TilePaths.Width, hashes - n * TilePaths.Width)));
        }
        var sizes = await CheckpointSizes(cp.Size, ct).ConfigureAwait(false);
        paths.AddRange(sizes.Select(s => "voting/checkpoints/" + s.ToString(CultureInfo.InvariantCulture)));

        var progress = ProgressLine.For(stderr, "fetch", paths.Count);
        await System.Threading.Tasks.Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct }, async (path, token) =>
        {
            await FetchFile(path, token).ConfigureAwait(false);
            progress.Advance();
        }).ConfigureAwait(false);
        progress.Finish();

        CheckAgainstRecords(cp, note);
        AtomicFile.WriteText(Path.Combine(outDir, "checkpoint"), note);
        return cp;
    }

    /// <summary>The new records must give the new root, and the root of any checkpoint already in the directory.</summary>
    private void CheckAgainstRecords(Checkpoint cp, string note)
    {
        var tree = new MemoryTree();
        try { foreach (var r in Scrutineer.Verify.BundleRecords.Read(outDir, cp.Size)) tree.AppendLeaf(r); }
        catch (VotingFormatException e) { throw new FetchException(e.Message, "delete that bundle and fetch again; if it recurs, the server serves a corrupt bundle"); }
        if (!tree.RootAt(cp.Size).AsSpan().SequenceEqual(cp.Root))
            throw new FetchException($"the {cp.Size} records downloaded do not give the checkpoint's root", "the server's entries and its checkpoint disagree; keep this directory as evidence");
        var existing = Path.Combine(outDir, "checkpoint");
        if (!File.Exists(existing)) return;
        var oldNote = File.ReadAllText(existing);
        Checkpoint old;
        try { old = Checkpoint.ParseText(SignedNote.Parse(oldNote).Text); }
        catch (VotingFormatException) { return; } // an unreadable earlier checkpoint is replaced, it proves nothing
        if (old.Origin != cp.Origin)
            throw new FetchException($"{outDir} holds the log {old.Origin}, the server serves {cp.Origin}", "fetch into a new directory");
        if (old.Size > cp.Size || !tree.RootAt(old.Size).AsSpan().SequenceEqual(old.Root))
        {
            stderr.WriteLine("the checkpoint already fetched:");
            stderr.Write(oldNote);
            stderr.WriteLine("the server's checkpoint now:");
            stderr.Write(note);
            throw new FetchException($"the server's log is not an extension of the one fetched before (size {old.Size} → {cp.Size})", "this is evidence of a rewritten log; keep both checkpoints");
        }
    }

    private async Task<List<ulong>> CheckpointSizes(ulong size, CancellationToken ct)
    {
        using var response = await Get("voting/checkpoint-sizes", ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            stderr.WriteLine("scrutineer: warning: the server does not publish voting/checkpoint-sizes; time evidence will be missing and verify will say so");
            return [];
        }
        var text = await Read(response, "voting/checkpoint-sizes", ct).ConfigureAwait(false);
        var sizes = new List<ulong>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ulong.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s.ToString(CultureInfo.InvariantCulture) != line)
                throw new FetchException($"voting/checkpoint-sizes: \"{line}\" is not a size");
            if (s <= size) sizes.Add(s);
        }
        return sizes;
    }

    private async Task FetchFile(string path, CancellationToken ct)
    {
        var target = Path.Combine(outDir, path);
        // The latest checkpoints may gain cosignatures; every tile and bundle path is immutable.
        if (File.Exists(target) && !path.StartsWith("voting/", StringComparison.Ordinal))
        {
            lock (this) Kept++;
            return;
        }
        using var response = await Get(path, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Forbidden)
            throw new FetchException($"{path}: the server withholds it: {(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).Trim()}",
                "ballots are published when voting closes and its dispute window, if the election has one, has ended; fetch again then — what was downloaded is kept");
        if (!response.IsSuccessStatusCode) throw new FetchException($"{path}: HTTP {(int)response.StatusCode}");
        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        AtomicFile.Write(target, bytes);
        lock (this) Downloaded++;
    }

    private async Task<string> GetText(string path, CancellationToken ct)
    {
        using var response = await Get(path, ct).ConfigureAwait(false);
        return await Read(response, path, ct).ConfigureAwait(false);
    }

    private static async Task<string> Read(HttpResponseMessage response, string path, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode) throw new FetchException($"{path}: HTTP {(int)response.StatusCode}", "is --server the log's URL, e.g. http://host:port/elections/<id>/ ?");
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    /// <summary>GET with up to three tries on connection failures and 5xx; other answers are returned as they are.</summary>
    private async Task<HttpResponseMessage> Get(string path, CancellationToken ct)
    {
        var uri = new Uri(baseUrl, path);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var response = await http.GetAsync(uri, ct).ConfigureAwait(false);
                if ((int)response.StatusCode < 500 || attempt == 3) return response;
                response.Dispose();
            }
            catch (HttpRequestException e) when (attempt < 3) { _ = e; }
            catch (HttpRequestException e) { throw new FetchException($"{uri}: {e.Message}", "is the server running, and is --server right?"); }
            await Task.Delay(200 * attempt, ct).ConfigureAwait(false);
        }
    }
}
