using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Protocol;
using Voting.Storage;

namespace Voting.Server.Elections;

/// <summary>
/// How one election admits a record, apart from its rules: one lock over the state; a repeat of a recorded or
/// in-flight body joins it instead of appending again (retries never double-count); a member's call is checked in two
/// halves around its signature check, which runs with no lock held so that calls verify on every core; each admitted
/// body is appended, applied to the state, and its reservation released under the lock.
/// </summary>
internal sealed class Admission(LogStore store, ElectionState state)
{
    private readonly Dictionary<string, Task<AppendResult>> _pending = new(StringComparer.Ordinal);

    /// <summary>The lock over the state and every reservation the rules make.</summary>
    public Lock Gate { get; } = new();

    /// <summary>
    /// For tests of racing calls only: awaited by a cast or enrollment after its signature check, before it looks at the
    /// state again, so a test can hold calls in that gap while others pass.
    /// </summary>
    public Func<Task>? AfterSignatureCheck { get; set; }

    /// <summary>
    /// Appends and applies. A record that is durable but not yet published (no witness quorum) is still applied — it
    /// is in the log — and the caller hears UNAVAILABLE: ask again later for the receipt.
    /// </summary>
    public async Task<AppendResult> Append(LogRecord body, string? bodyHash = null)
    {
        try
        {
            var r = await store.AppendAsync(body, CancellationToken.None).ConfigureAwait(false);
            Applied(r, body, bodyHash);
            return r;
        }
        catch (CheckpointNotPublishedException e) when (e.Result is { } stored)
        {
            Applied(stored, body, bodyHash);
            throw ErrorRows.V11.Refuse($"recorded at index {stored.Index}, but the witnesses have not cosigned a checkpoint yet{Because(e.InnerException?.Message)}; repeat the request for the receipt");
        }
    }

    /// <summary>
    /// Applies a stored record through the body it was appended from: the state reads only the body, which the
    /// store copied unchanged into the record (its chain fields aside), so the stored bytes need no second parse here.
    /// </summary>
    public void Applied(AppendResult r, LogRecord body, string? bodyHash)
    {
        lock (Gate) state.Apply(body, r.Index, r.LeafHash, r.SequencedAtMs, bodyHash);
    }

    /// <summary>
    /// How a member's call is admitted. Under the lock, a repeat of a recorded or in-flight body joins it; otherwise the
    /// checks that come before the signature in errors.md's order. Then the signature, with no lock held (it is most of
    /// the checking and needs no state), so calls verify on every core. Then under the lock again, since anything may
    /// have arrived meanwhile: the repeat check once more, the remaining checks and the reservation, and the append.
    /// </summary>
    public async Task<AppendResult> Admit(string bodyHash, Action before, Func<RefusalException?> signature,
        Func<(LogRecord Body, Action Release)> after, CancellationToken ct)
    {
        Task<AppendResult>? repeat;
        lock (Gate)
        {
            repeat = Admitted(bodyHash);
            if (repeat is null) before();
        }
        if (repeat is not null) return await repeat.WaitAsync(ct).ConfigureAwait(false);
        if (signature() is { } refused) throw refused;
        if (AfterSignatureCheck is { } pause) await pause().ConfigureAwait(false);
        Task<AppendResult> task;
        lock (Gate)
        {
            task = Admitted(bodyHash) ?? AppendReserved(bodyHash, after());
        }
        return await task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A repeat of a recorded or in-flight body gets the same record (retries never double-count): its receipt, or
    /// the append already under way. Null for a body not seen before. Called under the lock.
    /// </summary>
    private Task<AppendResult>? Admitted(string bodyHash)
    {
        if (state.BodyIndex.TryGetValue(bodyHash, out var done)) return Task.FromResult(Existing(done));
        return _pending.TryGetValue(bodyHash, out var inflight) ? inflight : null;
    }

    /// <summary>Appends a checked body; the release runs under the lock once the record is applied (or failed).</summary>
    private Task<AppendResult> AppendReserved(string bodyHash, (LogRecord Body, Action Release) admitted)
    {
        var (body, release) = admitted;
        var task = Run();
        _pending[bodyHash] = task;
        return task;

        async Task<AppendResult> Run()
        {
            await Task.Yield();
            try
            {
                return await Append(body, bodyHash).ConfigureAwait(false);
            }
            finally
            {
                lock (Gate)
                {
                    _pending.Remove(bodyHash);
                    release();
                }
            }
        }
    }

    /// <summary>The witnesses' refusals, for a V11 message: the member and the operator both see which witness said no.</summary>
    private static string Because(string? problem) => problem is null ? "" : $" ({problem})";

    /// <summary>A receipt for a stored record against the latest published checkpoint, if one covers it yet.</summary>
    public AppendResult Existing(ulong index)
    {
        var record = store.ReadRecord(index);
        var note = store.LatestCheckpoint;
        ulong size = Checkpoint.ParseText(SignedNote.Parse(note).Text).Size;
        if (index >= size)
            throw ErrorRows.V11.Refuse($"recorded at index {index}, but the witnesses have not cosigned a checkpoint that covers it yet{Because(store.PublicationProblem)}; try again");
        return new AppendResult(index, record, Chain.LeafHash(record), note, size, store.InclusionProofAt(index, size));
    }
}
