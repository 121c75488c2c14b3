using System.Globalization;
using Voting.Core;
using Voting.Core.Merkle;
using Voting.Core.Notes;

namespace Scrutineer.Witness;

/// <summary>An HTTP answer: status, content type and body.</summary>
internal sealed record WitnessAnswer(int Status, string ContentType, string Body);

/// <summary>
/// The decisions of a C2SP tlog-witness for add-checkpoint (log.md §8.8), without HTTP: 404 for a log it does not
/// witness, 403 when the log's signature does not verify, 400 for a malformed body or an old size beyond the
/// checkpoint, 409 (with its own size) when the client's old size is not the size it last cosigned, 422 when the
/// consistency proof fails — and otherwise a cosignature/v1 line, after the new size is durable.
/// </summary>
internal sealed class WitnessCore(NoteSigner key, IReadOnlyList<NoteVerifier> logKeys, WitnessState state, Func<ulong> clock)
{
    private readonly Lock _lock = new();
    public long Cosigned { get; private set; }

    public WitnessAnswer AddCheckpoint(string body)
    {
        AddCheckpointRequest request;
        SignedNote note;
        Checkpoint cp;
        try
        {
            request = AddCheckpointRequest.Parse(body);
            note = SignedNote.Parse(request.SignedCheckpoint);
            cp = Checkpoint.ParseText(note.Text);
        }
        catch (VotingFormatException e) { return Text(400, e.Message); }
        if (LogKeyFor(cp.Origin) is not { } logKey) return Text(404, $"this witness does not witness the log {cp.Origin}");
        try { note.Verify([logKey]); }
        catch (NoteVerificationException e) { return Text(403, e.Message); }
        if (request.OldSize > cp.Size) return Text(400, $"old size {request.OldSize} is beyond the checkpoint's size {cp.Size}");
        lock (_lock)
        {
            var (size, root) = state.Latest(cp.Origin) ?? (0UL, Rfc6962.EmptyRoot());
            if (request.OldSize != size) return new WitnessAnswer(409, "text/x.tlog.size", size.ToString(CultureInfo.InvariantCulture) + "\n");
            bool consistent = size == 0
                ? request.Proof.Count == 0 && (cp.Size > 0 || cp.Root.AsSpan().SequenceEqual(root))
                : ConsistencyProof.Verify(size, cp.Size, root, cp.Root, request.Proof);
            if (!consistent) return Text(422, $"the checkpoint of size {cp.Size} is not consistent with the size {size} this witness cosigned");
            state.Record(cp.Origin, cp.Size, cp.Root);
            Cosigned++;
        }
        return new WitnessAnswer(200, "text/x.tlog.cosignature", key.Cosign(note.Text, clock()).ToLine());
    }

    /// <summary>
    /// A configured log key names either the log itself or a log host whose logs are "&lt;host&gt;/…" (the ballot
    /// server signs every election's checkpoints with one key under the origin "&lt;host&gt;/elections/&lt;id&gt;").
    /// </summary>
    private NoteVerifier? LogKeyFor(string origin)
    {
        foreach (var k in logKeys)
            if (origin == k.Name || origin.StartsWith(k.Name + "/", StringComparison.Ordinal))
                return new NoteVerifier(origin, k.Type, k.PublicKey);
        return null;
    }

    private static WitnessAnswer Text(int status, string message) => new(status, "text/plain; charset=utf-8", message + "\n");
}
