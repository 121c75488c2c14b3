using System.Security.Cryptography;
using Voting.Core.Ballots;
using Voting.Core.Records;

namespace Scrutineer.Verify;

/// <summary>Checks 9–25 of audit.md: one pass over the records in log order, keeping what the election rules need.</summary>
internal sealed class ElectionWalk(LogRecord?[] records, Func<string, CheckResult> check)
{
    public ElectionDefinition? Definition { get; private set; }
    public ulong? OpenIndex { get; private set; }
    public ulong? CloseIndex { get; private set; }
    public byte[]? Seed { get; private set; }
    public (ulong Index, Declaration Declaration)? Declaration { get; private set; }

    private readonly List<byte[]> _roll = [];
    private readonly Dictionary<string, int> _rollIndex = new(StringComparer.Ordinal);
    private bool _rollCommitted;
    private uint _nextChunk;
    private readonly Dictionary<ulong, string> _enrolledEntries = [];
    private readonly HashSet<string> _enrolledCredentials = new(StringComparer.Ordinal);
    /// <summary>Credential → its counted ballot (first or last by the revote policy), in log order of first vote.</summary>
    private readonly Dictionary<string, Ballot> _counted = new(StringComparer.Ordinal);
    private readonly List<string> _voteOrder = [];

    private static string K(ReadOnlySpan<byte> b) => Convert.ToBase64String(b);

    public int RollSize => _roll.Count;

    public List<Ballot> CountedBallots() => [.. _voteOrder.Select(c => _counted[c])];

    /// <summary>Ballot signatures, checked up front on every core: the walk itself is sequential by nature, the signatures are not.</summary>
    private bool[] _signatureValid = [];

    public void Walk()
    {
        _signatureValid = new bool[records.Length];
        Parallel.For(0, records.Length, i =>
        {
            if (records[i] is { BodyCase: LogRecord.BodyOneofCase.Ballot } r && r.Ballot.CredentialKey.Length == 32)
                _signatureValid[i] = VoterSigning.BallotSignatureValid(r.Ballot);
        });
        for (int i = 0; i < records.Length; i++)
        {
            if (records[i] is not { } r) continue;
            ulong at = (ulong)i;
            if (i == 0)
            {
                if (r.BodyCase == LogRecord.BodyOneofCase.Election) { Definition = r.Election; check("election.first").Ok(); Definition_(at); }
                else check("election.first").Fail(0, $"record 0 is {r.BodyCase}, not the election definition");
                continue;
            }
            if (Definition is null) continue;
            if (CloseIndex is not null && r.BodyCase != LogRecord.BodyOneofCase.Declaration)
                check("after-close.permitted").Fail(at, $"a {r.BodyCase} record after Close");
            switch (r.BodyCase)
            {
                case LogRecord.BodyOneofCase.Election: check("election.first").Fail(at, "a second election definition"); break;
                case LogRecord.BodyOneofCase.RollChunk: Chunk(at, r.RollChunk); break;
                case LogRecord.BodyOneofCase.RollCommitment: Commitment(at, r.RollCommitment); break;
                case LogRecord.BodyOneofCase.Enrollment: Enroll(at, r.Enrollment); break;
                case LogRecord.BodyOneofCase.Open: OpenAct(at, r.Open); break;
                case LogRecord.BodyOneofCase.Ballot: Cast(at, r.Ballot); break;
                case LogRecord.BodyOneofCase.Close: CloseAct(at, r.Close); break;
                case LogRecord.BodyOneofCase.Declaration: Declare(at, r.Declaration); break;
            }
        }
        if (Definition is null) return;
        if (!_rollCommitted) check("roll.committed-before-open").Fail(null, "the roll was never committed");
        if (OpenIndex is null) check("open.once").Fail(null, "the election was never opened");
        if (CloseIndex is null) check("close.once").CannotRun("the election has not been closed");
        foreach (var name in new[] { "after-close.permitted", "enrollment.distinct-entry", "enrollment.signature", "ballot.election-id", "ballot.form", "ballot.content", "ballot.signature", "ballot.on-roll", "ballot.in-window", "ballot.revote", "roll.distinct" })
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
    }

    private void Act(ulong at, IOrganiserAct act)
    {
        if (OrganiserSigning.Check(act, Definition!) is { } problem) check("organiser.signature").Fail(at, problem);
        else check("organiser.signature").Ok();
    }

    private void Chunk(ulong at, RollChunk c)
    {
        var rc = check("roll.committed-before-open");
        if (_rollCommitted || c.ChunkIndex != _nextChunk) rc.Fail(at, _rollCommitted ? "a roll chunk after the commitment" : $"roll chunk {c.ChunkIndex} where chunk {_nextChunk} was due");
        _nextChunk++;
        foreach (var e in c.Entries)
        {
            if (e.Length != 32) check("roll.distinct").Fail(at, $"roll entry {_roll.Count} is {e.Length} bytes");
            else if (!_rollIndex.TryAdd(K(e.Span), _roll.Count)) check("roll.distinct").Fail(at, $"roll entry {_roll.Count} repeats entry {_rollIndex[K(e.Span)]}");
            else check("roll.distinct").Ok();
            _roll.Add(e.ToByteArray());
        }
    }

    private void Commitment(ulong at, RollCommitment c)
    {
        Act(at, c);
        var rc = check("roll.committed-before-open");
        var digest = RollMath.Digest(_roll.Select(e => (ReadOnlyMemory<byte>)e));
        if (_rollCommitted) rc.Fail(at, "a second roll commitment");
        else if (OpenIndex is not null) rc.Fail(at, "the roll was committed after Open");
        else if (c.EntryCount != (ulong)_roll.Count || c.ChunkCount != _nextChunk) rc.Fail(at, $"commitment says {c.EntryCount} entries in {c.ChunkCount} chunks; the log has {_roll.Count} in {_nextChunk}");
        else if (!CryptographicOperations.FixedTimeEquals(digest, c.RollDigest.Span)) rc.Fail(at, "roll_digest does not match the published entries");
        else rc.Ok();
        _rollCommitted = true;
    }

    private void Enroll(ulong at, Enrollment en)
    {
        var d = check("enrollment.distinct-entry");
        string cred = K(en.CredentialKey.Span);
        if (Definition!.RollKind != RollKind.EnrollmentKeys) d.Fail(at, "an enrollment in an election whose roll holds credential keys");
        else if (!_rollCommitted || CloseIndex is not null) d.Fail(at, "an enrollment outside the committed roll's lifetime (before the commitment or after Close)");
        else if (en.RollIndex >= (ulong)_roll.Count) d.Fail(at, $"roll entry {en.RollIndex} does not exist");
        else if (_enrolledEntries.ContainsKey(en.RollIndex)) d.Fail(at, $"roll entry {en.RollIndex} enrolled twice");
        else if (_enrolledCredentials.Contains(cred)) d.Fail(at, "credential enrolled twice");
        else
        {
            d.Ok();
            if (VoterSigning.CheckEnrollment(en, _roll[(int)en.RollIndex]) is { } bad) { check("enrollment.signature").Fail(at, bad); return; }
            check("enrollment.signature").Ok();
            _enrolledEntries[en.RollIndex] = cred;
            _enrolledCredentials.Add(cred);
        }
    }

    private void OpenAct(ulong at, Open o)
    {
        Act(at, o);
        if (OpenIndex is not null) check("open.once").Fail(at, "a second Open");
        else if (!_rollCommitted) check("open.once").Fail(at, "Open before the roll commitment");
        else { OpenIndex = at; check("open.once").Ok(); }
    }

    private void Cast(ulong at, Ballot b)
    {
        var v = BallotRules.Check(b, Definition!, checkSignature: false)
            ?? (_signatureValid[at] ? null : BallotRules.BadSignature);
        if (v is not null) { check(v.Check).Fail(at, v.Message); return; }
        foreach (var name in new[] { "ballot.election-id", "ballot.form", "ballot.content", "ballot.signature" }) check(name).Ok();
        string cred = K(b.CredentialKey.Span);
        bool eligible = Definition!.RollKind == RollKind.CredentialKeys ? _rollCommitted && _rollIndex.ContainsKey(cred) : _enrolledCredentials.Contains(cred);
        if (!eligible) { check("ballot.on-roll").Fail(at, "the credential is not on the committed roll (or not enrolled) at this point"); return; }
        check("ballot.on-roll").Ok();
        if (OpenIndex is null || CloseIndex is not null) { check("ballot.in-window").Fail(at, OpenIndex is null ? "a ballot before Open" : "a ballot after Close"); return; }
        check("ballot.in-window").Ok();
        if (_counted.ContainsKey(cred))
        {
            if (Definition.RevotePolicy == RevotePolicy.Single) { check("ballot.revote").Fail(at, "a second ballot by one credential in a one-ballot election"); return; }
            _counted[cred] = b; // the last ballot counts
        }
        else
        {
            _counted[cred] = b;
            _voteOrder.Add(cred);
        }
        check("ballot.revote").Ok();
    }

    private void CloseAct(ulong at, Close c)
    {
        Act(at, c);
        var cl = check("close.once");
        if (CloseIndex is not null) { cl.Fail(at, "a second Close"); return; }
        if (OpenIndex is null) cl.Fail(at, "Close before Open");
        else if (c.TieBreakSeed.Length != 32 || !CryptographicOperations.FixedTimeEquals(RollMath.SeedCommitment(c.TieBreakSeed.Span), Definition!.TieBreakSeedCommitment.Span))
            cl.Fail(at, "the revealed tie-break seed does not match the definition's commitment");
        else cl.Ok();
        CloseIndex = at;
        Seed = c.TieBreakSeed.ToByteArray();
    }

    private void Declare(ulong at, Declaration d)
    {
        Act(at, d);
        if (CloseIndex is null) { check("after-close.permitted").Fail(at, "a Declaration before Close"); return; }
        if (Declaration is not null) { check("after-close.permitted").Fail(at, "a second Declaration"); return; }
        check("after-close.permitted").Ok();
        Declaration = (at, d);
    }
}
