using Google.Protobuf;
using Voting.Core.Crypto;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Protocol;
using Grpc.Core;
using Voting.Synthetic;

namespace Voting.Server.Tests;

/// <summary>
/// Casts that race each other. The server checks a ballot's signature with no lock held and then reads the election's
/// state again, so whatever arrives in that gap — the same ballot, another ballot of the same member, Close — must
/// still be seen. The election host's test hook holds casts in the gap, which makes each race happen every time.
/// </summary>
public class ConcurrentCastTests
{
    private const ulong Preamble = 4; // definition, one roll chunk, roll commitment, Open

    /// <summary>Holds every call that reaches the gap until `count` of them are there, then lets them all go on.</summary>
    private sealed class Barrier(int count)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;
        public Task AllArrived => _all.Task;
        public Task Arrive()
        {
            if (Interlocked.Increment(ref _arrived) == count) _all.TrySetResult();
            return _all.Task;
        }
    }

    private static Task<ulong> LogSize(VotingClients c, SyntheticElection e) => LogSizeOf(c, e.ElectionId);

    /// <summary>Each client sends its share of the ballots one after another; every outcome is kept.</summary>
    private static async Task<(List<string> Receipts, List<RpcException> Refused)> CastAll(TestServer server, List<Ballot> ballots, int clients, Action<int>? recorded = null)
    {
        var pool = Enumerable.Range(0, clients).Select(_ => server.Client()).ToArray();
        var receipts = new List<string>();
        var refused = new List<RpcException>();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, clients).Select(k => Task.Run(async () =>
            {
                for (int i = k; i < ballots.Count; i += clients)
                {
                    try
                    {
                        var r = await pool[k].Cast(ballots[i]);
                        int n;
                        lock (receipts) { receipts.Add(r.Receipt); n = receipts.Count; }
                        recorded?.Invoke(n);
                    }
                    catch (RpcException e) { lock (refused) refused.Add(e); }
                }
            })));
        }
        finally { foreach (var c in pool) c.Dispose(); }
        return (receipts, refused);
    }

    private static Ballot Revote(SyntheticElection e, int voter, byte nonce)
    {
        var b = e.BallotOf(voter).Clone();
        b.ClientNonce = ByteString.CopyFrom(Enumerable.Repeat(nonce, 16).ToArray());
        VoterSigning.SignBallot(b, e.CredentialSeed(voter));
        return b;
    }

    /// <summary>A server with one open election of `voters` members, and an organiser's client; both go with it.</summary>
    private sealed class OpenElection : IAsyncDisposable
    {
        public required TestServer Server { get; init; }
        public required Scenario Scenario { get; init; }
        public required VotingClients Organiser { get; init; }
        public SyntheticElection Election => Scenario.Election;

        /// <summary>Every cast of this election waits for `pause` between its signature check and its second look.</summary>
        public Func<Task> HoldAfterSignatureCheck { set => Server.Host(Election.ElectionId).AfterSignatureCheck = value; }

        public static async Task<OpenElection> Start(int voters)
        {
            var server = await TestServer.StartAsync();
            var e = new OpenElection { Server = server, Scenario = new Scenario(LiveElection.Of(voters)), Organiser = server.Client() };
            await e.Scenario.ToOpen(e.Organiser);
            return e;
        }

        public async ValueTask DisposeAsync()
        {
            Organiser.Dispose();
            await Server.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheSameBallotCheckedByEightCallsAtOnceIsRecordedOnce()
    {
        await using var e = await OpenElection.Start(3);
        var barrier = new Barrier(8);
        e.HoldAfterSignatureCheck = barrier.Arrive;

        var (receipts, refused) = await CastAll(e.Server, [.. Enumerable.Repeat(e.Election.BallotOf(1), 8)], clients: 8);

        Assert.Empty(refused);
        Assert.Equal(8, receipts.Count);
        Assert.Single(receipts.Select(r => Receipt.Parse(r).Index).Distinct());
        Assert.Equal(Preamble + 1, await LogSize(e.Organiser, e.Election));
    }

    [Fact]
    public async Task OfEightDifferentBallotsByOneMemberCheckedAtOnceExactlyOneIsRecorded()
    {
        await using var e = await OpenElection.Start(3);
        Assert.Equal(RevotePolicy.Single, e.Election.Definition.RevotePolicy);
        var barrier = new Barrier(8);
        e.HoldAfterSignatureCheck = barrier.Arrive;

        var (receipts, refused) = await CastAll(e.Server, [.. Enumerable.Range(0, 8).Select(k => Revote(e.Election, 0, (byte)k))], clients: 8);

        Assert.Single(receipts);
        Assert.Equal(7, refused.Count);
        Assert.All(refused, x => Assert.Equal(StatusCode.AlreadyExists, x.StatusCode));
        Assert.Equal(Preamble + 1, await LogSize(e.Organiser, e.Election));
    }

    [Fact]
    public async Task CastsWhoseSignaturesWereCheckedBeforeCloseButStateAfterItAreRefused()
    {
        await using var e = await OpenElection.Start(8);
        var barrier = new Barrier(8);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        e.HoldAfterSignatureCheck = () => { barrier.Arrive(); return release.Task; };

        var casting = CastAll(e.Server, [.. Enumerable.Range(0, 8).Select(e.Election.BallotOf)], clients: 8);
        await barrier.AllArrived; // all eight have passed the first look at the state and their signature checks
        await e.Organiser.Close(e.Scenario.CloseAct());
        release.SetResult();
        var (receipts, refused) = await casting;

        Assert.Empty(receipts);
        Assert.Equal(8, refused.Count);
        Assert.All(refused, x => Assert.Equal((StatusCode.FailedPrecondition, "voting has closed"), (x.StatusCode, x.Status.Detail)));
        Assert.Equal(Preamble + 1, await LogSize(e.Organiser, e.Election)); // Close, and nothing after it
    }

    [Fact]
    public async Task OfEightEnrollmentsOfOneRollEntryCheckedAtOnceExactlyOneIsRecorded()
    {
        await using var server = await TestServer.StartAsync();
        using var organiser = server.Client();
        const string id = "race-enroll";
        var (d, org, codes, keys) = ErrorTableTests.EnrollmentElection(id);
        await organiser.Create(d);
        await organiser.CommitRoll(ErrorTableTests.EnrollmentRoll(id, org, keys));
        var barrier = new Barrier(8);
        server.Host(id).AfterSignatureCheck = barrier.Arrive;

        // Entry 0's code used eight times, each time for a different credential key.
        var enrollments = Enumerable.Range(0, 8).Select(k =>
        {
            var credential = Enumerable.Repeat((byte)(100 + k), 32).ToArray();
            var e = new Enrollment { ElectionId = id, RollIndex = 0, CredentialKey = ByteString.CopyFrom(Ed25519.PublicKeyFromSeed(credential)) };
            VoterSigning.SignEnrollment(e, RollMath.EnrollmentSeed(id, codes[0]), credential);
            return e;
        }).ToList();
        var pool = enrollments.Select(_ => server.Client()).ToList();
        var outcomes = await Task.WhenAll(enrollments.Select(async (e, k) =>
        {
            try { await pool[k].Enroll(e); return StatusCode.OK; }
            catch (RpcException x) when (x.Status.Detail.Contains("already enrolled", StringComparison.Ordinal)) { return x.StatusCode; }
        }));
        foreach (var c in pool) c.Dispose();

        Assert.Single(outcomes, s => s == StatusCode.OK);
        Assert.Equal(7, outcomes.Count(s => s == StatusCode.AlreadyExists));
        Assert.Equal(4UL, await LogSizeOf(organiser, id)); // definition, roll chunk, commitment, one enrollment
    }

    private static async Task<ulong> LogSizeOf(VotingClients c, string electionId)
    {
        var logKey = Scenario.LogKey(await c.Election(electionId));
        return Checkpoint.ParseAndVerify((await c.Checkpoint(electionId)).Checkpoint, logKey).Checkpoint.Size;
    }

    /// <summary>The same without the hook: Close lands amid 16 clients casting 400 ballots back to back.</summary>
    [Fact]
    public async Task CastsRacingCloseEitherLandBeforeItOrAreRefused()
    {
        await using var e = await OpenElection.Start(400);
        // Close once 50 ballots have their receipts: then up to 16 casts are in flight and most are not yet sent.
        var fifty = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var casting = CastAll(e.Server, [.. Enumerable.Range(0, 400).Select(e.Election.BallotOf)], clients: 16,
            recorded: n => { if (n >= 50) fifty.TrySetResult(); });
        await Task.WhenAny(fifty.Task, casting);
        await e.Organiser.Close(e.Scenario.CloseAct());
        var (receipts, refused) = await casting;

        Assert.Equal(400, receipts.Count + refused.Count);
        Assert.All(refused, x => Assert.Equal((StatusCode.FailedPrecondition, "voting has closed"), (x.StatusCode, x.Status.Detail)));
        // The log: the preamble, then exactly the ballots that got receipts, then Close — nothing after it.
        var size = await LogSize(e.Organiser, e.Election);
        Assert.Equal(Preamble + (ulong)receipts.Count + 1, size);
        var records = (await e.Organiser.Entries(e.Election.ElectionId, 0, size)).Entries.Select(x => Canonical.Parse(x.Span)).ToList();
        Assert.Equal(LogRecord.BodyOneofCase.Close, records[^1].BodyCase);
        Assert.Equal(receipts.Count, records.Count(r => r.BodyCase == LogRecord.BodyOneofCase.Ballot));
        Assert.All(receipts, r => Assert.Equal(LogRecord.BodyOneofCase.Ballot, records[(int)Receipt.Parse(r).Index].BodyCase));
    }
}
