using System.Security.Cryptography;
using Google.Protobuf;
using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.Crypto;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Core.Sealed;
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
    /// <summary>The α of sealed ballots admitted but not yet applied: two racing casts of one ciphertext cannot both pass.</summary>
    private readonly HashSet<string> _reservedAlphas = new(StringComparer.Ordinal);
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
            {
                var record = Canonical.Parse(bytes);
                host.State.Apply(record, i++, Chain.LeafHash(bytes), record.SequencedAtMs);
            }
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
                if (RollRules.OfferedProblem(req.Entries, req.StyledEntries, c, State.Definition) is { } offered) throw ErrorRows.O6.Refuse(offered.Message);
                ct.ThrowIfCancellationRequested();
            }
            // Chunks, then the commitment: one append each, all queued at once so they share batches.
            var appends = new List<(LogRecord Body, Task<AppendResult> Stored)>();
            var chunks = SplitRoll.IsStyled(State.Definition) ? SplitRoll.Chunks(State.ElectionId, req.StyledEntries) : RollMath.Chunks(State.ElectionId, req.Entries);
            foreach (var rc in chunks)
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
        if (IssuerRules.OpenProblem(State.Definition, State.AttestationIndex is not null) is { } unattested)
            throw ErrorRows.O17.Refuse($"{unattested.Message}: the issuer runs scrutineer issuer attest once the roll is committed");
        if (State.Trustees.OpenProblem() is { } keyless)
            throw ErrorRows.O22.Refuse($"{keyless.Message}: each trustee runs scrutineer trustee commit, then scrutineer trustee confirm");
        return new LogRecord { Open = open };
    }, ct);

    /// <summary>
    /// A trustee's commitment (sealed.md §3.2), signed by the trustee. Checked under the lock like the issuer's acts:
    /// n of them per election, before Open. A repeat of the one recorded is answered with its record.
    /// </summary>
    public Task<AppendResult> TrusteeCommitAsync(TrusteeCommitment c, CancellationToken ct) => IssuerAct(ElectionState.BodyHash(c), () =>
    {
        TrusteeAddress(c.ElectionId, c.Trustee, "trustee commitment");
        if (State.Trustees.CommitmentPhaseProblem(c, State.OpenIndex is not null) is { } phase) throw ErrorRows.K1.Refuse($"{phase.Message} (the election is {State.Phase})");
        if (State.Trustees.CommitmentContentProblem(c) is { } content) throw ErrorRows.K2.Refuse(content.Message);
        if (TrusteeRules.SignatureProblem(c, State.Definition) is { } unsigned) throw ErrorRows.K3.Refuse(unsigned.Message);
        return new LogRecord { TrusteeCommitment = c };
    }, ct);

    /// <summary>A trustee's confirmation of the election key (sealed.md §3.2), once every trustee has committed.</summary>
    public Task<AppendResult> TrusteeConfirmAsync(TrusteeConfirmation c, CancellationToken ct) => IssuerAct(ElectionState.BodyHash(c), () =>
    {
        TrusteeAddress(c.ElectionId, c.Trustee, "trustee confirmation");
        if (State.Trustees.ConfirmationPhaseProblem(c, State.OpenIndex is not null) is { } phase) throw ErrorRows.K1.Refuse($"{phase.Message} (the election is {State.Phase})");
        if (State.Trustees.ConfirmationContentProblem(c) is { } content) throw ErrorRows.K2.Refuse(content.Message);
        if (TrusteeRules.SignatureProblem(c, State.Definition) is { } unsigned) throw ErrorRows.K3.Refuse(unsigned.Message);
        return new LogRecord { TrusteeConfirmation = c };
    }, ct);

    /// <summary>A plain election takes no trustee records (K1); a sealed one only records naming it and one of its trustees (K2).</summary>
    private void TrusteeAddress(string electionId, uint trustee, string what)
    {
        if (TrusteeRules.AddressProblem(electionId, trustee, State.Definition, what) is { } bad)
            throw (TrusteeRules.IsSealed(State.Definition) ? ErrorRows.K2 : ErrorRows.K1).Refuse(bad.Message);
    }

    /// <summary>
    /// The independent issuer's attestation (log.md §7.2), signed by the issuer, not an organiser. A repeat of the one
    /// recorded is answered with its record (Admission's repeat rule), so an issuer whose answer was lost can retry.
    /// </summary>
    public Task<AppendResult> AttestRollAsync(RollAttestation a, CancellationToken ct) => IssuerAct(ElectionState.BodyHash(a), () =>
    {
        if (IssuerRules.AttestationPhaseProblem(State.Definition, State.Phase >= Phase.RollCommitted, State.OpenIndex is not null, State.AttestationIndex is not null) is { } phase)
            throw ErrorRows.O18.Refuse($"{phase.Message} (the election is {State.Phase})");
        if (IssuerRules.AttestationContentProblem(a, State.Definition, State.SealedRoll()) is { } content) throw ErrorRows.O19.Refuse(content.Message);
        if (IssuerRules.AttestationSignatureProblem(a, State.Definition) is { } unsigned) throw ErrorRows.O20.Refuse(unsigned.Message);
        return new LogRecord { RollAttestation = a };
    }, ct);

    /// <summary>The issuer's roll audit findings (log.md §7.4), over the sample its attested seed draws.</summary>
    public Task<AppendResult> RecordRollAuditAsync(RollAudit audit, CancellationToken ct) => IssuerAct(ElectionState.BodyHash(audit), () =>
    {
        if (IssuerRules.AuditPhaseProblem(State.Definition, State.AttestationIndex is not null, State.Phase == Phase.Declared, State.RollAuditIndex is not null) is { } phase)
            throw ErrorRows.O18.Refuse($"{phase.Message} (the election is {State.Phase})");
        var a = State.Attestation!;
        var sample = SplitRoll.AuditSample(a.RollAuditSeed.Span, a.RollDigest.Span, a.EntryCount, State.Definition.RollAuditSample);
        if (IssuerRules.AuditContentProblem(audit, State.Definition, sample) is { } content) throw ErrorRows.O19.Refuse(content.Message);
        if (IssuerRules.AuditSignatureProblem(audit, State.Definition) is { } unsigned) throw ErrorRows.O20.Refuse(unsigned.Message);
        return new LogRecord { RollAudit = audit };
    }, ct);

    /// <summary>
    /// A member's dispute (log.md §10.1): after Close, inside the window, both halves signed. The server stops taking
    /// disputes DisputeMarginMs before the window ends, since the record's time is the sequencer's, a little later
    /// than this check. An identical repeat is answered with the record (signatures are deterministic, so any valid
    /// dispute of an entry is the same bytes).
    /// </summary>
    public Task<AppendResult> DisputeAsync(Dispute dispute, CancellationToken ct) => IssuerAct(ElectionState.BodyHash(dispute), () =>
    {
        ulong now = (ulong)Math.Max(0, Clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (DisputeRules.PhaseProblem(State.Definition, State.ClosedAtMs, State.Phase == Phase.Declared, now + DisputeMarginMs) is { } phase)
            throw ErrorRows.V15.Refuse(phase.Message);
        bool enrolled = State.CredentialOf(dispute.RollIndex) is not null;
        if (DisputeRules.EntryProblem(dispute, State.Definition, State.RollEntries.Count, enrolled, State.Disputes.ContainsKey(dispute.RollIndex)) is { } entry)
            throw ErrorRows.V16.Refuse(entry.Message);
        if (DisputeRules.SignatureProblem(dispute, State.RollEntries[(int)dispute.RollIndex]) is { } unsigned)
            throw ErrorRows.V17.Refuse($"{unsigned.Message}: a dispute needs both of the member's codes");
        return new LogRecord { Dispute = dispute };
    }, ct);

    private ulong? _closePublishedAtMs;

    /// <summary>
    /// When a checkpoint covering Close was first seen published (cosigned by the quorum): at Close's append when it
    /// published, else the first time it is asked and one is (after a restart, from then: later, never earlier).
    /// Called under the lock; `now` when it is first seen.
    /// </summary>
    private ulong ClosePublishedAtMs(ulong now)
    {
        if (_closePublishedAtMs is { } seen) return seen;
        if (State.CloseIndex is not { } close) return 0;
        ulong published = Checkpoint.ParseText(SignedNote.Parse(Store.LatestCheckpoint).Text).Size;
        if (published <= close) return ulong.MaxValue; // not yet cosigned: the window has not begun for the witnesses
        _closePublishedAtMs = now;
        return now;
    }

    /// <summary>How long before the dispute window's end the server stops taking disputes (see DisputeAsync).</summary>
    public const ulong DisputeMarginMs = 10_000;

    /// <summary>An act signed by someone other than the organisers: appended one at a time with theirs; a repeat of a recorded body gets its record.</summary>
    private async Task<AppendResult> IssuerAct(string bodyHash, Func<LogRecord> check, CancellationToken ct)
    {
        await _acts.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            LogRecord body;
            lock (_admission.Gate)
            {
                if (State.BodyIndex.TryGetValue(bodyHash, out var recorded)) return _admission.Existing(recorded);
                body = check();
            }
            ct.ThrowIfCancellationRequested();
            return await _admission.Append(body, bodyHash).ConfigureAwait(false);
        }
        finally { _acts.Release(); }
    }

    /// <summary>
    /// Participation (log.md §10.2): for one roll entry, asked with a signature by its office half, its
    /// enrollment with a receipt, its credential's ballots (index and time) and any dispute. Before Close the ballots
    /// are the server's word; the enrollment's receipt is provable at once.
    /// </summary>
    public GetParticipationResponse Participation(GetParticipationRequest req)
    {
        RollEntry? entry;
        lock (_admission.Gate) entry = req.RollIndex < (ulong)State.RollEntries.Count ? State.RollEntries[(int)req.RollIndex] : null;
        // Verified outside the lock, as casts are: anyone may send these. The office half only: the issuer holds every
        // issuer code and the member list, and must not learn during voting who has voted.
        if (entry is null || !req.SignedByOfficeHalf(entry))
            throw ErrorRows.V14.Refuse($"the request is not signed by the office half of roll entry {req.RollIndex}: ask with your own office code");
        long now = Clock.GetUtcNow().ToUnixTimeSeconds();
        if (req.IssuedAtUnix < now - 300 || req.IssuedAtUnix > now + 300) throw ErrorRows.V14.Refuse($"the request was issued at {req.IssuedAtUnix}, more than 300 s from the server's clock ({now})");
        var response = new GetParticipationResponse();
        ulong? enrollmentIndex;
        lock (_admission.Gate)
        {
            response.Phase = State.Phase;
            response.StyleId = State.Definition.BallotStyles.Count > 0 ? StyleRules.StyleName(State.Definition, entry.Style) : "";
            enrollmentIndex = State.EnrollmentRecord.TryGetValue(req.RollIndex, out var e) ? e : null;
            if (State.CredentialOf(req.RollIndex) is { } credential && State.BallotsBy.TryGetValue(credential, out var cast))
                foreach (var (index, at) in cast) { response.BallotIndexes.Add(index); response.BallotTimesMs.Add(at); }
            if (State.Disputes.TryGetValue(req.RollIndex, out var disputed)) response.DisputeIndex = disputed;
            if (State.ClosedAtMs is { } closed && State.Definition.DisputeWindowSeconds > 0) response.DisputeWindowEndsMs = DisputeRules.WindowEndMs(State.Definition, closed);
        }
        if (enrollmentIndex is { } at2)
        {
            var r = _admission.Existing(at2);
            response.Enrollment = new AppendResponse { Index = r.Index, Record = ByteString.CopyFrom(r.Record), Receipt = r.ToReceipt().Format() };
        }
        return response;
    }

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
                var closed = await _admission.Append(new LogRecord { Close = close }).ConfigureAwait(false);
                lock (_admission.Gate) _closePublishedAtMs ??= (ulong)Math.Max(0, Clock.GetUtcNow().ToUnixTimeMilliseconds());
                return closed;
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
        if (TrusteeRules.IsSealed(State.Definition))
            throw ErrorRows.O23.Refuse("the ballots are sealed: they are counted from their decryption after the trustees' shuffles, which this server does not take yet");
        if (LotRules.DeclarationProblem(State.Definition, State.LotReveals.Keys) is { } unrevealed) throw ErrorRows.O16.Refuse(unrevealed.Message);
        if (IssuerRules.DeclarationProblem(State.Definition, State.RollAuditIndex is not null) is { } unaudited)
            throw ErrorRows.O21.Refuse($"{unaudited.Message}: the issuer records it with scrutineer issuer audit");
        // The window runs from when the witnesses first saw Close (dispute.valid compares their times), not only from
        // Close's own time: if Close's checkpoint missed the quorum, from the first published checkpoint covering it.
        ulong now = (ulong)Math.Max(0, Clock.GetUtcNow().ToUnixTimeMilliseconds());
        ulong margin = Math.Min(now, DisputeRules.DeclarationMarginMs);
        ulong from = Math.Max(State.ClosedAtMs ?? 0, ClosePublishedAtMs(now));
        if (DisputeRules.DeclarationProblem(State.Definition, from, now - margin) is { } early) throw ErrorRows.O21.Refuse($"{early.Message}; the result is taken {DisputeRules.DeclarationMarginMs / 1000} s after it ends, counted from when the witnesses cosigned Close");
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
            if (req.IssuedAtUnix < now - 300 || req.IssuedAtUnix > now + 300) throw ErrorRows.O12.Refuse($"the request was issued at {req.IssuedAtUnix}, more than 300 s from the server's clock ({now})");
            return new GetStatusResponse
            {
                Phase = State.Phase,
                RollSize = (ulong)State.RollEntries.Count,
                Enrolled = (ulong)State.EnrolledCredentials.Count,
                Ballots = State.Ballots,
                Voters = (ulong)State.Voters,
                LogSize = Store.Size,
            };
        }
    }

    public Task<AppendResult> EnrollAsync(Enrollment en, CancellationToken ct)
    {
        string credential = Key.Of(en.CredentialKey.Span);
        RollEntry rollEntry = new();
        return _admission.Admit(ElectionState.BodyHash(en),
            before: () =>
            {
                RequireEnrolling();
                if (PhaseRules.EnrollmentEntryProblem(en.RollIndex, State.RollEntries.Count) is { } entry) throw ErrorRows.V7.Refuse(entry.Message);
                if (en.CredentialKey.Length != Ed25519.PublicKeySize) throw ErrorRows.V7.Refuse("the credential key must be 32 bytes");
                rollEntry = State.RollEntries[(int)en.RollIndex]; // the roll cannot change once committed
            },
            signature: () =>
                VoterSigning.CheckEnrollment(en, rollEntry.Key.Span) is { } bad ? ErrorRows.V8.Refuse(bad)
                : IssuerRules.EnrollmentProblem(en, State.Definition, rollEntry) is { } half ? ErrorRows.V12.Refuse(half.Message)
                : null,
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
                _inflight++; // Close waits for it, as for a cast: nothing admitted lands after Close
                return (new LogRecord { Enrollment = en }, () =>
                {
                    _reservedRollIndexes.Remove(en.RollIndex);
                    _reservedCredentials.Remove(credential);
                    if (--_inflight == 0 && _drained is { } d) d.TrySetResult();
                });
            }, ct);
    }

    private void RequireEnrolling()
    {
        if (PhaseRules.EnrollmentPhaseProblem(State.Definition.RollKind, State.Phase >= Phase.RollCommitted, State.CloseIndex is not null || _closing) is { } bad)
            throw ErrorRows.V6.Refuse(State.Definition.RollKind == RollKind.EnrollmentKeys ? $"{bad.Message} (it is {State.Phase})" : bad.Message);
    }

    public Task<AppendResult> CastAsync(Ballot ballot, CancellationToken ct)
    {
        string credential = Key.Of(ballot.CredentialKey.Span);
        bool isSealed = ballot.ContentCase == Ballot.ContentOneofCase.Sealed;
        Voting.Core.Group.Point electionKey = default;
        string[] alphas = [];
        return _admission.Admit(ElectionState.BodyHash(ballot),
            before: () =>
            {
                RequireVoting();
                if (BallotRules.Check(ballot, State.Definition, checkSignature: false) is { } form)
                    throw (form.Check == "ballot.election-id" ? ErrorRows.V3 : ErrorRows.V2).Refuse(form.Message);
                if (isSealed) electionKey = State.Trustees.ElectionKey!.Value; // Open needed it (O22), and the form check needs a sealed election
            },
            // Outside the lock: the signature, and a sealed ballot's proofs (one verification per ciphertext, sealed.md §2.3).
            signature: () =>
                !VoterSigning.BallotSignatureValid(ballot) ? ErrorRows.V3.Refuse("the ballot's signature does not verify against its credential key")
                : isSealed && SealedBallots.ProofProblem(ballot.Sealed, State.Definition, electionKey, ballot.CredentialKey.Memory) is { } proof ? ErrorRows.V2.Refuse(proof.Message)
                : null,
            after: () =>
            {
                RequireVoting();
                var entry = State.RollEntryOf(credential);
                if (PhaseRules.EligibilityProblem(State.Definition.RollKind, entry is not null) is { } offRoll) throw ErrorRows.V4.Refuse(offRoll.Message);
                uint style = State.RollEntries[entry!.Value].Style;
                if (isSealed)
                {
                    if (SealedBallots.StyleProblem(ballot.Sealed, State.Definition, State.StyleContests[style]) is { } shape)
                        throw (shape.Check == StyleRules.Check ? ErrorRows.V13 : ErrorRows.V2).Refuse(shape.Message);
                    alphas = [.. SealedBallots.AlphaKeys(ballot.Sealed)];
                    if (State.Alphas.RepeatProblem(ballot.Sealed, _reservedAlphas) is { } repeated) throw ErrorRows.V2.Refuse(repeated.Message);
                }
                else if (StyleRules.BallotProblem(ballot.Plain, State.Definition, State.StyleContests[style], style) is { } outside) throw ErrorRows.V13.Refuse(outside.Message);
                bool voted = State.Voted(credential) || _reservedVoters.Contains(credential);
                if (PhaseRules.RevoteProblem(State.Definition.RevotePolicy, voted) is { } again) throw ErrorRows.V5.Refuse(again.Message);
                // A call whose deadline has passed is not admitted: an expired call must append nothing.
                ct.ThrowIfCancellationRequested();
                bool reserved = _reservedVoters.Add(credential);
                foreach (var a in alphas) _reservedAlphas.Add(a);
                _inflight++;
                return (new LogRecord { Ballot = ballot }, () =>
                {
                    if (reserved) _reservedVoters.Remove(credential);
                    foreach (var a in alphas) _reservedAlphas.Remove(a);
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

    /// <summary>
    /// Records after Open stay unpublished until Close — ballots in clear would leak interim results — and, where the
    /// definition sets a dispute window, until that window has ended: a member who could read the tally could withdraw
    /// their vote by disputing it, knowing what that does (log.md §10.1).
    /// </summary>
    public ulong PublishableEnd()
    {
        lock (_admission.Gate) return Publishable();
    }

    private ulong Publishable() =>
        State.OpenIndex is null || (State.CloseIndex is not null && !InDisputeWindow()) ? Store.Size : State.OpenIndex.Value + 1;

    private bool InDisputeWindow() =>
        State.Definition.DisputeWindowSeconds > 0 && State.ClosedAtMs is { } closed
        && (ulong)Math.Max(0, Clock.GetUtcNow().ToUnixTimeMilliseconds()) <= DisputeRules.WindowEndMs(State.Definition, closed);

    public ValueTask DisposeAsync()
    {
        _acts.Dispose();
        return Store.DisposeAsync();
    }
}
