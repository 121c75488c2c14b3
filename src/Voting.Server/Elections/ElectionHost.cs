using System.Security.Cryptography;
using Google.Protobuf;
using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.Crypto;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Protocol;
using Voting.Storage;

namespace Voting.Server.Elections;

/// <summary>
/// One election: its log and its state, and the rules of docs/spec/errors.md. Checks of the state and the
/// reservation they make happen under one lock; signature checks (which need no state) and appends happen outside
/// it, so that concurrent casts verify on every core and share batches. Close waits for every cast already
/// admitted, so no ballot can land after the Close record.
/// </summary>
internal sealed class ElectionHost : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task<AppendResult>> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reservedVoters = new(StringComparer.Ordinal);
    private readonly HashSet<ulong> _reservedRollIndexes = [];
    private readonly HashSet<string> _reservedCredentials = new(StringComparer.Ordinal);
    private int _inflight;
    private bool _closing;
    private TaskCompletionSource? _drained;
    private readonly SemaphoreSlim _acts = new(1, 1);

    /// <summary>
    /// For tests of racing calls only: awaited by a cast or enrollment after its signature check, before it looks at the
    /// state again, so a test can hold calls in that gap while others pass.
    /// </summary>
    internal Func<Task>? AfterSignatureCheck { get; set; }

    public LogStore Store { get; }
    public ElectionState State { get; } = new();
    public TimeProvider Clock { get; }

    private ElectionHost(LogStore store, TimeProvider clock)
    {
        Store = store;
        Clock = clock;
    }

    /// <summary>Opens an existing election log and rebuilds its state by replaying every record.</summary>
    public static ElectionHost Open(string path, NoteSigner logKey, LogStoreOptions options)
    {
        var store = LogStore.Open(path, logKey, options);
        var host = new ElectionHost(store, options.Clock);
        const ulong Page = 4096;
        for (ulong start = 0; start < store.Size; start += Page)
        {
            ulong i = start;
            foreach (var bytes in store.ReadRecords(start, Math.Min(store.Size, start + Page)))
                host.State.Apply(Canonical.Parse(bytes), i++, Chain.LeafHash(bytes));
        }
        return host;
    }

    /// <summary>
    /// A new election log whose first record is the definition (already checked by the registry). The host is
    /// registered before the append: once the definition is durable the election exists, published or not.
    /// </summary>
    public static async Task<AppendResult> CreateAsync(string path, NoteSigner logKey, LogStoreOptions options, ElectionDefinition definition, Action<ElectionHost> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var host = new ElectionHost(LogStore.Open(path, logKey, options), options.Clock);
        register(host);
        return await host.Append(new LogRecord { Election = definition }).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends and applies. A record that is durable but not yet published (no witness quorum) is still applied — it
    /// is in the log — and the caller hears UNAVAILABLE: ask again later for the receipt.
    /// </summary>
    private async Task<AppendResult> Append(LogRecord body, string? bodyHash = null)
    {
        try
        {
            var r = await Store.AppendAsync(body, CancellationToken.None).ConfigureAwait(false);
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
    private void Applied(AppendResult r, LogRecord body, string? bodyHash)
    {
        lock (_gate) State.Apply(body, r.Index, r.LeafHash, bodyHash);
    }

    private void RequireOrganisers(IOrganiserAct act)
    {
        if (act.Signatures.Count == 0) throw ErrorRows.O4.Refuse("the request carries no organiser signature");
        if (OrganiserSigning.Check(act, State.Definition) is { } problem) throw ErrorRows.O4.Refuse(problem);
    }

    /// <summary>Organiser acts are appended one at a time, in the order they pass their checks.</summary>
    private async Task<AppendResult> Act(Func<LogRecord> check, CancellationToken ct)
    {
        await _acts.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            LogRecord body;
            lock (_gate) body = check();
            ct.ThrowIfCancellationRequested();
            return await Append(body).ConfigureAwait(false);
        }
        finally { _acts.Release(); }
    }

    public async Task<AppendResult> CommitRollAsync(CommitRollRequest req, CancellationToken ct)
    {
        var c = req.Commitment ?? throw ErrorRows.G2.Refuse("commitment is missing");
        await _acts.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                RequireOrganisers(c);
                if (RollRules.CommitmentPhaseProblem(State.Phase != Phase.Defined, State.OpenIndex is not null) is { } phase)
                    throw ErrorRows.O5.Refuse($"{phase.Message}: the roll can be committed only once, before Open (the election is {State.Phase})");
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < req.Entries.Count; i++)
                {
                    var key = req.Entries[i].Length == Ed25519.PublicKeySize ? Key.Of(req.Entries[i].Span) : null;
                    int? earlier = key is not null && seen.TryGetValue(key, out var j) ? j : null;
                    if (RollRules.EntryProblem(i, req.Entries[i].Span, earlier) is { } entry) throw ErrorRows.O6.Refuse(entry.Message);
                    seen.Add(key!, i);
                }
                var digest = RollMath.Digest(req.Entries.Select(e => e.Memory));
                if (RollRules.CommitmentProblem(c, req.Entries.Count, RollRules.ChunkCount(req.Entries.Count), digest) is { } sealing) throw ErrorRows.O6.Refuse(sealing.Message);
                ct.ThrowIfCancellationRequested();
            }
            // Chunks, then the commitment: one append each, all queued at once so they share batches.
            var appends = new List<(LogRecord Body, Task<AppendResult> Stored)>();
            foreach (var rc in RollMath.Chunks(State.ElectionId, req.Entries))
            {
                var body = new LogRecord { RollChunk = rc };
                appends.Add((body, Store.AppendAsync(body, CancellationToken.None)));
            }
            foreach (var (body, stored) in appends)
            {
                try { Applied(await stored.ConfigureAwait(false), body, null); }
                catch (CheckpointNotPublishedException e) when (e.Result is { } r) { Applied(r, body, null); }
            }
            return await Append(new LogRecord { RollCommitment = c }).ConfigureAwait(false);
        }
        finally { _acts.Release(); }
    }

    public Task<AppendResult> OpenAsync(Open open, CancellationToken ct) => Act(() =>
    {
        RequireOrganisers(open);
        if (PhaseRules.OpenProblem(State.Phase >= Phase.RollCommitted, State.OpenIndex is not null) is { } bad)
            throw ErrorRows.O7.Refuse($"{bad.Message} (the election is {State.Phase})");
        return new LogRecord { Open = open };
    }, ct);

    public async Task<AppendResult> CloseAsync(Close close, CancellationToken ct)
    {
        await _acts.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            Task drained;
            lock (_gate)
            {
                RequireOrganisers(close);
                if (PhaseRules.CloseProblem(State.OpenIndex is not null, State.CloseIndex is not null) is { } phase)
                    throw ErrorRows.O8.Refuse($"{phase.Message}: only an open election can be closed (it is {State.Phase})");
                if (PhaseRules.SeedProblem(close, State.Definition) is { } seed) throw ErrorRows.O9.Refuse(seed.Message);
                ct.ThrowIfCancellationRequested();
                // From here no new cast is admitted; the ones already admitted finish before Close is appended.
                _closing = true;
                _drained = _inflight == 0 ? null : new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                drained = _drained?.Task ?? Task.CompletedTask;
            }
            await drained.ConfigureAwait(false);
            try
            {
                return await Append(new LogRecord { Close = close }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not RefusalException)
            {
                lock (_gate) _closing = false; // Close was not recorded: voting goes on
                throw;
            }
        }
        finally { _acts.Release(); }
    }

    public Task<AppendResult> DeclareAsync(Declaration d, CancellationToken ct) => Act(() =>
    {
        RequireOrganisers(d);
        if (State.Phase != Phase.Closed) throw ErrorRows.O10.Refuse($"a result can be declared once, after Close (the election is {State.Phase})");
        if (d.ResultDigest.Length != 32) throw ErrorRows.O11.Refuse("result_digest must be 32 bytes");
        return new LogRecord { Declaration = d };
    }, ct);

    public GetStatusResponse Status(GetStatusRequest req)
    {
        lock (_gate)
        {
            RequireOrganisers(req);
            long now = Clock.GetUtcNow().ToUnixTimeSeconds();
            if (Math.Abs(now - req.IssuedAtUnix) > 300) throw ErrorRows.O12.Refuse($"the request was issued at {req.IssuedAtUnix}, more than 300 s from the server's clock ({now})");
            return new GetStatusResponse
            {
                Phase = State.Phase,
                RollSize = (ulong)State.RollEntries.Count,
                Enrolled = (ulong)State.EnrolledCredentials.Count,
                Ballots = State.Ballots,
                Voters = (ulong)State.Voted.Count,
                LogSize = Store.Size,
            };
        }
    }

    public Task<AppendResult> EnrollAsync(Enrollment en, CancellationToken ct)
    {
        string credential = Key.Of(en.CredentialKey.Span);
        byte[] rollEntry = [];
        return Admit(ElectionState.BodyHash(en),
            before: () =>
            {
                RequireEnrolling();
                if (PhaseRules.EnrollmentEntryProblem(en.RollIndex, State.RollEntries.Count) is { } entry) throw ErrorRows.V7.Refuse(entry.Message);
                if (en.CredentialKey.Length != Ed25519.PublicKeySize) throw ErrorRows.V7.Refuse("the credential key must be 32 bytes");
                rollEntry = State.RollEntries[(int)en.RollIndex]; // the roll cannot change once committed
            },
            signature: () => VoterSigning.CheckEnrollment(en, rollEntry) is { } bad ? ErrorRows.V8.Refuse(bad) : null,
            after: () =>
            {
                RequireEnrolling();
                if (PhaseRules.EnrollmentTakenProblem(en.RollIndex,
                        State.EnrolledByRollIndex.ContainsKey(en.RollIndex) || _reservedRollIndexes.Contains(en.RollIndex),
                        State.EnrolledCredentials.ContainsKey(credential) || _reservedCredentials.Contains(credential)) is { } taken)
                    throw ErrorRows.V9.Refuse(taken.Message);
                ct.ThrowIfCancellationRequested();
                _reservedRollIndexes.Add(en.RollIndex);
                _reservedCredentials.Add(credential);
                return (new LogRecord { Enrollment = en }, () =>
                {
                    _reservedRollIndexes.Remove(en.RollIndex);
                    _reservedCredentials.Remove(credential);
                });
            }, ct);
    }

    private void RequireEnrolling()
    {
        if (PhaseRules.EnrollmentPhaseProblem(State.Definition.RollKind, State.Phase >= Phase.RollCommitted, State.CloseIndex is not null) is { } bad)
            throw ErrorRows.V6.Refuse(State.Definition.RollKind == RollKind.EnrollmentKeys ? $"{bad.Message} (it is {State.Phase})" : bad.Message);
    }

    public Task<AppendResult> CastAsync(Ballot ballot, CancellationToken ct)
    {
        string credential = Key.Of(ballot.CredentialKey.Span);
        return Admit(ElectionState.BodyHash(ballot),
            before: () =>
            {
                RequireVoting();
                if (BallotRules.Check(ballot, State.Definition, checkSignature: false) is { } form)
                    throw (form.Check == "ballot.election-id" ? ErrorRows.V3 : ErrorRows.V2).Refuse(form.Message);
            },
            signature: () => VoterSigning.BallotSignatureValid(ballot) ? null : ErrorRows.V3.Refuse("the ballot's signature does not verify against its credential key"),
            after: () =>
            {
                RequireVoting();
                if (PhaseRules.EligibilityProblem(State.Definition.RollKind, State.IsEligible(credential)) is { } offRoll) throw ErrorRows.V4.Refuse(offRoll.Message);
                bool voted = State.Voted.Contains(credential) || _reservedVoters.Contains(credential);
                if (PhaseRules.RevoteProblem(State.Definition.RevotePolicy, voted) is { } again) throw ErrorRows.V5.Refuse(again.Message);
                // A call whose deadline has passed is not admitted: an expired call must append nothing.
                ct.ThrowIfCancellationRequested();
                bool reserved = _reservedVoters.Add(credential);
                _inflight++;
                return (new LogRecord { Ballot = ballot }, () =>
                {
                    if (reserved) _reservedVoters.Remove(credential);
                    if (--_inflight == 0 && _drained is { } d) d.TrySetResult();
                });
            }, ct);
    }

    /// <summary>
    /// How a member's call is admitted. Under the lock, a repeat of a recorded or in-flight body joins it; otherwise the
    /// checks that come before the signature in errors.md's order. Then the signature, with no lock held (it is most of
    /// the checking and needs no state), so calls verify on every core. Then under the lock again, since anything may
    /// have arrived meanwhile: the repeat check once more, the remaining checks and the reservation, and the append.
    /// </summary>
    private async Task<AppendResult> Admit(string bodyHash, Action before, Func<RefusalException?> signature,
        Func<(LogRecord Body, Action Release)> after, CancellationToken ct)
    {
        Task<AppendResult>? repeat;
        lock (_gate)
        {
            repeat = Admitted(bodyHash);
            if (repeat is null) before();
        }
        if (repeat is not null) return await repeat.WaitAsync(ct).ConfigureAwait(false);
        if (signature() is { } refused) throw refused;
        if (AfterSignatureCheck is { } pause) await pause().ConfigureAwait(false);
        Task<AppendResult> task;
        lock (_gate)
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
        if (State.BodyIndex.TryGetValue(bodyHash, out var done)) return Task.FromResult(Existing(done));
        return _pending.TryGetValue(bodyHash, out var inflight) ? inflight : null;
    }

    private void RequireVoting()
    {
        if (PhaseRules.WindowProblem(State.OpenIndex is not null, State.CloseIndex is not null || _closing) is { } outside) throw ErrorRows.V1.Refuse(outside.Message);
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
                lock (_gate)
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
    private AppendResult Existing(ulong index)
    {
        var record = Store.ReadRecord(index);
        var note = Store.LatestCheckpoint;
        ulong size = Checkpoint.ParseText(SignedNote.Parse(note).Text).Size;
        if (index >= size)
            throw ErrorRows.V11.Refuse($"recorded at index {index}, but the witnesses have not cosigned a checkpoint that covers it yet{Because(Store.PublicationProblem)}; try again");
        return new AppendResult(index, record, Chain.LeafHash(record), note, size, Store.InclusionProofAt(index, size));
    }

    /// <summary>A receipt for any record, against the latest checkpoint.</summary>
    public AppendResult Receipt(ReadOnlySpan<byte> leafHash)
    {
        ulong index;
        lock (_gate)
        {
            if (!State.LeafIndex.TryGetValue(Key.Of(leafHash), out index))
                throw ErrorRows.V10.Refuse("no record with that leaf hash in this election's log");
        }
        return Existing(index);
    }

    /// <summary>Records after Open stay unpublished until Close: ballots in clear would leak interim results.</summary>
    public ulong PublishableEnd()
    {
        lock (_gate)
        {
            if (State.CloseIndex is not null || State.OpenIndex is null) return Store.Size;
            return State.OpenIndex.Value + 1;
        }
    }

    public ValueTask DisposeAsync()
    {
        _acts.Dispose();
        return Store.DisposeAsync();
    }
}
