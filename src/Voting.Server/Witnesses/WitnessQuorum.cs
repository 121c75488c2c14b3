using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Voting.Core;
using Voting.Core.Notes;
using Voting.Storage;

namespace Voting.Server.Witnesses;

/// <summary>One configured witness: where it listens (C2SP tlog-witness) and the key its cosignatures must verify with.</summary>
internal sealed class Witness(Uri baseAddress, NoteVerifier cosignatureKey)
{
    public Uri BaseAddress { get; } = baseAddress;
    public NoteVerifier Key { get; } = cosignatureKey;
    /// <summary>Per log origin, the tree size this witness last cosigned (learned from 409 answers after a restart).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, ulong> LastSize { get; } = new(StringComparer.Ordinal);

    /// <summary>"URL vkey", as in the Witnesses setting.</summary>
    public static Witness Parse(string spec)
    {
        var parts = (spec ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !Uri.TryCreate(parts[0], UriKind.Absolute, out var uri))
            throw new ArgumentException($"witness \"{spec}\" must be \"URL vkey\"");
        return new Witness(uri, NoteVerifier.ParseVkey(parts[1]).AsCosignatureVerifier());
    }
}

/// <summary>
/// Asks every witness to cosign each checkpoint (C2SP tlog-witness add-checkpoint, with a consistency proof from
/// the size it last saw) and publishes the checkpoint with their cosignatures once at least Quorum have answered
/// with a cosignature that verifies. Each witness's refusal is logged with its reason, and the reasons travel in
/// the exception to the client's error (errors.md V11): an operator and a member can both see which witness said no.
/// A witness that has cosigned a larger tree for the origin (409 with its size), or finds the checkpoint inconsistent
/// with the one it cosigned (422), is evidence that the log lost records (log.md §11.1): that refuses the log, whatever
/// the quorum, since cosignatures from the other witnesses cannot bring the lost records back.
/// </summary>
internal sealed partial class WitnessQuorum(IReadOnlyList<Witness> witnesses, int quorum, HttpClient http) : ICheckpointCosigner
{
    /// <summary>A witness's own words are quoted up to this many characters: they come from another party, and travel in a gRPC status.</summary>
    public const int MaxReasonChars = 200;

    [LoggerMessage(Level = LogLevel.Warning, Message = "witness refused to cosign {Origin} at size {Size}: {Reason}")]
    private static partial void LogRefusal(ILogger logger, string origin, ulong size, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "witness quorum not reached for {Origin} at size {Size}: {Cosigned} of {Witnesses} cosigned, {Quorum} needed")]
    private static partial void LogNoQuorum(ILogger logger, string origin, ulong size, int cosigned, int witnesses, int quorum);

    [LoggerMessage(Level = LogLevel.Error, Message = "witness evidence that {Origin} lost records: {Evidence}")]
    private static partial void LogRolledBack(ILogger logger, string origin, string evidence);

    /// <summary>A witness's answer that the log holds less than, or other than, what it cosigned.</summary>
    private sealed record RollbackEvidence(string Text);

    /// <summary>Set once the host is built; the cosigner exists before the host's services do.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    public async Task<string> CosignAsync(string signedCheckpoint, ulong size, Func<ulong, ulong, byte[][]> consistencyProof, CancellationToken ct)
    {
        var note = SignedNote.Parse(signedCheckpoint);
        var origin = note.Text[..note.Text.IndexOf('\n', StringComparison.Ordinal)];
        var results = await Task.WhenAll(witnesses.Select(w => Ask(w, note, size, consistencyProof, ct))).ConfigureAwait(false);
        var refusals = results.OfType<string>().ToList();
        foreach (var why in refusals) LogRefusal(Logger, origin, size, why);
        var evidence = results.OfType<RollbackEvidence>().Select(r => r.Text).ToList();
        foreach (var e in evidence) LogRolledBack(Logger, origin, e);
        if (evidence.Count > 0) throw new LogRolledBackException(string.Join("; ", evidence));
        var cosignatures = results.OfType<NoteSignature>().ToList();
        if (cosignatures.Count < quorum)
        {
            LogNoQuorum(Logger, origin, size, cosignatures.Count, witnesses.Count, quorum);
            throw new IOException($"witness quorum not reached: {cosignatures.Count} of {witnesses.Count} cosigned, {quorum} needed ({string.Join("; ", refusals)})");
        }
        foreach (var c in cosignatures) note = note.WithSignature(c);
        return note.Format();
    }

    /// <summary>A verified cosignature, a string saying why this witness did not give one, or its evidence that the log lost records.</summary>
    private async Task<object> Ask(Witness w, SignedNote note, ulong size, Func<ulong, ulong, byte[][]> proof, CancellationToken ct)
    {
        var origin = note.Text[..note.Text.IndexOf('\n', StringComparison.Ordinal)];
        string Ours() => $"this log's checkpoint of size {size} has root {Convert.ToBase64String(Checkpoint.ParseText(note.Text).Root)}";
        try
        {
            for (int attempt = 0; attempt < 2; attempt++)
            {
                ulong last = w.LastSize.GetValueOrDefault(origin);
                var request = new AddCheckpointRequest(last, last > 0 && last < size ? proof(last, size) : [], note.Format());
                using var content = new StringContent(request.Format(), Encoding.UTF8, "text/plain");
                using var response = await http.PostAsync(new Uri(w.BaseAddress, "add-checkpoint"), content, ct).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Conflict && ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var theirs))
                {
                    if (theirs > size) return new RollbackEvidence($"witness {w.Key.Name} ({w.BaseAddress}) has cosigned {origin} at size {theirs}, but {Ours()}");
                    w.LastSize[origin] = theirs; // the witness knows a different size: resend with a proof from there
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
                    return new RollbackEvidence($"witness {w.Key.Name} ({w.BaseAddress}) finds {Ours()}, not consistent with what it cosigned for {origin}: {Quoted(text)}");
                if (!response.IsSuccessStatusCode) return $"{w.BaseAddress}: HTTP {(int)response.StatusCode} {Quoted(text)}";
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var sig = SignedNote.ParseSignatureLine(line);
                    if (Cosignature.Verify(w.Key, note.Text, sig) is not null)
                    {
                        w.LastSize[origin] = size;
                        return sig;
                    }
                }
                return $"{w.BaseAddress}: no cosignature that verifies with {w.Key.Name}'s key";
            }
            return $"{w.BaseAddress}: the witness's size keeps changing";
        }
        catch (Exception e) when (e is HttpRequestException or IOException or VotingFormatException or TaskCanceledException)
        {
            return $"{w.BaseAddress}: {Quoted(e.Message)}";
        }
    }

    /// <summary>A witness's answer as one bounded line of printable text.</summary>
    internal static string Quoted(string text)
    {
        var line = new string([.. text.Trim().Select(ch => char.IsControl(ch) ? ' ' : ch)]);
        return line.Length <= MaxReasonChars ? line : line[..MaxReasonChars] + "…";
    }
}
