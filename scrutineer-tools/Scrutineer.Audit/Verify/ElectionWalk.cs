using System.Security.Cryptography;
using Voting.Core.Ballots;
using Voting.Core.Records;
using Voting.Core.Sealed;

namespace Scrutineer.Verify;

/// <summary>
/// Checks 9–25 and 29–35 of audit.md: one pass over the records in log order (Visit, then Finish), keeping only what the
/// election rules need — the roll, the enrolled credentials, and each voter's counted choices interned per contest —
/// so memory grows with the roll and the distinct rankings, not with the number of ballots.
/// </summary>
internal sealed class ElectionWalk(Func<string, CheckResult> check, Policy? policy = null)
{
    public ElectionDefinition? Definition { get; private set; }
    public ulong? OpenIndex { get; private set; }
    public ulong? CloseIndex { get; private set; }
    public byte[]? Seed { get; private set; }
    public (ulong Index, Declaration Declaration)? Declaration { get; private set; }

    /// <summary>The revealed lot contributions by contributor index (log.md §7.1): only those that opened their commitment.</summary>
    private readonly Dictionary<uint, byte[]> _contributions = [];

    /// <summary>Every contribution in the definition's order, or null with what is missing (the lots need all of them, counting.md §7).</summary>
    public (IReadOnlyList<byte[]>? Seeds, string? Missing) Contributions =>
        LotRules.DeclarationProblem(Definition!, _contributions.Keys) is { } missing
            ? (null, missing.Message)
            : ([.. Enumerable.Range(0, Definition!.LotContributors.Count).Select(i => _contributions[(uint)i])], null);

    private readonly RollEntries _roll = new();
    private readonly Dictionary<Key32, int> _rollIndex = [];
    /// <summary>A split roll's issuer halves → their entry: no key may serve two entries, in either half (log.md §7.2).</summary>
    private readonly Dictionary<Key32, int> _issuerIndex = [];
    private bool _styled;
    private bool[][] _styleContests = [];
    private RollAttestation? _attestation;
    private bool _audited;
    private ulong? _closedAtMs;
    /// <summary>Disputed roll entries (log.md §10.1): their ballots are set aside.</summary>
    private readonly HashSet<ulong> _disputed = [];
    /// <summary>The trustees' key generation (sealed.md §3.2), made with the definition.</summary>
    private TrusteeKeys? _trustees;

    /// <summary>The trustees' election key, once every trustee has confirmed it; null on a plain election.</summary>
    public Voting.Core.Group.Point? ElectionKey => _trustees?.ElectionKey;

    /// <summary>The election key for workers checking ballot proofs in parallel: set once, whole, by the ordered thread.</summary>
    public Voting.Core.Group.Point? PublishedElectionKey => Volatile.Read(ref _publishedKey)?.Value;
    private System.Runtime.CompilerServices.StrongBox<Voting.Core.Group.Point>? _publishedKey;

    /// <summary>A sealed election's α of every admitted sealed part → its record (sealed.md §6: a ciphertext may be cast once).</summary>
    private readonly AlphaRegister _alphas = new();
    /// <summary>A sealed election's counted ballot per voter (the last or first, by the revote policy): what goes into the mix.</summary>
    private readonly Dictionary<int, ulong> _sealedCounted = [];

    /// <summary>Whether the ballots are sealed: counted only once mixed and decrypted.</summary>
    public bool IsSealed => Definition is not null && TrusteeRules.IsSealed(Definition);

    /// <summary>The independent issuer's attestation, once recorded and valid: the per-style counts the report shows.</summary>
    public RollAttestation? Attestation => _attestation;
    /// <summary>Valid disputes, in log order: the record index and the roll entry.</summary>
    public List<(ulong At, ulong RollIndex)> Disputes { get; } = [];
    /// <summary>The roll audit's findings, once recorded and valid.</summary>
    public RollAudit? RollAudit { get; private set; }
    /// <summary>sequenced_at_ms of every accepted enrollment, and of every voter's first counted ballot, in log order (the report's timeline).</summary>
    public List<ulong> EnrollmentTimes { get; } = [];
    public List<ulong> FirstCastTimes { get; } = [];
    public ulong? ClosedAtMs => _closedAtMs;
    /// <summary>Record 0's leaf hash, set by the reader before record 0 is visited: the issuer's attestation binds it.</summary>
    public byte[] DefinitionLeafHash { get; set; } = [];
    private bool _rollCommitted;
    /// <summary>The roll's size when it was sealed: entries added after the commitment (a failed check) never make anyone eligible.</summary>
    private int _sealedRoll;
    private uint _nextChunk;
    private readonly HashSet<ulong> _enrolledEntries = [];
    /// <summary>Enrolled credential → the roll entry it was bound to.</summary>
    private readonly Dictionary<Key32, int> _enrolledCredentials = [];
    /// <summary>Made at the first counted ballot, when the roll is sealed (ballots before Open are never counted).</summary>
    private CountedChoices? _counted;

    public int RollSize => _roll.Count;

    /// <summary>
    /// The roll as its first commitment sealed it, for enrollment signatures checked in parallel; null before the
    /// commitment. Set once, whole, by the ordered thread; workers may read it at any time.
    /// </summary>
    public RollEntries? CommittedRoll => Volatile.Read(ref _committedRoll);
    private RollEntries? _committedRoll;

    /// <summary>How many voters have a counted ballot (one each: first or last by the revote policy).</summary>
    public int CountedVoters => IsSealed ? _sealedCounted.Count - _disputed.Count(e => e <= int.MaxValue && _sealedCounted.ContainsKey((int)e))
        : _counted is null ? 0 : _counted.Count - _disputed.Count(e => e <= int.MaxValue && _counted.Has((int)e));

    /// <summary>Contest i's counted ballots as a counting profile, in log order of each voter's first vote (counting.md §8.2).</summary>
    /// <remarks>Only voters whose ballot style includes the contest (log.md §7.3), and none whose entry was disputed (§10.1).</remarks>
    public Voting.Counting.Profile CountedProfile(int contest) =>
        (_counted ?? new CountedChoices(0)).ProfileOf(contest, Definition!.Contests[contest].Candidates.Count,
            voter => !_disputed.Contains((ulong)voter) && _styleContests[Math.Min(_roll.Style(voter), (uint)_styleContests.Length - 1)][contest]);

    public void Visit(ulong at, LogRecord r, BallotVerdict ballot, EnrollmentVerdict enrollment)
    {
        if (at == 0)
        {
            if (r.BodyCase == LogRecord.BodyOneofCase.Election) { Definition = r.Election; check("election.first").Ok(); Definition_(at); }
            else check("election.first").Fail(0, $"record 0 is {r.BodyCase}, not the election definition");
            return;
        }
        if (Definition is null) return;
        if (CloseIndex is not null && r.BodyCase is not (LogRecord.BodyOneofCase.Declaration or LogRecord.BodyOneofCase.LotReveal or LogRecord.BodyOneofCase.Dispute or LogRecord.BodyOneofCase.RollAudit))
            check("after-close.permitted").Fail(at, $"a {r.BodyCase} record after Close");
        switch (r.BodyCase)
        {
            case LogRecord.BodyOneofCase.Election: check("election.first").Fail(at, "a second election definition"); break;
            case LogRecord.BodyOneofCase.RollChunk: Chunk(at, r.RollChunk); break;
            case LogRecord.BodyOneofCase.RollCommitment: Commitment(at, r.RollCommitment); break;
            case LogRecord.BodyOneofCase.RollAttestation: Attest(at, r.RollAttestation); break;
            case LogRecord.BodyOneofCase.RollAudit: Audit(at, r.RollAudit); break;
            case LogRecord.BodyOneofCase.TrusteeCommitment: TrusteeCommit(at, r.TrusteeCommitment); break;
            case LogRecord.BodyOneofCase.TrusteeConfirmation: TrusteeConfirm(at, r.TrusteeConfirmation); break;
            case LogRecord.BodyOneofCase.Enrollment: Enroll(at, r.Enrollment, enrollment, r.SequencedAtMs); break;
            case LogRecord.BodyOneofCase.Open: OpenAct(at, r.Open); break;
            case LogRecord.BodyOneofCase.Ballot: Cast(at, r.Ballot, ballot, r.SequencedAtMs); break;
            case LogRecord.BodyOneofCase.Close: CloseAct(at, r.Close, r.SequencedAtMs); break;
            case LogRecord.BodyOneofCase.Dispute: DisputeAct(at, r.Dispute, r.SequencedAtMs); break;
            case LogRecord.BodyOneofCase.Declaration: Declare(at, r.Declaration, r.SequencedAtMs); break;
            case LogRecord.BodyOneofCase.LotReveal: Reveal(at, r.LotReveal); break;
        }
    }

    private static readonly string[] RanOverEveryRecord = ["after-close.permitted", "enrollment.distinct-entry", "enrollment.signature", "ballot.election-id", "ballot.form", "ballot.content", "ballot.signature", "ballot.on-roll", "ballot.in-window", "ballot.revote", "roll.distinct", LotRules.Check, IssuerRules.BothHalves, StyleRules.Check, DisputeRules.Check];

    public void Finish()
    {
        if (Definition is null) return;
        if (!_rollCommitted) check("roll.committed-before-open").Fail(null, "the roll was never committed");
        if (OpenIndex is null) check("open.once").Fail(null, "the election was never opened");
        if (CloseIndex is null) check("close.once").CannotRun("the election has not been closed");
        bool issuer = SplitRoll.HasIssuer(Definition);
        if (!issuer)
        {
            const string Plain = "a plain roll: the definition names no independent issuer, so the office alone issued every code (SECURITY.md)";
            foreach (var name in new[] { IssuerRules.Attested, IssuerRules.BothHalves, IssuerRules.Audit }) check(name).NotApplicable(Plain);
        }
        else
        {
            if (_attestation is null && check(IssuerRules.Attested).Verdict != Verdict.Fail) check(IssuerRules.Attested).Fail(null, "the independent issuer never attested the roll");
            if (!_audited && check(IssuerRules.Audit).Verdict != Verdict.Fail) check(IssuerRules.Audit).CannotRun("the independent issuer's roll audit is not recorded yet");
        }
        if (Definition.BallotStyles.Count == 0) check(StyleRules.Check).NotApplicable("the definition lists no ballot styles: every voter votes in every contest");
        if (Definition.DisputeWindowSeconds == 0) check(DisputeRules.Check).NotApplicable("the definition sets no dispute window");
        if (!TrusteeRules.IsSealed(Definition))
        {
            check(TrusteeRules.Check).NotApplicable("plain ballots: the definition names no trustees, so every ballot is in the log in clear (SECURITY.md)");
            check(SealedBallots.Check).NotApplicable("plain ballots: the definition names no trustees");
        }
        else
        {
            if (check(SealedBallots.Check) is { Verdict: Verdict.NotRun, Evidence: null } sealedCheck) sealedCheck.Ok(0); // ran over every ballot; none, nothing wrong
            if (_trustees!.ElectionKey is null && check(TrusteeRules.Check).Verdict != Verdict.Fail)
                check(TrusteeRules.Check).Fail(null, $"the election key was never completed: {_trustees.Committed} of {Definition.Trustees.Count} trustees committed, {_trustees.Confirmed} confirmed");
        }
        foreach (var name in RanOverEveryRecord)
        {
            var c = check(name);
            if (c.Verdict == Verdict.NotRun && c.Evidence is null) c.Ok(0); // ran over every record; nothing of its kind, nothing wrong
        }
    }

    private void Definition_(ulong at)
    {
        _styled = SplitRoll.IsStyled(Definition!);
        _styleContests = StyleRules.Contests(Definition!);
        _trustees = new TrusteeKeys(Definition!, DefinitionLeafHash);
        var problems = DefinitionRules.Problems(Definition!);
        if (problems.Count == 0) check("election.well-formed").Ok();
        else check("election.well-formed").Fail(at, string.Join("; ", problems));
        Act(at, Definition!);
        if (policy is not null && OrganiserSigning.PinProblem(Definition!, policy.OrganiserKeys, policy.OrganiserThreshold) is { } unpinned)
            check("organiser.signature").Fail(at, unpinned);
    }

    private void Act(ulong at, IOrganiserAct act)
    {
        if (OrganiserSigning.Check(act, Definition!) is { } problem) check("organiser.signature").Fail(at, problem);
        else check("organiser.signature").Ok();
    }

    private readonly CheckResult _distinct = check("roll.distinct");

    private void Chunk(ulong at, RollChunk c)
    {
        if (RollRules.ChunkProblem(c.ChunkIndex, _nextChunk, _rollCommitted) is { } order) check(order.Check).Fail(at, order.Message);
        _nextChunk++;
        if (RollRules.ChunkFormProblem(c, Definition!) is { } form) _distinct.Fail(at, form.Message);
        foreach (var e in c.StyledEntries)
        {
            int? k = Earlier(e.Key), j = Earlier(e.IssuerKey);
            if (RollRules.StyledEntryProblem(_roll.Count, e, Definition!, k, j) is { } bad) _distinct.Fail(at, bad.Message);
            else
            {
                _distinct.Ok();
                _rollIndex.Add(Key32.Of(e.Key.Span), _roll.Count);
                if (!e.IssuerKey.IsEmpty) _issuerIndex.Add(Key32.Of(e.IssuerKey.Span), _roll.Count);
            }
            _roll.Add(e);
        }
        foreach (var e in c.Entries)
        {
            int? earlier = e.Length == 32 && _rollIndex.TryGetValue(Key32.Of(e.Span), out var j) ? j : null;
            if (RollRules.EntryProblem(_roll.Count, e.Span, earlier) is { } bad) _distinct.Fail(at, bad.Message);
            else
            {
                _distinct.Ok();
                _rollIndex.Add(Key32.Of(e.Span), _roll.Count);
            }
            _roll.Add(e.Span);
        }
    }

    /// <summary>The entry already holding this 32-byte value in either half, if any.</summary>
    private int? Earlier(Google.Protobuf.ByteString key) =>
        key.Length != 32 ? null
        : _rollIndex.TryGetValue(Key32.Of(key.Span), out var i) ? i
        : _issuerIndex.TryGetValue(Key32.Of(key.Span), out var j) ? j
        : null;

    private void Commitment(ulong at, RollCommitment c)
    {
        Act(at, c);
        var rc = check(RollRules.Committed);
        if ((RollRules.CommitmentPhaseProblem(_rollCommitted, OpenIndex is not null) ?? RollRules.CommitmentProblem(c, _roll.Count, _nextChunk, _roll.Digest(_styled))) is { } bad)
            rc.Fail(at, bad.Message);
        else rc.Ok();
        if (!_rollCommitted) { _sealedRoll = _roll.Count; Volatile.Write(ref _committedRoll, _roll.Snapshot()); }
        _rollCommitted = true;
    }

    private void Attest(ulong at, RollAttestation a)
    {
        var attested = check(IssuerRules.Attested);
        var sealedRoll = new IssuerRules.SealedRoll(_roll.Digest(_styled), (ulong)_roll.Count, _roll.StyleCounts(SplitRoll.StyleCount(Definition!)), DefinitionLeafHash);
        var bad = IssuerRules.AttestationPhaseProblem(Definition!, _rollCommitted, OpenIndex is not null, _attestation is not null)
            ?? IssuerRules.AttestationContentProblem(a, Definition!, sealedRoll)
            ?? IssuerRules.AttestationSignatureProblem(a, Definition!);
        if (bad is not null) { attested.Fail(at, bad.Message); return; }
        attested.Ok();
        _attestation = a;
    }

    private void Audit(ulong at, RollAudit audit)
    {
        var c = check(IssuerRules.Audit);
        var bad = IssuerRules.AuditPhaseProblem(Definition!, _attestation is not null, Declaration is not null, _audited);
        if (bad is null)
        {
            var sample = SplitRoll.AuditSample(_attestation!.RollAuditSeed.Span, _attestation.RollDigest.Span, _attestation.EntryCount, Definition!.RollAuditSample);
            bad = IssuerRules.AuditContentProblem(audit, Definition, sample) ?? IssuerRules.AuditSignatureProblem(audit, Definition) ?? IssuerRules.GhostProblem(audit);
        }
        _audited = true; // a second audit fails as a repeat, even after a bad first one
        if (bad is not null) { c.Fail(at, bad.Message); return; }
        c.Ok();
        RollAudit = audit;
    }

    private void TrusteeCommit(ulong at, TrusteeCommitment c)
    {
        if (_trustees!.CommitmentProblem(c, OpenIndex is not null) is { } bad) { check(bad.Check).Fail(at, bad.Message); return; }
        check(TrusteeRules.Check).Ok();
        _trustees.AddCommitment(c);
    }

    private void TrusteeConfirm(ulong at, TrusteeConfirmation c)
    {
        if (_trustees!.ConfirmationProblem(c, OpenIndex is not null) is { } bad) { check(bad.Check).Fail(at, bad.Message); return; }
        check(TrusteeRules.Check).Ok();
        _trustees.AddConfirmation(c);
        if (_trustees.ElectionKey is { } key) Volatile.Write(ref _publishedKey, new(key));
    }

    private void DisputeAct(ulong at, Dispute d, ulong atMs)
    {
        var c = check(DisputeRules.Check);
        var bad = DisputeRules.PhaseProblem(Definition!, _closedAtMs, Declaration is not null, atMs)
            ?? DisputeRules.EntryProblem(d, Definition!, _sealedRoll, _enrolledEntries.Contains(d.RollIndex), _disputed.Contains(d.RollIndex))
            ?? DisputeRules.SignatureProblem(d, _roll.Entry((int)d.RollIndex));
        if (bad is not null) { c.Fail(at, bad.Message); return; }
        c.Ok();
        _disputed.Add(d.RollIndex);
        Disputes.Add((at, d.RollIndex));
    }

    private void Enroll(ulong at, Enrollment en, EnrollmentVerdict verdict, ulong atMs)
    {
        var d = check("enrollment.distinct-entry");
        var cred = en.CredentialKey.Length == 32 ? Key32.Of(en.CredentialKey.Span) : default;
        var bad = PhaseRules.EnrollmentPhaseProblem(Definition!.RollKind, _rollCommitted, CloseIndex is not null)
            ?? PhaseRules.EnrollmentEntryProblem(en.RollIndex, _roll.Count)
            ?? PhaseRules.EnrollmentTakenProblem(en.RollIndex, _enrolledEntries.Contains(en.RollIndex), _enrolledCredentials.ContainsKey(cred));
        if (bad is not null) d.Fail(at, bad.Message);
        else
        {
            d.Ok();
            var problem = verdict.Checked ? verdict.Problem : VoterSigning.CheckEnrollment(en, _roll[(int)en.RollIndex]);
            if (problem is { } badSignature) { check("enrollment.signature").Fail(at, badSignature); return; }
            check("enrollment.signature").Ok();
            var half = verdict.IssuerChecked ? verdict.Issuer : IssuerRules.EnrollmentProblem(en, Definition, _roll.Entry((int)en.RollIndex));
            if (half is not null) { check(half.Check).Fail(at, half.Message); return; }
            check(IssuerRules.BothHalves).Ok();
            EnrollmentTimes.Add(atMs);
            _enrolledEntries.Add(en.RollIndex);
            _enrolledCredentials[cred] = (int)en.RollIndex;
        }
    }

    private void OpenAct(ulong at, Open o)
    {
        Act(at, o);
        if (PhaseRules.OpenProblem(_rollCommitted, OpenIndex is not null) is { } bad) check(bad.Check).Fail(at, bad.Message);
        else { OpenIndex = at; check("open.once").Ok(); }
        if (IssuerRules.OpenProblem(Definition!, _attestation is not null) is { } unattested) check(unattested.Check).Fail(at, unattested.Message);
        if (_trustees!.OpenProblem() is { } keyless) check(keyless.Check).Fail(at, keyless.Message);
    }

    private static readonly string[] BallotRuleChecks = ["ballot.election-id", "ballot.form", "ballot.content", "ballot.signature"];
    // Resolved once: every ballot passes through these.
    private readonly CheckResult[] _ballotRules = [.. BallotRuleChecks.Select(check)];
    private readonly CheckResult _onRoll = check("ballot.on-roll"), _inWindow = check("ballot.in-window"), _revote = check("ballot.revote");

    private readonly CheckResult _style = check(StyleRules.Check);

    private void Cast(ulong at, Ballot b, BallotVerdict verdict, ulong atMs)
    {
        var v = verdict.Against(b, Definition!);
        if (v is not null) { check(v.Check).Fail(at, v.Message); return; }
        foreach (var c in _ballotRules) c.Ok();
        var cred = Key32.Of(b.CredentialKey.Span);
        int voter = -1;
        bool eligible = (Definition!.RollKind == RollKind.CredentialKeys ? _rollCommitted && _rollIndex.TryGetValue(cred, out voter) : _enrolledCredentials.TryGetValue(cred, out voter))
            && voter < _sealedRoll;
        if (PhaseRules.EligibilityProblem(Definition.RollKind, eligible) is { } offRoll) { _onRoll.Fail(at, offRoll.Message); return; }
        _onRoll.Ok();
        uint style = _roll.Style(voter);
        if (b.ContentCase == Ballot.ContentOneofCase.Sealed)
        {
            // An entry whose style names none of the definition's failed roll.distinct; as on a plain ballot, no style check then.
            if (SealedAdmission(at, b, verdict, style < _styleContests.Length ? _styleContests[style] : null) is { } bad) { check(bad.Check).Fail(at, bad.Message); return; }
        }
        else if (style < _styleContests.Length && StyleRules.BallotProblem(b.Plain, Definition, _styleContests[style], style) is { } outsideStyle) { _style.Fail(at, outsideStyle.Message); return; }
        _style.Ok();
        if (PhaseRules.WindowProblem(OpenIndex is not null, CloseIndex is not null) is { } outside) { _inWindow.Fail(at, outside.Message); return; }
        _inWindow.Ok();
        _counted ??= new CountedChoices(_sealedRoll);
        bool first = b.ContentCase == Ballot.ContentOneofCase.Sealed ? !_sealedCounted.ContainsKey(voter) : !_counted.Has(voter);
        if (PhaseRules.RevoteProblem(Definition.RevotePolicy, !first) is { } again) { _revote.Fail(at, again.Message); return; }
        if (first) FirstCastTimes.Add(atMs);
        // A later ballot replaces an earlier one under last-counts.
        if (b.ContentCase == Ballot.ContentOneofCase.Sealed) _sealedCounted[voter] = at;
        else _counted.Set(voter, b.Plain);
        _revote.Ok();
    }

    private readonly CheckResult _sealed = check(SealedBallots.Check);

    /// <summary>
    /// A sealed ballot by an eligible voter (sealed.md §6): parts exactly for the voter's style, every proof valid
    /// under the election key (checked in parallel where the key was known), and no α seen before in the log. Its α are
    /// remembered once it passes, whatever the window and revote checks then say: audit.md §7 holds every later ballot
    /// to every earlier one's ciphertexts, as the server does every ballot in its log.
    /// </summary>
    private RuleViolation? SealedAdmission(ulong at, Ballot b, BallotVerdict verdict, bool[]? style)
    {
        if (ElectionKey is not { } key) return new(SealedBallots.Check, "a sealed ballot before the trustees' election key was complete: there was no key to seal it to");
        var problem = (style is null ? null : SealedBallots.StyleProblem(b.Sealed, Definition!, style)) ?? verdict.ProofsAgainst(b, Definition!, key);
        problem ??= _alphas.RepeatProblem(b.Sealed);
        if (problem is null) { _sealed.Ok(); _alphas.Add(b.Sealed, at); }
        return problem;
    }

    private void CloseAct(ulong at, Close c, ulong atMs)
    {
        Act(at, c);
        var cl = check("close.once");
        var problem = PhaseRules.CloseProblem(OpenIndex is not null, CloseIndex is not null);
        if (CloseIndex is not null) { cl.Fail(at, problem!.Message); return; } // a second Close changes nothing
        if ((problem ?? PhaseRules.SeedProblem(c, Definition!)) is { } bad) cl.Fail(at, bad.Message);
        else cl.Ok();
        CloseIndex = at;
        _closedAtMs = atMs;
        Seed = c.TieBreakSeed.ToByteArray();
    }

    private void Reveal(ulong at, LotReveal reveal)
    {
        if (LotRules.RevealProblem(reveal, Definition!, CloseIndex is not null, Declaration is not null, _contributions.ContainsKey(reveal.ContributorIndex)) is { } bad)
        {
            check(bad.Check).Fail(at, bad.Message);
            return;
        }
        check(LotRules.Check).Ok();
        _contributions[reveal.ContributorIndex] = reveal.Seed.ToByteArray();
    }

    private void Declare(ulong at, Declaration d, ulong atMs)
    {
        Act(at, d);
        if (CloseIndex is not null && Declaration is null)
        {
            if (IssuerRules.DeclarationProblem(Definition!, _audited) is { } unaudited) check(unaudited.Check).Fail(at, $"a Declaration, but {unaudited.Message}");
            if (DisputeRules.DeclarationProblem(Definition!, _closedAtMs, atMs) is { } early) check(early.Check).Fail(at, early.Message);
        }
        if (CloseIndex is not null && Declaration is null && LotRules.DeclarationProblem(Definition!, _contributions.Keys) is { } unrevealed)
            check(unrevealed.Check).Fail(at, $"a Declaration before every lot contribution was revealed: {unrevealed.Message}");
        if (CloseIndex is null) { check("after-close.permitted").Fail(at, "a Declaration before Close"); return; }
        if (Declaration is not null) { check("after-close.permitted").Fail(at, "a second Declaration"); return; }
        check("after-close.permitted").Ok();
        Declaration = (at, d);
    }
}
