using Voting.Core;
using Voting.Core.IO;
using Voting.Core.Merkle;
using Voting.Core.Notes;

namespace Scrutineer.Watch;

/// <summary>What one look at the server found.</summary>
internal enum WatchOutcome { Unchanged, Advanced, Inconsistent }

/// <summary>
/// Follows a log's checkpoint: each new one must verify under the pinned witness policy (the log's signature and,
/// when the policy names witnesses, a quorum of their cosignatures) and be consistent with the last one verified, by
/// a consistency proof built from the server's tiles and checked against both signed roots. The state file keeps
/// the pinned policy (its "log", "witness", "quorum" lines) and then the last verified checkpoint, replaced
/// atomically, so a restarted watcher still holds the server to what it signed before and to the same witnesses.
/// </summary>
internal sealed class Watcher(HttpClient http, Uri baseUrl, string statePath, TextWriter stdout)
{
    public WitnessPolicy? Trust { get; private set; }
    public string? LastNote { get; private set; }
    private bool _pinnedSinceSave;

    public void LoadState()
    {
        if (!File.Exists(statePath)) return;
        var text = File.ReadAllText(statePath);
        // The policy's lines each hold a space; a checkpoint's first line (its origin, a key name) holds none.
        int at = 0;
        while (at < text.Length && text.IndexOf('\n', at) is var nl and >= 0 && text.AsSpan(at, nl - at).Contains(' ')) at = nl + 1;
        if (at == 0)
        {
            // Written before witness policies were pinned: the log's vkey alone on the first line.
            int nl = text.IndexOf('\n', StringComparison.Ordinal);
            if (nl < 0) throw new VotingFormatException($"watch state {statePath}: expected the pinned policy, then a signed checkpoint");
            Trust = new WitnessPolicy(NoteVerifier.ParseVkey(text[..nl]), [], 0);
            at = nl + 1;
        }
        else Trust = PolicyFile.Parse(text[..at], $"watch state {statePath}", scrutineerSettings: false).Witnessing;
        LastNote = text[at..];
        // A baseline that no longer carries the log's signature is not one. Its cosignatures were checked when it
        // was taken, under the policy then pinned (which a later --policy may have made stricter).
        Checkpoint.ParseAndVerify(LastNote, Trust.LogKey);
    }

    /// <summary>
    /// Pins a policy. A state file's log key never changes; its witnesses may be added where it pinned none, but
    /// a pinned witness policy is not replaced: a watcher told to trust other witnesses mid-election is refused.
    /// </summary>
    public void Pin(WitnessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (Trust is { } pinned)
        {
            if (pinned.LogKey.ToVkey() != policy.LogKey.ToVkey())
                throw new VotingFormatException($"the state file pins the log key {pinned.LogKey.ToVkey()}, not {policy.LogKey.ToVkey()}");
            if (pinned.Witnesses.Count > 0 && pinned.Format() != policy.Format())
                throw new VotingFormatException($"the state file pins {pinned.Witnesses.Count} witnesses with quorum {pinned.Quorum}, not the policy given ({policy.Witnesses.Count} witnesses, quorum {policy.Quorum}); use a new --state to change witnesses");
            if (policy.Witnesses.Count == 0) return; // a log key alone adds nothing to what is pinned
        }
        Trust = policy;
        _pinnedSinceSave = true;
    }

    public async Task<WatchOutcome> CheckOnceAsync(CancellationToken ct)
    {
        var trust = Trust ?? throw new InvalidOperationException("no policy pinned");
        var note = await http.GetStringAsync(new Uri(baseUrl, "checkpoint"), ct).ConfigureAwait(false);
        var (next, _) = trust.Verify(note);
        if (LastNote is null)
        {
            Save(note);
            await stdout.WriteLineAsync($"{Now()} {next.Origin}: first checkpoint, size {next.Size}; watching").ConfigureAwait(false);
            return WatchOutcome.Advanced;
        }
        var (last, _, _) = Checkpoint.ParseAndVerify(LastNote, trust.LogKey);
        if (next.Size == last.Size && next.Root.AsSpan().SequenceEqual(last.Root))
        {
            if (note != LastNote || _pinnedSinceSave) Save(note); // the same tree, perhaps with more cosignatures or a stricter policy
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
        AtomicFile.WriteText(statePath, Trust!.Format() + note);
        LastNote = note;
        _pinnedSinceSave = false;
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
