using Google.Protobuf;
using Voting.Core.Crypto;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Core.Services;
using Voting.Rpc;
using Voting.Synthetic;

namespace Voting.Server.Tests;

/// <summary>One test per row of docs/spec/errors.md: the documented status, and nothing appended.</summary>
public sealed class ErrorTableTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private GrpcClient _c = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _c = _server.Client();
    }

    public async ValueTask DisposeAsync()
    {
        _c.Dispose();
        await _server.DisposeAsync();
    }

    private static int _next;
    private static Scenario NewScenario(int voters = 3, string? id = null) =>
        new(new SyntheticElection(voters, id ?? $"errors-{Interlocked.Increment(ref _next)}"));

    private async Task<ulong> Size(string id) =>
        Checkpoint.ParseText(SignedNote.Parse((await _c.Checkpoint(id)).Checkpoint).Text).Size;

    /// <summary>The call fails with the status, and the election's log (if any) did not grow.</summary>
    private async Task<RpcException> Refused(string id, StatusCode status, Func<Task> call, string? messagePart = null)
    {
        ulong? before = id.Length > 0 ? await Size(id) : null;
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(status, e.Status);
        if (messagePart is not null) Assert.Contains(messagePart, e.Message, StringComparison.Ordinal);
        if (before is { } b) Assert.Equal(b, await Size(id));
        return e;
    }

    private async Task<Scenario> OpenElection(int voters = 3)
    {
        var s = NewScenario(voters);
        await s.ToOpen(_c);
        return s;
    }

    // ---- transport rows, through the real server's Cast

    [Fact]
    public async Task T1_to_T8_TransportErrorsAppendNothing()
    {
        var s = await OpenElection();
        var id = s.Election.ElectionId;
        ulong before = await Size(id);
        const string Cast = "/voting.v1.VoterService/Cast";
        var good = Framing.Frame(new CastRequest { Ballot = s.Election.BallotOf(0) }.ToByteArray());
        Assert.Equal(StatusCode.InvalidArgument, (await _c.CallRawAsync(Cast, Framing.Frame([0x0a, 0x09, 0x01]))).Status);
        Assert.Equal(StatusCode.Internal, (await _c.CallRawAsync(Cast, good[..^3])).Status);
        Assert.Equal(StatusCode.ResourceExhausted, (await _c.CallRawAsync(Cast, [0, 0x7f, 0, 0, 0, 1, 2, 3])).Status);
        // Two frames, each within the limit, but together past the host's body limit: refused before any frame is read.
        var nearLimit = Framing.Frame(new byte[4 * 1024 * 1024 - 16]);
        var (tooLong, why) = await _c.CallRawAsync(Cast, [.. nearLimit, .. nearLimit]);
        Assert.Equal(StatusCode.ResourceExhausted, tooLong);
        Assert.Contains("larger than the 4194304 bytes a message may have", why, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unimplemented, (await _c.CallRawAsync(Cast, good, [("grpc-encoding", "gzip")])).Status);
        Assert.Equal(StatusCode.Internal, (await _c.CallRawAsync(Cast, [.. good, .. good])).Status);
        Assert.Equal(StatusCode.Internal, (await _c.CallRawAsync(Cast, [])).Status);
        Assert.Equal(StatusCode.Internal, (await _c.CallRawAsync(Cast, good, [("grpc-timeout", "later")])).Status);
        Assert.Equal(StatusCode.Unimplemented, (await _c.CallRawAsync("/voting.v1.VoterService/Vote", good)).Status);
        Assert.Equal(before, await Size(id));
    }

    [Fact]
    public async Task T7_ExpiredDeadline()
    {
        var s = await OpenElection();
        // A deadline that has already passed when the call starts: nothing can be admitted.
        var e = await Assert.ThrowsAsync<RpcException>(() => _c.Cast(s.Election.BallotOf(0), TimeSpan.Zero));
        Assert.Equal(StatusCode.DeadlineExceeded, e.Status);
        // The server's own deadline: grpc-timeout of one nanosecond has passed before the request is read.
        var framed = Framing.Frame(new CastRequest { Ballot = s.Election.BallotOf(1) }.ToByteArray());
        Assert.Equal(StatusCode.DeadlineExceeded, (await _c.CallRawAsync("/voting.v1.VoterService/Cast", framed, [("grpc-timeout", "1n")])).Status);
        Assert.Equal(s.Election.Preamble().Count(), (int)await Size(s.Election.ElectionId));
    }

    [Fact]
    public async Task T9_Http11GrpcIsRefused()
    {
        using var http = new HttpClient();
        using var req = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Http, "/voting.v1.VoterService/Cast")) { Content = new ByteArrayContent(Framing.Frame([])) };
        req.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        using var resp = await http.SendAsync(req);
        Assert.Equal(System.Net.HttpStatusCode.UpgradeRequired, resp.StatusCode);
        Assert.Equal("13", resp.Headers.GetValues("grpc-status").Single());
    }

    // ---- organiser rows

    [Fact]
    public async Task O1_IllFormedDefinition()
    {
        var s = NewScenario();
        var d = s.Election.Definition.Clone();
        d.Contests[0].Seats = 99;
        d.Signatures.Clear();
        OrganiserSigning.Sign(d, 0, s.Election.Organiser);
        await Refused("", StatusCode.InvalidArgument, () => _c.Create(d), "99 seats but only 6 candidates");
        await Refused("", StatusCode.NotFound, () => _c.Election(s.Election.ElectionId));
    }

    [Fact]
    public async Task O2_UnsignedOrWronglySignedDefinition()
    {
        var s = NewScenario();
        var unsigned = s.Election.Definition.Clone();
        unsigned.Signatures.Clear();
        await Refused("", StatusCode.PermissionDenied, () => _c.Create(unsigned), "no organiser signature");
        var wrong = unsigned.Clone();
        OrganiserSigning.Sign(wrong, 0, new NoteSigner("mallory", new byte[32]));
        await Refused("", StatusCode.PermissionDenied, () => _c.Create(wrong), "does not verify");
        await Refused("", StatusCode.NotFound, () => _c.Election(s.Election.ElectionId));
    }

    [Fact]
    public async Task O3_DuplicateElection()
    {
        var s = NewScenario();
        await _c.Create(s.Election.Definition);
        await Refused(s.Election.ElectionId, StatusCode.AlreadyExists, () => _c.Create(s.Election.Definition));
    }

    [Fact]
    public async Task O4_UnknownElection()
    {
        var s = NewScenario();
        await Refused("", StatusCode.NotFound, () => _c.CommitRoll(s.RollRequest()), "no election");
        await Refused("", StatusCode.NotFound, () => _c.Open(s.OpenAct()));
    }

    [Fact]
    public async Task O5_OrganiserActsMustBeSignedByTheElectionsOrganisers()
    {
        var s = NewScenario();
        var id = s.Election.ElectionId;
        await _c.Create(s.Election.Definition);
        var roll = s.RollRequest();
        roll.Commitment.Signatures.Clear();
        await Refused(id, StatusCode.PermissionDenied, () => _c.CommitRoll(roll), "no organiser signature");
        OrganiserSigning.Sign(roll.Commitment, 0, new NoteSigner("mallory", new byte[32]));
        await Refused(id, StatusCode.PermissionDenied, () => _c.CommitRoll(roll));
        // An act signed for another election cannot be replayed here.
        var other = NewScenario();
        var foreignOpen = other.OpenAct().Clone();
        foreignOpen.ElectionId = id;
        await Refused(id, StatusCode.PermissionDenied, () => _c.Open(foreignOpen));
    }

    [Fact]
    public async Task O6_O8_PhaseOrderIsEnforced()
    {
        var s = NewScenario();
        var id = s.Election.ElectionId;
        await _c.Create(s.Election.Definition);
        await Refused(id, StatusCode.FailedPrecondition, () => _c.Open(s.OpenAct()), "roll must be committed");
        await _c.CommitRoll(s.RollRequest());
        await Refused(id, StatusCode.FailedPrecondition, () => _c.CommitRoll(s.RollRequest()), "only once");
        await _c.Open(s.OpenAct());
        await Refused(id, StatusCode.FailedPrecondition, () => _c.Open(s.OpenAct()), "already");
    }

    [Fact]
    public async Task O7_RollMustMatchItsCommitment()
    {
        var s = NewScenario();
        var id = s.Election.ElectionId;
        await _c.Create(s.Election.Definition);
        var shortKey = s.RollRequest();
        shortKey.Entries[1] = ByteString.CopyFrom(new byte[31]);
        await Refused(id, StatusCode.InvalidArgument, () => _c.CommitRoll(shortKey), "not a 32-byte public key");
        var repeated = s.RollRequest();
        repeated.Entries[2] = repeated.Entries[0];
        await Refused(id, StatusCode.InvalidArgument, () => _c.CommitRoll(repeated), "repeats");
        var extra = s.RollRequest();
        extra.Entries.Add(ByteString.CopyFrom(Ed25519.PublicKeyFromSeed(new byte[32])));
        await Refused(id, StatusCode.InvalidArgument, () => _c.CommitRoll(extra), "the commitment says 3 entries");
        var swapped = s.RollRequest();
        (swapped.Entries[0], swapped.Entries[1]) = (swapped.Entries[1], swapped.Entries[0]);
        await Refused(id, StatusCode.InvalidArgument, () => _c.CommitRoll(swapped), "roll_digest");
    }

    [Fact]
    public async Task O9_O10_O11_CloseAndDeclare()
    {
        var s = NewScenario();
        var id = s.Election.ElectionId;
        await _c.Create(s.Election.Definition);
        await Refused(id, StatusCode.FailedPrecondition, () => _c.Close(s.CloseAct()), "only an open election");
        await _c.CommitRoll(s.RollRequest());
        await _c.Open(s.OpenAct());
        var declaration = new Declaration { ElectionId = id, ResultDigest = ByteString.CopyFrom(new byte[32]) };
        OrganiserSigning.Sign(declaration, 0, s.Election.Organiser);
        await Refused(id, StatusCode.FailedPrecondition, () => _c.Declare(declaration), "after Close");
        var wrongSeed = new Close { ElectionId = id, ClosedAtUnix = 1, TieBreakSeed = ByteString.CopyFrom(new byte[32]) };
        OrganiserSigning.Sign(wrongSeed, 0, s.Election.Organiser);
        await Refused(id, StatusCode.InvalidArgument, () => _c.Close(wrongSeed), "tie-break seed");
        await _c.Close(s.CloseAct());
        await _c.Declare(declaration);
        await Refused(id, StatusCode.FailedPrecondition, () => _c.Declare(declaration));
    }

    [Fact]
    public async Task O12_StatusNeedsAFreshOrganiserSignature()
    {
        var s = await OpenElection();
        var id = s.Election.ElectionId;
        var req = new GetStatusRequest { ElectionId = id, IssuedAtUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        await Refused(id, StatusCode.PermissionDenied, () => _c.Status(req));
        OrganiserSigning.Sign(req, 0, s.Election.Organiser);
        await _c.Cast(s.Election.BallotOf(0));
        var status = await _c.Status(req);
        Assert.Equal(Phase.Open, status.Phase);
        Assert.Equal(1UL, status.Ballots);
        Assert.Equal(3UL, status.RollSize);
        var stale = new GetStatusRequest { ElectionId = id, IssuedAtUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600 };
        OrganiserSigning.Sign(stale, 0, s.Election.Organiser);
        await Refused(id, StatusCode.PermissionDenied, () => _c.Status(stale), "more than 300 s");
    }

    // ---- voter rows

    [Fact]
    public async Task V1_WrongElection()
    {
        var s = NewScenario();
        await Refused("", StatusCode.NotFound, () => _c.Cast(s.Election.BallotOf(0)));
    }

    [Fact]
    public async Task V2_ClosedOrNotYetOpen()
    {
        var s = NewScenario();
        var id = s.Election.ElectionId;
        await _c.Create(s.Election.Definition);
        await _c.CommitRoll(s.RollRequest());
        await Refused(id, StatusCode.FailedPrecondition, () => _c.Cast(s.Election.BallotOf(0)), "not opened");
        await _c.Open(s.OpenAct());
        await _c.Close(s.CloseAct());
        await Refused(id, StatusCode.FailedPrecondition, () => _c.Cast(s.Election.BallotOf(1)), "voting has closed");
    }

    private static Ballot Resign(Scenario s, int voter, Action<Ballot> change)
    {
        var b = s.Election.BallotOf(voter).Clone();
        change(b);
        VoterSigning.SignBallot(b, s.Election.CredentialSeed(voter));
        return b;
    }

    [Fact]
    public async Task V3_InvalidContent()
    {
        var s = await OpenElection();
        var id = s.Election.ElectionId;
        await Refused(id, StatusCode.InvalidArgument, () => _c.Cast(Resign(s, 0, b => { b.Plain.Votes[0].Choices.Clear(); b.Plain.Votes[0].Choices.Add([2, 4, 2]); })), "ranked twice");
        await Refused(id, StatusCode.InvalidArgument, () => _c.Cast(Resign(s, 0, b => b.Plain.Votes[1].Choices[0] = 7)), "names no candidate");
        await Refused(id, StatusCode.InvalidArgument, () => _c.Cast(Resign(s, 0, b => b.Plain.Votes[1].Choices.Add(0))), "at most one");
        await Refused(id, StatusCode.InvalidArgument, () => _c.Cast(Resign(s, 0, b => b.Plain.Votes.RemoveAt(1))), "contest votes");
        await Refused(id, StatusCode.InvalidArgument, () => _c.Cast(Resign(s, 0, b => b.ClientNonce = ByteString.CopyFrom(new byte[4]))), "nonce");
    }

    [Fact]
    public async Task V4_BadSignatureAndCrossElectionReplay()
    {
        var s = await OpenElection();
        var id = s.Election.ElectionId;
        var tampered = s.Election.BallotOf(0).Clone();
        tampered.Plain.Votes[1].Choices[0] ^= 1;
        await Refused(id, StatusCode.PermissionDenied, () => _c.Cast(tampered), "signature");
        // The same credentials and ballots exist in a second election; a ballot from the first, pointed at it, fails.
        var twin = new Scenario(new SyntheticElection(3, id + "-twin"));
        await twin.ToOpen(_c);
        var replayed = s.Election.BallotOf(0).Clone();
        replayed.ElectionId = twin.Election.ElectionId;
        await Refused(twin.Election.ElectionId, StatusCode.PermissionDenied, () => _c.Cast(replayed), "signature");
    }

    [Fact]
    public async Task V5_NotOnTheRoll()
    {
        var s = await OpenElection(voters: 3);
        var bigger = new SyntheticElection(5, s.Election.ElectionId); // same seed: voters 3 and 4 are not on the 3-member roll
        await Refused(s.Election.ElectionId, StatusCode.PermissionDenied, () => _c.Cast(bigger.BallotOf(4)), "not on the roll");
    }

    [Fact]
    public async Task V6_V7_RevoteRuleAndIdempotentRepeats()
    {
        var s = await OpenElection();
        var id = s.Election.ElectionId;
        var first = await _c.Cast(s.Election.BallotOf(0));
        var again = await _c.Cast(s.Election.BallotOf(0));
        Assert.Equal(first.Index, again.Index);
        Assert.Equal(first.Record, again.Record);
        var second = Resign(s, 0, b => b.ClientNonce = ByteString.CopyFrom(Enumerable.Repeat((byte)9, 16).ToArray()));
        await Refused(id, StatusCode.AlreadyExists, () => _c.Cast(second), "one ballot per member");
    }

    internal static (ElectionDefinition Def, NoteSigner Org, string[] Codes, byte[][] RollKeys) EnrollmentElection(string id)
    {
        var org = new NoteSigner("organiser", Enumerable.Repeat((byte)3, 32).ToArray());
        var d = new SyntheticElection(1, id).Definition.Clone();
        d.RollKind = RollKind.EnrollmentKeys;
        d.OrganiserKeys.Clear();
        d.OrganiserKeys.Add(ByteString.CopyFrom(org.PublicKey));
        d.Signatures.Clear();
        OrganiserSigning.Sign(d, 0, org);
        var codes = new[] { "AAAA-1111", "BBBB-2222", "CCCC-3333" };
        return (d, org, codes, [.. codes.Select(c => Ed25519.PublicKeyFromSeed(RollMath.EnrollmentSeed(id, c)))]);
    }

    [Fact]
    public async Task V8_to_V11_Enrollment()
    {
        var id = $"errors-enroll-{Interlocked.Increment(ref _next)}";
        var (d, org, codes, keys) = EnrollmentElection(id);
        await _c.Create(d);
        var credential = Enumerable.Repeat((byte)42, 32).ToArray();
        Enrollment Make(ulong index, string code, byte[] cred)
        {
            var e = new Enrollment { ElectionId = id, RollIndex = index, CredentialKey = ByteString.CopyFrom(Ed25519.PublicKeyFromSeed(cred)) };
            VoterSigning.SignEnrollment(e, RollMath.EnrollmentSeed(id, code), cred);
            return e;
        }
        await Refused(id, StatusCode.FailedPrecondition, () => _c.Enroll(Make(0, codes[0], credential)), "committed roll");
        var commitment = new RollCommitment { ElectionId = id, EntryCount = 3, ChunkCount = 1, RollDigest = ByteString.CopyFrom(RollMath.Digest(keys.Select(k => (ReadOnlyMemory<byte>)k))) };
        OrganiserSigning.Sign(commitment, 0, org);
        var roll = new CommitRollRequest { ElectionId = id, Commitment = commitment };
        roll.Entries.AddRange(keys.Select(ByteString.CopyFrom));
        await _c.CommitRoll(roll);
        await Refused(id, StatusCode.InvalidArgument, () => _c.Enroll(Make(7, codes[0], credential)), "does not exist");
        await Refused(id, StatusCode.PermissionDenied, () => _c.Enroll(Make(1, codes[0], credential)), "roll signature");
        var first = await _c.Enroll(Make(0, codes[0], credential));
        Assert.Equal(first.Index, (await _c.Enroll(Make(0, codes[0], credential))).Index);
        await Refused(id, StatusCode.AlreadyExists, () => _c.Enroll(Make(0, codes[0], Enumerable.Repeat((byte)43, 32).ToArray())), "already enrolled");
        await Refused(id, StatusCode.AlreadyExists, () => _c.Enroll(Make(1, codes[1], credential)), "credential key is already enrolled");

        var credentialRoll = await OpenElection();
        var elsewhere = Make(0, codes[0], credential);
        elsewhere.ElectionId = credentialRoll.Election.ElectionId;
        await Refused(credentialRoll.Election.ElectionId, StatusCode.FailedPrecondition, () => _c.Enroll(elsewhere), "nothing to enroll");
    }

    [Fact]
    public async Task V12_UnknownReceipt()
    {
        var s = await OpenElection();
        await Refused(s.Election.ElectionId, StatusCode.NotFound, () => _c.UnaryAsync("/voting.v1.VoterService/GetReceipt",
            new GetReceiptRequest { ElectionId = s.Election.ElectionId, LeafHash = ByteString.CopyFrom(new byte[32]) }, AppendResponse.Parser));
    }

    // ---- log rows

    [Fact]
    public async Task L1_to_L6_LogQueries()
    {
        var s = await OpenElection();
        var id = s.Election.ElectionId;
        await _c.Cast(s.Election.BallotOf(0));
        ulong size = await Size(id);
        await Refused("", StatusCode.NotFound, () => _c.Checkpoint("nope"));
        await Refused(id, StatusCode.InvalidArgument, () => _c.Entries(id, 2, 2));
        await Refused(id, StatusCode.OutOfRange, () => _c.Entries(id, 0, size + 1));
        Assert.Equal(4, (await _c.Entries(id, 0, 4)).Entries.Count); // definition, chunk, commitment, open: public
        await Refused(id, StatusCode.FailedPrecondition, () => _c.Entries(id, 0, size), "published when voting closes");
        await Refused(id, StatusCode.OutOfRange, () => _c.UnaryAsync("/voting.v1.LogService/GetInclusionProof",
            new GetInclusionProofRequest { ElectionId = id, Index = size, Size = size }, ProofResponse.Parser));
        await Refused(id, StatusCode.OutOfRange, () => _c.Consistency(id, 0, size));
        using var http = new HttpClient();
        var tile = await http.GetAsync(new Uri(_server.Http, $"/elections/{id}/tile/entries/000.p/{size}"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, tile.StatusCode);
        var hashes = await http.GetAsync(new Uri(_server.Http, $"/elections/{id}/tile/0/000.p/{size}"));
        Assert.Equal(System.Net.HttpStatusCode.OK, hashes.StatusCode);
        Assert.Equal((int)size * 32, (await hashes.Content.ReadAsByteArrayAsync()).Length);
        await _c.Close(s.CloseAct());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(_server.Http, $"/elections/{id}/tile/entries/000.p/{size}"))).StatusCode);
    }
}
