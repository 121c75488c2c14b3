using System.Security.Cryptography;
using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Counting;
using Voting.Counting.Stv;

namespace Scrutineer.Verify;

/// <summary>
/// Every check of docs/spec/audit.md, in its order and under its names, over an exported log. Each check says
/// pass, fail (first failing record and the evidence) or not run; the log passes only if every check ran and passed.
/// </summary>
public sealed class LogVerifier
{
    /// <summary>The checks' names in audit order (AuditCatalogue).</summary>
    public static readonly string[] CheckNames = [.. AuditCatalogue.Checks.Select(c => c.Name)];

    private readonly Dictionary<string, CheckResult> _checks = CheckNames.ToDictionary(n => n, n => new CheckResult(n), StringComparer.Ordinal);
    private CheckResult C(string name) => _checks[name];

    public IReadOnlyList<CheckResult> Results => [.. CheckNames.Select(n => _checks[n])];
    public bool Passed => _checks.Values.All(c => c.Verdict is Verdict.Pass or Verdict.NotApplicable);

    /// <summary>The first failed check, else the first that could not run; null when every check passed.</summary>
    public CheckResult? FirstProblem => Results.FirstOrDefault(r => r.Verdict == Verdict.Fail) ?? Results.FirstOrDefault(r => r.Verdict is not (Verdict.Pass or Verdict.NotApplicable));

    /// <summary>"name failed at record i: evidence", for the one-line diagnostic and the report's verdict.</summary>
    public static string Describe(CheckResult r) =>
        $"{r.Name} {(r.Verdict == Verdict.Fail ? "failed" : "could not run")}" + (r.FailedAt is { } at ? $" at record {at}" : "") + $": {r.Evidence}";

    /// <param name="progress">Told how many records have been checked so far, after each window.</param>
    public static LogVerifier Run(ExportedLog log, Policy policy, Action<long>? progress = null)
    {
        var v = new LogVerifier();
        v.Verify(log, policy, progress ?? (_ => { }));
        return v;
    }

    /// <summary>
    /// The audit steps in order, in one streaming pass over the records: the checkpoints' signatures (audit.md §1,
    /// checks 6 and 8); then every record, in log order — form, chain, tree, each checkpoint's root and consistency as
    /// the tree reaches its size (§1), the election rules (§2–§3) and the time bounds (check 26); then the close time
    /// (check 26) and the recount (§4, checks 27–28); check 29 (lot.reveal) is part of the election walk.
    /// </summary>
    private void Verify(ExportedLog log, Policy policy, Action<long> progress)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(policy);
        var byWitness = new SortedDictionary<ulong, Dictionary<string, ulong>>();
        var (checkpoints, earliest, latest) = VerifyCheckpointSignatures(log, policy, byWitness);
        var bounds = earliest.ToList(); // (size, earliest cosignature time), by size
        bool timed = policy.Witnesses.Count > 0 && bounds.Count > 0;
        var stream = new Stream(this, log, policy, checkpoints, bounds, timed);
        var election = stream.Election;
        RecordPipeline.Run(log.Records, election, stream.Apply, () => progress(stream.Checked));
        stream.Finish();
        VerifyCloseTime(election, earliest, policy, timed);
        VerifyCloseNotBackdated(election, latest, policy, timed);
        VerifyDisputeWindow(election, byWitness, policy, timed);
        VerifyCount(election);
        if (election.Definition is { } definition)
            Facts = new ElectionFacts(definition, election.RollSize, stream.OpenedAtMs, stream.ClosedAtMs, stream.BallotTimesMs, election.CountedVoters, election.Declaration is not null)
            {
                EnrollmentTimesMs = election.EnrollmentTimes,
                FirstCastTimesMs = election.FirstCastTimes,
                Attestation = election.Attestation,
                RollAudit = election.RollAudit,
                Disputes = election.Disputes,
            };
    }

    /// <summary>The election as the log describes it (for reports); null when the log has no definition.</summary>
    public ElectionFacts? Facts { get; private set; }

    /// <summary>Checks 6 and 8, and what checks 5, 7 and 26 need: each parseable checkpoint by size, and per size the earliest cosignature time by a policy witness.</summary>
    /// <remarks>A log has a checkpoint per batch (thousands for a large election): their signatures are checked on every core, their verdicts recorded in size order.</remarks>
    private (List<(ulong Key, Checkpoint Checkpoint)> Parsed, SortedDictionary<ulong, ulong> Earliest, SortedDictionary<ulong, ulong> Latest) VerifyCheckpointSignatures(ExportedLog log, Policy policy, SortedDictionary<ulong, Dictionary<string, ulong>> byWitness)
    {
        var notes = log.Checkpoints.ToArray();
        var checkedNotes = new CheckedCheckpoint[notes.Length];
        Parallel.For(0, notes.Length, i => checkedNotes[i] = CheckedCheckpoint.Of(notes[i].Value, policy));
        var parsed = new List<(ulong, Checkpoint)>();
        var earliest = new SortedDictionary<ulong, ulong>();
        var latest = new SortedDictionary<ulong, ulong>();
        for (int i = 0; i < notes.Length; i++)
        {
            ulong size = notes[i].Key;
            var (cp, malformed, badSignature, sigs) = checkedNotes[i];
            if (cp is null)
            {
                C("checkpoint.signature").Fail(size, $"checkpoint at size {size} is malformed: {malformed}");
                continue;
            }
            // export.md §4: the note at a size is the checkpoint of that size. One filed elsewhere would be taken for
            // another (a consistency or time bound checked against the wrong size), so it is refused, not read under its own size.
            if (cp.Size != size)
            {
                C("checkpoint.signature").Fail(size, $"the checkpoint filed at size {size} is the checkpoint of size {cp.Size} (export.md §4)");
                continue;
            }
            // The root and consistency are checked even when the signature fails: the evidence is worth showing.
            if (badSignature is null) C("checkpoint.signature").Ok();
            else C("checkpoint.signature").Fail(size, $"checkpoint at size {size}: {badSignature}");
            parsed.Add((size, cp));
            var cosigned = sigs.Where(s => s.Timestamp is not null).ToList();
            if (cosigned.Count > 0)
            {
                earliest[cp.Size] = cosigned.Min(s => s.Timestamp!.Value);
                latest[cp.Size] = cosigned.Max(s => s.Timestamp!.Value);
                var times = byWitness[cp.Size] = new Dictionary<string, ulong>(StringComparer.Ordinal);
                foreach (var sig in cosigned) times[sig.Verifier.ToVkey()] = sig.Timestamp!.Value;
            }
            if (i == notes.Length - 1)
            {
                if (policy.Witnessing.Shortfall(sigs) is { } why) C("checkpoint.witnesses").Fail(cp.Size, $"the latest checkpoint has {why}");
                else C("checkpoint.witnesses").Ok(cosigned.Count);
            }
        }
        return (parsed, earliest, latest);
    }

    /// <summary>One checkpoint note parsed and its signatures checked: the checkpoint (null if malformed, with why), why its log signature failed (null if it did not), the valid signatures.</summary>
    private sealed record CheckedCheckpoint(Checkpoint? Checkpoint, string? Malformed, string? BadSignature, IReadOnlyList<VerifiedSignature> Signatures)
    {
        public static CheckedCheckpoint Of(string note, Policy policy)
        {
            Checkpoint cp;
            try { cp = Checkpoint.ParseText(SignedNote.Parse(note).Text); }
            catch (VotingFormatException e) { return new(null, e.Message, null, []); }
            try
            {
                var (_, _, sigs) = Checkpoint.ParseAndVerify(note, policy.LogKey, policy.Witnesses);
                return new(cp, null, null, sigs);
            }
            catch (NoteVerificationException e) { return new(cp, null, e.Message, []); }
        }
    }

    /// <summary>Check 26's last part: the first cosigned checkpoint covering Close was cosigned by the scheduled close (plus tolerance).</summary>
    private void VerifyCloseTime(ElectionWalk election, SortedDictionary<ulong, ulong> earliest, Policy policy, bool timed)
    {
        var c = C("time.witness-bounds");
        if (!timed)
        {
            c.CannotRun("no witness cosignatures to bound time (the policy names no witnesses, or none cosigned)");
            return;
        }
        if (election.CloseIndex is { } close && election.Definition?.Schedule is { } schedule)
        {
            var covering = earliest.FirstOrDefault(e => e.Key > close);
            if (covering.Key == 0) c.Fail(close, "no cosigned checkpoint covers the Close record");
            else if (covering.Value > (ulong)Math.Max(0, schedule.ClosesAtUnix) + (ulong)policy.CloseToleranceSeconds)
                c.Fail(close, $"Close was first cosigned at {covering.Value}, after the scheduled close {schedule.ClosesAtUnix} + {policy.CloseToleranceSeconds} s");
            else c.Ok();
        }
    }

    /// <summary>
    /// Check 26's lower bound on Close (log.md §10.1): Close cannot claim a time before a witness had already cosigned a
    /// tree without it — less the tolerance for clocks. Times in the log are otherwise bounded only from above; a Close
    /// claimed early would start the dispute window early while the log's times look right.
    /// </summary>
    private void VerifyCloseNotBackdated(ElectionWalk election, SortedDictionary<ulong, ulong> latest, Policy policy, bool timed)
    {
        if (!timed || election.CloseIndex is not { } close || election.ClosedAtMs is not { } closedAtMs) return;
        var before = latest.Where(l => l.Key <= close).Select(l => l.Value).DefaultIfEmpty(0UL).Max();
        ulong claimed = closedAtMs / 1000, tolerance = (ulong)policy.CloseToleranceSeconds;
        if (before > tolerance && claimed < before - tolerance)
            C("time.witness-bounds").Fail(close, $"Close claims {claimed}, but a witness had cosigned a tree without it at {before}, more than {policy.CloseToleranceSeconds} s later: Close is back-dated");
    }

    /// <summary>
    /// Check 33's witnessed half (DisputeRules.WitnessedWindowProblem): the log's own times could shorten the dispute
    /// window, so the witnesses' must show it whole between Close and the Declaration. Without witnesses this half
    /// cannot run, which time.witness-bounds already reports.
    /// </summary>
    private void VerifyDisputeWindow(ElectionWalk election, SortedDictionary<ulong, Dictionary<string, ulong>> byWitness, Policy policy, bool timed)
    {
        if (election.Definition is not { DisputeWindowSeconds: > 0 } d || election.CloseIndex is not { } close || election.Declaration is not { } declared) return;
        if (!timed) { C(DisputeRules.Check).CannotRun("the dispute window is held to the witnesses' clocks, and no witness cosignature is there to do it"); return; }
        // Each witness by its own clock, so that skew between witnesses neither fails an honest log nor lets one
        // witness's slow clock pass a short window: the quorum of them must each show the whole window.
        ulong? First(string witness, ulong index) => byWitness.Where(kv => kv.Key > index && kv.Value.ContainsKey(witness)).Select(kv => (ulong?)kv.Value[witness]).FirstOrDefault();
        var witnesses = byWitness.Values.SelectMany(t => t.Keys).Distinct(StringComparer.Ordinal).ToList();
        var shown = new List<string>();
        RuleViolation? shortest = null;
        foreach (var w in witnesses)
        {
            if (First(w, close) is not { } c || First(w, declared.Index) is not { } dt) continue;
            if (DisputeRules.WitnessedWindowProblem(d, c, dt) is { } shortened) shortest ??= shortened;
            else shown.Add(w);
        }
        int needed = Math.Max(1, policy.Quorum);
        if (shown.Count >= needed) return;
        if (shortest is not null) C(DisputeRules.Check).Fail(declared.Index, $"{shortest.Message} (the window is shown by {shown.Count} witness{(shown.Count == 1 ? "" : "es")}; the quorum is {needed})");
        else C(DisputeRules.Check).CannotRun($"only {shown.Count} witness{(shown.Count == 1 ? "" : "es")} cosigned both a checkpoint covering Close and one covering the Declaration; the quorum is {needed}");
    }

    /// <summary>The state of the streaming pass over the records.</summary>
    private sealed class Stream(LogVerifier v, ExportedLog log, Policy policy, List<(ulong Key, Checkpoint Checkpoint)> checkpoints, List<KeyValuePair<ulong, ulong>> bounds, bool timed)
    {
        private readonly MemoryTree _tree = new();
        private readonly List<(ulong Key, Checkpoint Checkpoint)> _pending = [.. checkpoints.OrderBy(c => c.Checkpoint.Size)];
        private int _nextCheckpoint;
        private (ulong Size, byte[] Root)? _previous;
        private int _nextBound;
        private readonly byte[] _prev = new byte[Rfc6962.HashSize];
        private ulong _prevTime;
        private ulong _index;
        public ElectionWalk Election { get; } = new(v.C, policy);
        public long Checked => (long)_index;
        public ulong? OpenedAtMs { get; private set; }
        public ulong? ClosedAtMs { get; private set; }
        public List<ulong> BallotTimesMs { get; } = [];

        private CheckResult C(string name) => v.C(name);
        // Resolved once: these are touched for every record.
        private readonly CheckResult _canonical = v.C("record.canonical"), _height = v.C("chain.height"), _prevCheck = v.C("chain.prev"), _time = v.C("chain.time"), _bounds = v.C("time.witness-bounds");

        public void Apply(PreparedWindow w)
        {
            if (_index == 0) CheckpointsAtTreeSize(); // size-0 checkpoints
            var (records, errors, ballots, enrollments) = (w.Records, w.Errors, w.Ballots, w.Enrollments);
            int n = records.Length;
            for (int i = 0; i < n; i++, _index++)
            {
                var leaf = w.Leaf(i);
                _tree.AppendLeafHash(leaf);
                if (records[i] is { } r)
                {
                    _canonical.Ok();
                    Record(_height, Chain.HeightProblem(r, _index));
                    Record(_prevCheck, Chain.PrevProblem(r, _index, _prev));
                    Record(_time, Chain.TimeProblem(r, _prevTime));
                    _prevTime = r.SequencedAtMs;
                    if (_index == 0) Election.DefinitionLeafHash = leaf.ToArray();
                    Election.Visit(_index, r, ballots[i], enrollments[i]);
                    if (Election.OpenIndex == _index) OpenedAtMs = r.SequencedAtMs;
                    if (Election.CloseIndex == _index) ClosedAtMs = r.SequencedAtMs;
                    if (r.BodyCase == LogRecord.BodyOneofCase.Ballot) BallotTimesMs.Add(r.SequencedAtMs);
                    if (timed) TimeBound(r);
                }
                else _canonical.Fail(_index, errors[i]!);
                leaf.CopyTo(_prev);
                CheckpointsAtTreeSize();
            }
        }

        private void Record(CheckResult check, Voting.Core.Ballots.RuleViolation? problem)
        {
            if (problem is null) check.Ok(); else check.Fail(_index, problem.Message);
        }

        /// <summary>Check 26, per record: the first cosigned checkpoint containing it was cosigned no earlier than the record claims.</summary>
        private void TimeBound(LogRecord r)
        {
            while (_nextBound < bounds.Count && bounds[_nextBound].Key <= _index) _nextBound++;
            if (_nextBound == bounds.Count) return; // no cosigned checkpoint covers it: nothing bounds it
            ulong time = bounds[_nextBound].Value;
            // A hostile export can carry any cosignature time: compare without a sum that could leave 64 bits.
            if (r.SequencedAtMs / 1000 <= time || r.SequencedAtMs / 1000 - time <= (ulong)policy.CloseToleranceSeconds) _bounds.Ok();
            else _bounds.Fail(_index, $"record {_index} claims {r.SequencedAtMs / 1000} s but a witness saw the tree containing it at {time}");
        }

        /// <summary>Checks 5 and 7 for every checkpoint whose size the tree has just reached.</summary>
        private void CheckpointsAtTreeSize()
        {
            while (_nextCheckpoint < _pending.Count && _pending[_nextCheckpoint].Checkpoint.Size == _tree.Size)
            {
                var cp = _pending[_nextCheckpoint++].Checkpoint;
                var root = _tree.RootAt(cp.Size);
                if (cp.Root.AsSpan().SequenceEqual(root)) C("merkle.root").Ok();
                else C("merkle.root").Fail(cp.Size, $"checkpoint root {Convert.ToHexStringLower(cp.Root)} at size {cp.Size}, records give {Convert.ToHexStringLower(root)}");
                if (_previous is { } p && p.Size > 0)
                {
                    var proof = _tree.ConsistencyProof(p.Size, cp.Size);
                    if (ConsistencyProof.Verify(p.Size, cp.Size, p.Root, cp.Root, proof)) C("checkpoint.consistency").Ok();
                    else C("checkpoint.consistency").Fail(cp.Size, $"checkpoint at {cp.Size} is not consistent with the one at {p.Size}");
                }
                _previous = (cp.Size, cp.Root);
            }
        }

        public void Finish()
        {
            for (; _nextCheckpoint < _pending.Count; _nextCheckpoint++)
            {
                var cp = _pending[_nextCheckpoint].Checkpoint;
                C("merkle.root").Fail(cp.Size, $"checkpoint at size {cp.Size} but the export holds {_tree.Size} records");
            }
            if (C("checkpoint.consistency").Verdict == Verdict.NotRun && log.Checkpoints.Count(k => k.Key > 0) <= 1)
                C("checkpoint.consistency").Ok(0); // a single non-empty checkpoint has nothing to be consistent with
            Election.Finish();
        }
    }

    /// <summary>Checks 27–28: recount every contest and compare with the Declaration.</summary>
    private void VerifyCount(ElectionWalk e)
    {
        var recount = C("count.recount");
        var match = C("count.matches-declaration");
        if (e.Definition is null || e.CloseIndex is null || e.Seed is null)
        {
            recount.CannotRun("the log has no closed election to count");
            match.CannotRun("the log has no closed election to count");
            return;
        }
        // counting.md is defined for well-formed definitions only: a seat count past 2^31 or a contest without
        // candidates has no count to reproduce, and election.well-formed has already said what is wrong.
        if (C("election.well-formed").Verdict != Verdict.Pass)
        {
            recount.CannotRun("the election definition is not well-formed (election.well-formed)");
            match.CannotRun("no recount");
            return;
        }
        // Sealed ballots are counted from their decryption after the trustees' shuffles (sealed.md), not yet recorded.
        if (e.IsSealed)
        {
            recount.CannotRun("the ballots are sealed: they are counted once the trustees have mixed and decrypted them, and this log holds no mix or decryption yet");
            match.CannotRun("no recount");
            return;
        }
        var (contributions, missing) = e.Contributions;
        if (contributions is null)
        {
            recount.CannotRun(missing!);
            match.CannotRun("no recount");
            return;
        }
        IReadOnlyList<ContestCount> counts;
        try
        {
            counts = ElectionCount.Count(e.Definition, e.CountedProfile, LotSeeds.LotSeed(e.Seed, contributions));
            recount.Ok(counts.Count);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or UnsatisfiableConstraintsException)
        {
            recount.CannotRun(ex.Message);
            match.CannotRun("no recount");
            return;
        }
        Counts = counts;
        if (e.Declaration is not { } d) { match.CannotRun("the log has no Declaration to compare with"); return; }
        var digest = ElectionCount.Digest(counts);
        var outcomes = ElectionCount.Outcomes(counts).ToList();
        if (!CryptographicOperations.FixedTimeEquals(digest, d.Declaration.ResultDigest.Span))
            match.Fail(d.Index, $"declared result_digest {Convert.ToHexStringLower(d.Declaration.ResultDigest.Span)}, recount gives {Convert.ToHexStringLower(digest)}");
        else if (!outcomes.SequenceEqual(d.Declaration.Outcomes))
            match.Fail(d.Index, "declared elected candidates differ from the recount");
        else if (d.Declaration.CountedBallots != (ulong)e.CountedVoters)
            match.Fail(d.Index, $"declared {d.Declaration.CountedBallots} counted ballots, the log has {e.CountedVoters}");
        else match.Ok();
    }

    /// <summary>The recount, once it has run (for reports).</summary>
    public IReadOnlyList<ContestCount>? Counts { get; private set; }
}
