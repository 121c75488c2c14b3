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
/// One election: its log, its state, and what each request must pass — the shared rules (PhaseRules, RollRules,
/// BallotRules, the organiser threshold) mapped to docs/spec/errors.md's rows, and the reservations that keep racing
/// calls from both passing. How a request is admitted (the lock, repeats, the signature check outside the lock, the
/// append) is Admission's. Close waits for every cast already admitted, so no ballot can land after the Close record.
/// </summary>
internal sealed class ElectionHost : IAsyncDisposable
{
    private readonly Admission _admission;
    private readonly HashSet<string> _reservedVoters = new(StringComparer.Ordinal);
    private readonly HashSet<ulong> _reservedRollIndexes = [];
    private readonly HashSet<string> _reservedCredentials = new(StringComparer.Ordinal);
    private int _inflight;
    private bool _closing;
    private TaskCompletionSource? _drained;
    private readonly SemaphoreSlim _acts = new(1, 1);

    /// <summary>For tests of racing calls only (Admission.AfterSignatureCheck).</summary>
    internal Func<Task>? AfterSignatureCheck { get => _admission.AfterSignatureCheck; set => _admission.AfterSignatureCheck = value; }

    public LogStore Store { get; }
    public ElectionState State { get; } = new();
    public TimeProvider Clock { get; }

    private ElectionHost(LogStore store, TimeProvider clock)
    {
        Store = store;
        Clock = clock;
        _admission = new Admission(store, State);
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
    /// A new election log whose first record is the definition (already checked by the registry). Once the definition
    /// is durable the election exists, published or not (V11), and the host is registered; if it is not durable the
    /// log is closed unregistered and the call fails, so the registry can remove what holds no record.
    /// </summary>
    public static async Task<AppendResult> CreateAsync(string path, NoteSigner logKey, LogStoreOptions options, ElectionDefinition definition, Action<ElectionHost> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var host = new ElectionHost(LogStore.Open(path, logKey, options), options.Clock);
        try
        {
            var created = await host._admission.Append(new LogRecord { Election = definition }).ConfigureAwait(false);
            register(host);
            return created;
        }
        catch (RefusalException e) when (e.Row == ErrorRows.V11)
        {
            register(host);
            throw;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <param name="threshold">Instead of the definition's threshold: GetStatus only reads, so any one organiser may ask.</param>
    private void RequireOrganisers(IOrganiserAct act, uint? threshold = null)
    {
        if (act.Signatures.Count == 0) throw ErrorRows.O4.Refuse("the request carries no organiser signature");
        if (OrganiserSigning.Check(act, State.Definition, threshold) is { } problem) throw ErrorRows.O4.Refuse(problem);
    }

    /// <summary>Organiser acts are appended one at a time, in the order they pass their checks.</summary>
    private async Task<AppendResult> Act(Func<LogRecord> check, CancellationToken ct)
    {
        await _acts.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            LogRecord body;
            lock (_admission.Gate) body = check();
            ct.ThrowIfCancellationRequested();
            return await _admission.Append(body).ConfigureAwait(false);
        }
        finally { _acts.Release(); }
    }

    public async Task<AppendResult> CommitRollAsync(CommitRollRequest req, CancellationToken ct)
    {
        var c = req.Commitment ?? throw ErrorRows.G2.Refuse("commitment is missing");
        await _acts.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            lock (_admission.Gate)
            {
                RequireOrganisers(c);
                if (RollRules.CommitmentPhaseProblem(State.Phase != Phase.Defined, State.OpenIndex is not null) is { } phase)
                    throw ErrorRows.O5.Refuse($"{phase.Message}: the roll can be committed only once, before Open (the election is {State.Phase})");
                if (RollRules.OfferedRollProblem(req.Entries, c) is { } offered) throw ErrorRows.O6.Refuse(offered.Message);
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
                try { _admission.Applied(await stored.ConfigureAwait(false), body, null); }
                catch (CheckpointNotPublishedException e) when (e.Result is { } r) { _admission.Applied(r, body, null); }
            }
            return await _admission.Append(new LogRecord { RollCommitment = c }).ConfigureAwait(false);
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
            lock (_admission.Gate)
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
                return await _admission.Append(new LogRecord { Close = close }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not RefusalException)
            {
                lock (_admission.Gate) _closing = false; // Close was not recorded: voting goes on
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
        if (LotRules.DeclarationProblem(State.Definition, State.LotReveals.Keys) is { } unrevealed) throw ErrorRows.O16.Refuse(unrevealed.Message);
        return new LogRecord { Declaration = d };
    }, ct);

    /// <summary>
    /// A lot contributor's seed, after Close (log.md §7.1). Unsigned: the seed opens its commitment. A reveal already
    /// recorded is answered with its record, so a contributor whose answer was lost can simply retry.
    /// </summary>
    public async Task<AppendResult> RevealLotAsync(LotReveal reveal, CancellationToken ct)
    {
        await _acts.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ulong? recorded = null;
            lock (_admission.Gate)
            {
                if (reveal.ElectionId != State.ElectionId) throw ErrorRows.O15.Refuse($"the reveal names election \"{ErrorRows.Shown(reveal.ElectionId)}\", not {State.ElectionId}");
                bool closed = State.CloseIndex is not null, declared = State.Phase == Phase.Declared;
                bool revealed = State.LotReveals.TryGetValue(reveal.ContributorIndex, out var at);
                // A repeat that opens the same commitment is answered with its record, even after the Declaration.
                if (revealed && LotRules.RevealProblem(reveal, State.Definition, closed: true, declared: false, alreadyRevealed: false) is null) recorded = at;
                else if (LotRules.RevealProblem(reveal, State.Definition, closed, declared, revealed) is { } problem)
                    throw (!closed || declared ? ErrorRows.O14 : ErrorRows.O15).Refuse(problem.Message);
                ct.ThrowIfCancellationRequested();
            }
            return recorded is { } index ? _admission.Existing(index) : await _admission.Append(new LogRecord { LotReveal = reveal }).ConfigureAwait(false);
        }
        finally { _acts.Release(); }
    }

    public GetStatusResponse Status(GetStatusRequest req)
    {
        lock (_admission.Gate)
        {
            RequireOrganisers(req, threshold: 1);
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
        return _admission.Admit(ElectionState.BodyHash(en),
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
        return _admission.Admit(ElectionState.BodyHash(ballot),
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

    private void RequireVoting()
    {
        if (PhaseRules.WindowProblem(State.OpenIndex is not null, State.CloseIndex is not null || _closing) is { } outside) throw ErrorRows.V1.Refuse(outside.Message);
        if (PhaseRules.ScheduleProblem(State.Definition.Schedule, Clock.GetUtcNow().ToUnixTimeSeconds()) is { } offSchedule) throw ErrorRows.V1.Refuse(offSchedule.Message);
    }

    /// <summary>
    /// A receipt for any record, against the latest checkpoint. A record not yet publishable comes without its bytes:
    /// anyone can ask by leaf hash (the hash tiles list every one), and a ballot's bytes are its content in clear — the
    /// member who cast it holds them already, from Cast.
    /// </summary>
    public AppendResult Receipt(ReadOnlySpan<byte> leafHash)
    {
        ulong index;
        bool withheld;
        lock (_admission.Gate)
        {
            if (!State.LeafIndex.TryGetValue(Key.Of(leafHash), out index))
                throw ErrorRows.V10.Refuse("no record with that leaf hash in this election's log");
            withheld = index >= Publishable();
        }
        var receipt = _admission.Existing(index);
        return withheld ? receipt with { Record = [] } : receipt;
    }

    /// <summary>Records after Open stay unpublished until Close: ballots in clear would leak interim results.</summary>
    public ulong PublishableEnd()
    {
        lock (_admission.Gate) return Publishable();
    }

    private ulong Publishable() =>
        State.CloseIndex is not null || State.OpenIndex is null ? Store.Size : State.OpenIndex.Value + 1;

    public ValueTask DisposeAsync()
    {
        _acts.Dispose();
        return Store.DisposeAsync();
    }
}
