using Google.Protobuf;
using Voting.Core.Records;
using Voting.Protocol;
using Voting.Synthetic;

namespace Voting.Server.Tests;

/// <summary>
/// The rows of the split roll, ballot styles, participation and disputes (errors.md O17–O21, V12–V17), each through
/// the real server with nothing appended; and the attack they stop — the office, holding every office code, enrolling
/// abstainers — refused.
/// </summary>
public sealed partial class ErrorTableTests
{
    /// <summary>A split election (SplitElection, 4 voters) with a 600 s dispute window: created, and its roll committed.</summary>
    private async Task<SplitElection> SplitCommitted()
    {
        var split = new SplitElection(LiveElection.Of(4, $"split-{Interlocked.Increment(ref _next)}"), disputeWindowSeconds: 600);
        await Created(split);
        await _c.CommitRoll(split.RollRequest());
        return split;
    }

    private async Task<SplitElection> SplitOpen()
    {
        var split = await SplitCommitted();
        await _c.AttestRoll(split.Attestation());
        await _c.Open(split.OpenAct());
        return split;
    }

    /// <summary>Creates the election and learns record 0's leaf hash, which the attestation binds.</summary>
    private async Task Created(SplitElection split) =>
        split.DefinitionLeafHash = Voting.Core.Records.Chain.LeafHash((await _c.Create(split.Definition)).Record.ToByteArray());

    private static RollAttestation Resigned(SplitElection split, Action<RollAttestation> change, byte[]? seed = null)
    {
        var a = split.Attestation();
        change(a);
        IssuerSigning.SignAttestation(a, seed ?? split.IssuerSeed);
        return a;
    }

    [Fact]
    public async Task O17_to_O20_TheIssuersAttestationAndAudit()
    {
        var split = new SplitElection(LiveElection.Of(4, $"split-{Interlocked.Increment(ref _next)}"), disputeWindowSeconds: 600);
        var id = split.Election.ElectionId;
        await Created(split);
        await Refused(id, ErrorRows.O18, () => _c.AttestRoll(split.Attestation()), "before the roll commitment");
        await _c.CommitRoll(split.RollRequest());
        await Refused(id, ErrorRows.O17, () => _c.Open(split.OpenAct()), "before the independent issuer attested");
        await Refused(id, ErrorRows.O18, () => _c.RecordRollAudit(split.Audit()), "before the issuer's attestation");
        await Refused(id, ErrorRows.O19, () => _c.AttestRoll(Resigned(split, a => a.StyleCounts[0]++)), "entries per style");
        await Refused(id, ErrorRows.O19, () => _c.AttestRoll(Resigned(split, a => a.RollAuditSeed = ByteString.CopyFrom(new byte[32]))), "roll_audit_commitment");
        await Refused(id, ErrorRows.O19, () => _c.AttestRoll(Resigned(split, a => a.EntryCount++)), "counts 5 entries");
        await Refused(id, ErrorRows.O19, () => _c.AttestRoll(Resigned(split, a => a.DefinitionLeafHash = ByteString.CopyFrom(new byte[32]))), "another definition than record 0");
        await Refused(id, ErrorRows.O20, () => _c.AttestRoll(Resigned(split, _ => { }, seed: new byte[32])), "issuer_key");
        var attested = await _c.AttestRoll(split.Attestation());
        Assert.Equal(attested.Index, (await _c.AttestRoll(split.Attestation())).Index); // a repeat gets its record
        await Refused(id, ErrorRows.O18, () => _c.AttestRoll(Resigned(split, a => a.StyleCounts.Add(0))), "attested already");
        var wrongSample = split.Audit();
        wrongSample.Findings.RemoveAt(0);
        IssuerSigning.SignAudit(wrongSample, split.IssuerSeed);
        await Refused(id, ErrorRows.O19, () => _c.RecordRollAudit(wrongSample), "the sample drawn from the seed has 4");
        var forged = split.Audit();
        IssuerSigning.SignAudit(forged, new byte[32]);
        await Refused(id, ErrorRows.O20, () => _c.RecordRollAudit(forged), "issuer_key");
        await _c.RecordRollAudit(split.Audit());
        await _c.Open(split.OpenAct());
        // An election without an issuer takes no attestation.
        var plain = NewScenario();
        await _c.Create(plain.Election.Definition);
        await _c.CommitRoll(plain.RollRequest());
        var forPlain = Resigned(split, a => a.ElectionId = plain.Election.ElectionId);
        await Refused(plain.Election.ElectionId, ErrorRows.O18, () => _c.AttestRoll(forPlain), "names no independent issuer");
    }

    [Fact]
    public async Task O21_TheDeclarationWaitsForTheAuditAndTheDisputeWindow()
    {
        var split = await SplitOpen();
        var id = split.Election.ElectionId;
        await _c.Close(split.Election.CloseRecord().Close);
        await _c.RevealLot(split.Election.LotRevealAct());
        var declaration = new Declaration { ElectionId = id, ResultDigest = ByteString.CopyFrom(new byte[32]) };
        OrganiserSigning.Sign(declaration, 0, split.Election.Organiser);
        await Refused(id, ErrorRows.O21, () => _c.Declare(declaration), "roll audit is not recorded");
        await _c.RecordRollAudit(split.Audit());
        await Refused(id, ErrorRows.O21, () => _c.Declare(declaration), "before the dispute window ended");
        _clock.Now += TimeSpan.FromSeconds(603); // past the window, not past the margin after it
        try { await Refused(id, ErrorRows.O21, () => _c.Declare(declaration), "taken 5 s after it ends"); }
        finally { _clock.Now -= TimeSpan.FromSeconds(603); }
        _clock.Now += TimeSpan.FromSeconds(606);
        try { await _c.Declare(declaration); }
        finally { _clock.Now -= TimeSpan.FromSeconds(606); }
    }

    /// <summary>
    /// The attack of issue 15: the office holds every office code and enrols in the name of members who never did —
    /// without the issuer's half it cannot (V12); with a wrong half neither. The member, holding both, still can.
    /// </summary>
    [Fact]
    public async Task V12_TheOfficesCodeAloneCannotEnrol()
    {
        var split = await SplitOpen();
        var id = split.Election.ElectionId;
        var officeOnly = split.EnrollmentOf(2);
        officeOnly.IssuerSignature = ByteString.Empty;
        await Refused(id, ErrorRows.V12, () => _c.Enroll(officeOnly), "the office's code alone cannot enrol");
        var wrongHalf = split.EnrollmentOf(2);
        IssuerSigning.SignEnrollmentIssuerHalf(wrongHalf, split.IssuerHalfSeed(3)); // another member's issuer code
        await Refused(id, ErrorRows.V12, () => _c.Enroll(wrongHalf), "does not verify against roll entry 2");
        await _c.Enroll(split.EnrollmentOf(2));
    }

    [Fact]
    public async Task V13_ABallotOutsideItsVotersStyleIsRefused()
    {
        var split = await SplitOpen();
        var id = split.Election.ElectionId;
        await _c.Enroll(split.EnrollmentOf(1)); // voter 1: chair-only
        var outside = split.Election.BallotOf(1); // ranks the committee too
        await Refused(id, ErrorRows.V13, () => _c.Cast(outside), "marks contest \"committee\", which is not in its voter's ballot style \"chair-only\"");
        await _c.Cast(split.BallotOf(1));
    }

    private static GetParticipationRequest Asking(SplitElection split, int voter, byte[] seed, long issuedAt)
    {
        var r = new GetParticipationRequest { ElectionId = split.Election.ElectionId, RollIndex = (ulong)voter, IssuedAtUnix = issuedAt };
        r.Sign(seed);
        return r;
    }

    [Fact]
    public async Task V14_ParticipationIsForTheEntrysOwnCodes()
    {
        var split = await SplitOpen();
        long now = _clock.Now.ToUnixTimeSeconds();
        await Refused("", ErrorRows.V14, () => _c.Participation(Asking(split, 0, split.OfficeSeed(1), now)), "not signed by the office half of roll entry 0");
        await Refused("", ErrorRows.V14, () => _c.Participation(Asking(split, 9, split.OfficeSeed(1), now)), "roll entry 9");
        await Refused("", ErrorRows.V14, () => _c.Participation(Asking(split, 0, split.OfficeSeed(0), now - 301)), "more than 300 s");
        await Refused("", ErrorRows.V14, () => _c.Participation(Asking(split, 0, split.IssuerHalfSeed(0), now)), "office half"); // the issuer may not ask
        await Refused("", ErrorRows.V14, () => _c.Participation(Asking(split, 0, split.OfficeSeed(0), long.MinValue)), "more than 300 s");
        var before = await _c.Participation(Asking(split, 0, split.OfficeSeed(0), now));
        Assert.Null(before.Enrollment);
        Assert.Empty(before.BallotIndexes);
        Assert.Equal("full", before.StyleId);
        var enrolled = await _c.Enroll(split.EnrollmentOf(0));
        var cast = await _c.Cast(split.BallotOf(0));
        var after = await _c.Participation(Asking(split, 0, split.OfficeSeed(0), now));
        Assert.Equal(enrolled.Index, after.Enrollment.Index);
        Assert.Equal(split.EnrollmentOf(0), Canonical.Parse(after.Enrollment.Record.Span).Enrollment);
        Assert.Equal([cast.Index], after.BallotIndexes);
        Assert.False(after.HasDisputeIndex);
    }

    [Fact]
    public async Task V15_to_V17_Disputes()
    {
        var split = await SplitOpen();
        var id = split.Election.ElectionId;
        await _c.Enroll(split.EnrollmentOf(0));
        await _c.Cast(split.BallotOf(0));
        await Refused(id, ErrorRows.V15, () => _c.Dispute(split.DisputeOf(0)), "before Close");
        await _c.Close(split.Election.CloseRecord().Close);
        await Refused(id, ErrorRows.V16, () => _c.Dispute(split.DisputeOf(1)), "never enrolled");
        var outOfRange = new Dispute { ElectionId = id, RollIndex = 7 };
        IssuerSigning.SignDispute(outOfRange, split.OfficeSeed(0), split.IssuerHalfSeed(0));
        await Refused(id, ErrorRows.V16, () => _c.Dispute(outOfRange), "does not exist");
        var officeOnly = split.DisputeOf(0);
        officeOnly.IssuerSignature = ByteString.Empty;
        await Refused(id, ErrorRows.V17, () => _c.Dispute(officeOnly), "issuer half's signature");
        var disputed = await _c.Dispute(split.DisputeOf(0));
        Assert.Equal(disputed.Index, (await _c.Dispute(split.DisputeOf(0))).Index); // a repeat gets its record
        var p = await _c.Participation(Asking(split, 0, split.OfficeSeed(0), _clock.Now.ToUnixTimeSeconds()));
        Assert.Equal(disputed.Index, p.DisputeIndex);
        Assert.True(p.DisputeWindowEndsMs > 0);
        // While members may dispute, no record after Open is published: the tally would let them withdraw knowingly.
        ulong size = await Size(id);
        await Refused(id, ErrorRows.L3, () => _c.Entries(id, 0, size), "dispute window");
        _clock.Now += TimeSpan.FromSeconds(595); // within the window, but not 10 s before its end
        try { await Refused(id, ErrorRows.V15, () => _c.Dispute(split.DisputeOf(2)), "after the window ended"); }
        finally { _clock.Now -= TimeSpan.FromSeconds(595); }
        _clock.Now += TimeSpan.FromSeconds(601);
        try { Assert.Equal((int)size, (await _c.Entries(id, 0, size)).Entries.Count); }
        finally { _clock.Now -= TimeSpan.FromSeconds(601); }
    }
}
