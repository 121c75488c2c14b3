using Voting.Core;
using Voting.Core.IO;
using Voting.Core.Merkle;
using Voting.Core.Notes;

namespace Scrutineer.Watch;

/// <summary>What one look at the server found.</summary>
internal enum WatchOutcome { Unchanged, Advanced, Inconsistent }

/// <summary>
/// Follows a log's checkpoint: each new one must carry the log's signature and be consistent with the last one
/// verified, by a consistency proof built from the server's tiles and checked against both signed roots. The last
/// verified checkpoint is kept in the state file (first line the log's vkey, then the signed note), replaced
/// atomically, so a restarted watcher still holds the server to what it signed before.
/// </summary>
internal sealed class Watcher(HttpClient http, Uri baseUrl, string statePath, TextWriter stdout)
{
    public NoteVerifier? LogKey { get; private set; }
    public string? LastNote { get; private set; }

    public void LoadState()
    {
        if (!File.Exists(statePath)) return;
        var text = File.ReadAllText(statePath);
        int nl = text.IndexOf('\n', StringComparison.Ordinal);
        if (nl < 0) throw new VotingFormatException($"watch state {statePath}: expected the log's vkey, then a signed checkpoint");
        LogKey = NoteVerifier.ParseVkey(text[..nl]);
        LastNote = text[(nl + 1)..];
        Checkpoint.ParseAndVerify(LastNote, LogKey); // a state file that no longer verifies is not a baseline
    }

    public void Pin(NoteVerifier key)
    {
        if (LogKey is not null && LogKey.ToVkey() != key.ToVkey())
            throw new VotingFormatException($"the state file pins {LogKey.ToVkey()}, not {key.ToVkey()}");
        LogKey = key;
    }

    public async Task<WatchOutcome> CheckOnceAsync(CancellationToken ct)
    {
        var key = LogKey ?? throw new InvalidOperationException("no log key pinned");
        var note = await http.GetStringAsync(new Uri(baseUrl, "checkpoint"), ct).ConfigureAwait(false);
        var (next, _, _) = Checkpoint.ParseAndVerify(note, key);
        if (LastNote is null)
        {
            Save(note);
            await stdout.WriteLineAsync($"{Now()} {next.Origin}: first checkpoint, size {next.Size}; watching").ConfigureAwait(false);
            return WatchOutcome.Advanced;
        }
        var (last, _, _) = Checkpoint.ParseAndVerify(LastNote, key);
        if (next.Size == last.Size && next.Root.AsSpan().SequenceEqual(last.Root))
        {
            if (note != LastNote) Save(note); // the same tree, perhaps with more cosignatures
            return WatchOutcome.Unchanged;
        }
        byte[][] proof = [];
        string? problem = null;
        if (next.Origin != last.Origin) problem = $"the origin changed from {last.Origin} to {next.Origin}";
        else if (next.Size < last.Size) problem = $"the log shrank from {last.Size} to {next.Size} records";
        else if (next.Size == last.Size) problem = $"two different roots signed for size {next.Size}";
        else if (last.Size > 0)
        {
            // Tiles that cannot be read throw (IOException): the caller warns and looks again; the state stays.
            proof = ConsistencyProof.Generate(last.Size, next.Size, new TileHashSource(http, baseUrl, next.Size));
            if (!ConsistencyProof.Verify(last.Size, next.Size, last.Root, next.Root, proof))
                problem = $"the consistency proof from size {last.Size} to {next.Size}, built from the server's tiles, does not verify";
        }
        if (problem is not null)
        {
            await stdout.WriteLineAsync($"{Now()} INCONSISTENT: {problem}").ConfigureAwait(false);
            await stdout.WriteLineAsync("the checkpoint verified before (kept in the state file):").ConfigureAwait(false);
            await stdout.WriteAsync(LastNote).ConfigureAwait(false);
            await stdout.WriteLineAsync("the checkpoint the server serves now:").ConfigureAwait(false);
            await stdout.WriteAsync(note).ConfigureAwait(false);
            await stdout.WriteLineAsync($"the consistency proof ({proof.Length} hashes):").ConfigureAwait(false);
            foreach (var h in proof) await stdout.WriteLineAsync(Convert.ToBase64String(h)).ConfigureAwait(false);
            return WatchOutcome.Inconsistent;
        }
        Save(note);
        await stdout.WriteLineAsync($"{Now()} {next.Origin}: size {last.Size} → {next.Size}, consistent").ConfigureAwait(false);
        return WatchOutcome.Advanced;
    }

    private void Save(string note)
    {
        AtomicFile.WriteText(statePath, LogKey!.ToVkey() + "\n" + note);
        LastNote = note;
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
