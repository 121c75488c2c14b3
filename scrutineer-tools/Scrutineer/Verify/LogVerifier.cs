using System.Security.Cryptography;
using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Counting;

namespace Scrutineer.Verify;

/// <summary>
/// Every check of docs/spec/audit.md, in its order and under its names, over an exported log. Each check says
/// pass, fail (first failing record and the evidence) or not run; the log passes only if every check ran and passed.
/// </summary>
public sealed class LogVerifier
{
    public static readonly string[] CheckNames =
    [
        "record.canonical", "chain.height", "chain.prev", "chain.time", "merkle.root", "checkpoint.signature",
        "checkpoint.consistency", "checkpoint.witnesses", "election.first", "election.well-formed", "organiser.signature",
        "roll.committed-before-open", "roll.distinct", "enrollment.distinct-entry", "enrollment.signature", "open.once",
        "ballot.election-id", "ballot.form", "ballot.content", "ballot.signature", "ballot.on-roll", "ballot.in-window",
        "ballot.revote", "close.once", "after-close.permitted", "time.witness-bounds", "count.recount", "count.matches-declaration",
    ];

    private readonly Dictionary<string, CheckResult> _checks = CheckNames.ToDictionary(n => n, n => new CheckResult(n), StringComparer.Ordinal);
    private CheckResult C(string name) => _checks[name];

    public IReadOnlyList<CheckResult> Results => [.. CheckNames.Select(n => _checks[n])];
    public bool Passed => _checks.Values.All(c => c.Verdict == Verdict.Pass);

    /// <summary>The first failed check, else the first that could not run; null when every check passed.</summary>
    public CheckResult? FirstProblem => Results.FirstOrDefault(r => r.Verdict == Verdict.Fail) ?? Results.FirstOrDefault(r => r.Verdict != Verdict.Pass);

    /// <summary>"name failed at record i: evidence", for the one-line diagnostic and the report's verdict.</summary>
    public static string Describe(CheckResult r) =>
        $"{r.Name} {(r.Verdict == Verdict.Fail ? "failed" : "could not run")}" + (r.FailedAt is { } at ? $" at record {at}" : "") + $": {r.Evidence}";

    public static LogVerifier Run(ExportedLog log, Policy policy)
    {
        var v = new LogVerifier();
        v.Verify(log, policy);
        return v;
    }

    private void Verify(ExportedLog log, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(policy);
        var records = new LogRecord?[log.Records.Count];
        var tree = new MemoryTree();
        byte[] prev = [];
        ulong prevTime = 0;
        for (int i = 0; i < log.Records.Count; i++)
        {
            var bytes = log.Records[i];
            var leaf = Rfc6962.HashLeaf(bytes);
            tree.AppendLeafHash(leaf);
            try { records[i] = Canonical.Parse(bytes); C("record.canonical").Ok(); }
            catch (VotingFormatException e) { C("record.canonical").Fail((ulong)i, e.Message); }
            if (records[i] is { } r)
            {
                if (r.Height == (ulong)i) C("chain.height").Ok(); else C("chain.height").Fail((ulong)i, $"height is {r.Height}, expected {i}");
                bool prevOk = i == 0 ? r.Prev.IsEmpty : CryptographicOperations.FixedTimeEquals(r.Prev.Span, prev);
                if (prevOk) C("chain.prev").Ok(); else C("chain.prev").Fail((ulong)i, "prev is not the leaf hash of the record before");
                if (r.SequencedAtMs >= prevTime) C("chain.time").Ok(); else C("chain.time").Fail((ulong)i, $"sequenced_at_ms {r.SequencedAtMs} goes back from {prevTime}");
                prevTime = r.SequencedAtMs;
            }
            prev = leaf;
        }
        var timestamps = VerifyCheckpoints(log, policy, tree);
        var election = new ElectionWalk(records, C);
        election.Walk();
        VerifyTime(records, log, timestamps, policy, election);
        VerifyCount(log, election);
        if (election.Definition is { } definition)
            Facts = new ElectionFacts(
                definition,
                election.RollSize,
                election.OpenIndex is { } o ? records[o]!.SequencedAtMs : null,
                election.CloseIndex is { } c ? records[c]!.SequencedAtMs : null,
                [.. records.Where(r => r?.BodyCase == LogRecord.BodyOneofCase.Ballot).Select(r => r!.SequencedAtMs)],
                election.CountedBallots().Count,
                election.Declaration is not null);
    }

    /// <summary>The election as the log describes it (for reports); null when the log has no definition.</summary>
    public ElectionFacts? Facts { get; private set; }

    /// <summary>Checks 5–8; returns, per checkpoint size, the earliest cosignature time by a policy witness.</summary>
    private SortedDictionary<ulong, ulong> VerifyCheckpoints(ExportedLog log, Policy policy, MemoryTree tree)
    {
        var earliest = new SortedDictionary<ulong, ulong>();
        (ulong Size, byte[] Root)? previous = null;
        foreach (var (size, note) in log.Checkpoints)
        {
            Checkpoint cp;
            IReadOnlyList<VerifiedSignature> sigs = [];
            try { cp = Checkpoint.ParseText(SignedNote.Parse(note).Text); }
            catch (VotingFormatException e)
            {
                C("checkpoint.signature").Fail(size, $"checkpoint at size {size} is malformed: {e.Message}");
                continue;
            }
            // The root and consistency are checked even when the signature fails: the evidence is worth showing.
            try
            {
                (_, _, sigs) = Checkpoint.ParseAndVerify(note, policy.LogKey, policy.Witnesses);
                C("checkpoint.signature").Ok();
            }
            catch (NoteVerificationException e)
            {
                C("checkpoint.signature").Fail(size, $"checkpoint at size {size}: {e.Message}");
            }
            if (cp.Size > tree.Size) { C("merkle.root").Fail(cp.Size, $"checkpoint at size {cp.Size} but the export holds {tree.Size} records"); continue; }
            if (cp.Root.AsSpan().SequenceEqual(tree.RootAt(cp.Size))) C("merkle.root").Ok();
            else C("merkle.root").Fail(cp.Size, $"checkpoint root {Convert.ToHexStringLower(cp.Root)} at size {cp.Size}, records give {Convert.ToHexStringLower(tree.RootAt(cp.Size))}");
            if (previous is { } p && p.Size > 0)
            {
                var proof = tree.ConsistencyProof(p.Size, cp.Size);
                if (ConsistencyProof.Verify(p.Size, cp.Size, p.Root, cp.Root, proof)) C("checkpoint.consistency").Ok();
                else C("checkpoint.consistency").Fail(cp.Size, $"checkpoint at {cp.Size} is not consistent with the one at {p.Size}");
            }
            previous = (cp.Size, cp.Root);
            var cosigned = sigs.Where(s => s.Timestamp is not null).ToList();
            if (cosigned.Count > 0) earliest[cp.Size] = cosigned.Min(s => s.Timestamp!.Value);
            if (size == log.Checkpoints.Keys.Last())
            {
                if (cosigned.Count >= policy.Quorum) C("checkpoint.witnesses").Ok(cosigned.Count);
                else C("checkpoint.witnesses").Fail(cp.Size, $"the latest checkpoint has {cosigned.Count} valid cosignatures by the policy's witnesses; {policy.Quorum} required");
            }
        }
        if (C("checkpoint.consistency").Verdict == Verdict.NotRun && log.Checkpoints.Count(k => k.Key > 0) <= 1)
            C("checkpoint.consistency").Ok(0); // a single non-empty checkpoint has nothing to be consistent with
        return earliest;
    }

    /// <summary>Check 26: cosignature times bound the records they cover and the Close.</summary>
    private void VerifyTime(LogRecord?[] records, ExportedLog log, SortedDictionary<ulong, ulong> earliest, Policy policy, ElectionWalk election)
    {
        var c = C("time.witness-bounds");
        if (policy.Witnesses.Count == 0 || earliest.Count == 0)
        {
            c.CannotRun("no witness cosignatures to bound time (the policy names no witnesses, or none cosigned)");
            return;
        }
        ulong from = 0;
        foreach (var (size, time) in earliest)
        {
            for (ulong i = from; i < size && i < (ulong)records.Length; i++)
            {
                if (records[i] is not { } r) continue;
                if (r.SequencedAtMs / 1000 <= time + (ulong)policy.CloseToleranceSeconds) c.Ok();
                else c.Fail(i, $"record {i} claims {r.SequencedAtMs / 1000} s but a witness saw the tree containing it at {time}");
            }
            from = Math.Max(from, size);
        }
        if (election.CloseIndex is { } close && election.Definition?.Schedule is { } schedule)
        {
            var covering = earliest.FirstOrDefault(e => e.Key > close);
            if (covering.Key == 0) c.Fail(close, "no cosigned checkpoint covers the Close record");
            else if ((long)covering.Value > schedule.ClosesAtUnix + policy.CloseToleranceSeconds)
                c.Fail(close, $"Close was first cosigned at {covering.Value}, after the scheduled close {schedule.ClosesAtUnix} + {policy.CloseToleranceSeconds} s");
            else c.Ok();
        }
        _ = log;
    }

    /// <summary>Checks 27–28: recount every contest and compare with the Declaration.</summary>
    private void VerifyCount(ExportedLog log, ElectionWalk e)
    {
        var recount = C("count.recount");
        var match = C("count.matches-declaration");
        if (e.Definition is null || e.CloseIndex is null || e.Seed is null)
        {
            recount.CannotRun("the log has no closed election to count");
            match.CannotRun("the log has no closed election to count");
            return;
        }
        var closeCp = log.Checkpoints.FirstOrDefault(k => k.Key > e.CloseIndex.Value).Value;
        if (closeCp is null) { recount.CannotRun("no checkpoint covers the Close record (the lots are seeded from it)"); match.CannotRun("no recount"); return; }
        IReadOnlyList<ContestCount> counts;
        try
        {
            counts = ElectionCount.Count(e.Definition, e.CountedBallots(), e.Seed, SignedNote.Parse(closeCp).Text);
            recount.Ok(counts.Count);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
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
        else if (d.Declaration.CountedBallots != (ulong)e.CountedBallots().Count)
            match.Fail(d.Index, $"declared {d.Declaration.CountedBallots} counted ballots, the log has {e.CountedBallots().Count}");
        else match.Ok();
    }

    /// <summary>The recount, once it has run (for reports).</summary>
    public IReadOnlyList<ContestCount>? Counts { get; private set; }
}
