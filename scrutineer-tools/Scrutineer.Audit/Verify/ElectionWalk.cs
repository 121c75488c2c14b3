using System.Security.Cryptography;
using Voting.Core.Ballots;
using Voting.Core.Records;

namespace Scrutineer.Verify;

/// <summary>
/// Checks 9–25 and 29 of audit.md: one pass over the records in log order (Visit, then Finish), keeping only what the
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
    public int CountedVoters => _counted?.Count ?? 0;

    /// <summary>Contest i's counted ballots as a counting profile, in log order of each voter's first vote (counting.md §8.2).</summary>
    public Voting.Counting.Profile CountedProfile(int contest) =>
        (_counted ?? new CountedChoices(0)).ProfileOf(contest, Definition!.Contests[contest].Candidates.Count);

    public void Visit(ulong at, LogRecord r, BallotVerdict ballot, EnrollmentVerdict enrollment)
    {
        if (at == 0)
        {
            if (r.BodyCase == LogRecord.BodyOneofCase.Election) { Definition = r.Election; check("election.first").Ok(); Definition_(at); }
            else check("election.first").Fail(0, $"record 0 is {r.BodyCase}, not the election definition");
            return;
        }
        if (Definition is null) return;
        if (CloseIndex is not null && r.BodyCase is not (LogRecord.BodyOneofCase.Declaration or LogRecord.BodyOneofCase.LotReveal))
            check("after-close.permitted").Fail(at, $"a {r.BodyCase} record after Close");
        switch (r.BodyCase)
        {
            case LogRecord.BodyOneofCase.Election: check("election.first").Fail(at, "a second election definition"); break;
            case LogRecord.BodyOneofCase.RollChunk: Chunk(at, r.RollChunk); break;
            case LogRecord.BodyOneofCase.RollCommitment: Commitment(at, r.RollCommitment); break;
            case LogRecord.BodyOneofCase.Enrollment: Enroll(at, r.Enrollment, enrollment); break;
            case LogRecord.BodyOneofCase.Open: OpenAct(at, r.Open); break;
            case LogRecord.BodyOneofCase.Ballot: Cast(at, r.Ballot, ballot); break;
            case LogRecord.BodyOneofCase.Close: CloseAct(at, r.Close); break;
            case LogRecord.BodyOneofCase.Declaration: Declare(at, r.Declaration); break;
            case LogRecord.BodyOneofCase.LotReveal: Reveal(at, r.LotReveal); break;
        }
    }

    private static readonly string[] RanOverEveryRecord = ["after-close.permitted", "enrollment.distinct-entry", "enrollment.signature", "ballot.election-id", "ballot.form", "ballot.content", "ballot.signature", "ballot.on-roll", "ballot.in-window", "ballot.revote", "roll.distinct", LotRules.Check];

    public void Finish()
    {
        if (Definition is null) return;
        if (!_rollCommitted) check("roll.committed-before-open").Fail(null, "the roll was never committed");
        if (OpenIndex is null) check("open.once").Fail(null, "the election was never opened");
        if (CloseIndex is null) check("close.once").CannotRun("the election has not been closed");
        foreach (var name in RanOverEveryRecord)
        {
            var c = check(name);
            if (c.Verdict == Verdict.NotRun && c.Evidence is null) c.Ok(0); // ran over every record; nothing of its kind, nothing wrong
        }
    }

    private void Definition_(ulong at)
    {
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

    private void Commitment(ulong at, RollCommitment c)
    {
        Act(at, c);
        var rc = check(RollRules.Committed);
        if ((RollRules.CommitmentPhaseProblem(_rollCommitted, OpenIndex is not null) ?? RollRules.CommitmentProblem(c, _roll.Count, _nextChunk, _roll.Digest())) is { } bad)
            rc.Fail(at, bad.Message);
        else rc.Ok();
        if (!_rollCommitted) { _sealedRoll = _roll.Count; Volatile.Write(ref _committedRoll, _roll.Snapshot()); }
        _rollCommitted = true;
    }

    private void Enroll(ulong at, Enrollment en, EnrollmentVerdict verdict)
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
            _enrolledEntries.Add(en.RollIndex);
            _enrolledCredentials[cred] = (int)en.RollIndex;
        }
    }

    private void OpenAct(ulong at, Open o)
    {
        Act(at, o);
        if (PhaseRules.OpenProblem(_rollCommitted, OpenIndex is not null) is { } bad) check(bad.Check).Fail(at, bad.Message);
        else { OpenIndex = at; check("open.once").Ok(); }
    }

    private static readonly string[] BallotRuleChecks = ["ballot.election-id", "ballot.form", "ballot.content", "ballot.signature"];
    // Resolved once: every ballot passes through these.
    private readonly CheckResult[] _ballotRules = [.. BallotRuleChecks.Select(check)];
    private readonly CheckResult _onRoll = check("ballot.on-roll"), _inWindow = check("ballot.in-window"), _revote = check("ballot.revote");

    private void Cast(ulong at, Ballot b, BallotVerdict verdict)
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
        if (PhaseRules.WindowProblem(OpenIndex is not null, CloseIndex is not null) is { } outside) { _inWindow.Fail(at, outside.Message); return; }
        _inWindow.Ok();
        _counted ??= new CountedChoices(_sealedRoll);
        if (PhaseRules.RevoteProblem(Definition.RevotePolicy, _counted.Has(voter)) is { } again) { _revote.Fail(at, again.Message); return; }
        _counted.Set(voter, b.Plain); // a later ballot replaces an earlier one under last-counts
        _revote.Ok();
    }

    private void CloseAct(ulong at, Close c)
    {
        Act(at, c);
        var cl = check("close.once");
        var problem = PhaseRules.CloseProblem(OpenIndex is not null, CloseIndex is not null);
        if (CloseIndex is not null) { cl.Fail(at, problem!.Message); return; } // a second Close changes nothing
        if ((problem ?? PhaseRules.SeedProblem(c, Definition!)) is { } bad) cl.Fail(at, bad.Message);
        else cl.Ok();
        CloseIndex = at;
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

    private void Declare(ulong at, Declaration d)
    {
        Act(at, d);
        if (CloseIndex is not null && Declaration is null && LotRules.DeclarationProblem(Definition!, _contributions.Keys) is { } unrevealed)
            check(unrevealed.Check).Fail(at, $"a Declaration before every lot contribution was revealed: {unrevealed.Message}");
        if (CloseIndex is null) { check("after-close.permitted").Fail(at, "a Declaration before Close"); return; }
        if (Declaration is not null) { check("after-close.permitted").Fail(at, "a second Declaration"); return; }
        check("after-close.permitted").Ok();
        Declaration = (at, d);
    }
}
