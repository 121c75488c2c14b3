using Scrutineer.Witness;
using Voting.Core.Notes;
using Grpc.Core;
using Voting.Synthetic;

namespace Voting.Server.Tests;

/// <summary>The ballot server's witness quorum against the scrutineer's own witness (C2SP tlog-witness), in process.</summary>
public class WitnessTests
{
    private const string LogHost = "test.voting.example";

    /// <summary>A data directory whose log key exists before the server starts, so the witnesses can be told its public key.</summary>
    internal static (string Dir, NoteVerifier HostKey) DataDirWithKey()
    {
        var dir = Directory.CreateTempSubdirectory("voting-witness-test-").FullName;
        var key = KeyFile.LoadOrCreate(Path.Combine(dir, "log.key"), LogHost);
        return (dir, key.Verifier);
    }

    internal static Task<WitnessServer> Witness(string name, NoteVerifier logKey, string? stateDir = null, string listen = "127.0.0.1:0")
    {
        var dir = stateDir ?? Directory.CreateTempSubdirectory("voting-witness-").FullName;
        var key = KeyFile.LoadOrCreate(Path.Combine(dir, name + ".key"), name);
        return WitnessServer.StartAsync(listen, key, [logKey], Path.Combine(dir, name + ".state"));
    }

    [Fact]
    public async Task ReceiptsCarryTheQuorumsCosignatures()
    {
        var (dir, hostKey) = DataDirWithKey();
        await using var w1 = await Witness("witness-one.example", hostKey);
        await using var w2 = await Witness("witness-two.example", hostKey);
        await using var server = await TestServer.StartAsync(dir, o => { o.LogHost = LogHost; o.Witnesses = [w1.Spec, w2.Spec]; o.WitnessQuorum = 2; });
        var scenario = new Scenario(LiveElection.Of(20, "witnessed"));
        using var c = server.Client();
        await scenario.ToOpen(c);
        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => c.Cast(scenario.Election.BallotOf(i))));
        var logKey = Scenario.LogKey(await c.Election("witnessed"));
        var witnesses = new[] { w1.Key.Verifier.AsCosignatureVerifier(), w2.Key.Verifier.AsCosignatureVerifier() };
        foreach (var r in receipts)
        {
            var receipt = Receipt.Parse(r.Receipt);
            receipt.Verify(logKey, witnesses);
            var sigs = SignedNote.Parse(receipt.CheckpointNote).Verify([logKey, .. witnesses]);
            Assert.Equal(2, sigs.Count(s => s.Timestamp is not null));
        }
        Assert.True(w1.Cosigned >= 2 && w2.Cosigned >= 2, "each witness saw several checkpoints, each consistent with the last");
        var published = (await c.Checkpoint("witnessed")).Checkpoint;
        Assert.Equal(3, SignedNote.Parse(published).Signatures.Count);
    }

    [Fact]
    public async Task AStoppedWitnessHaltsPublicationAndItsRestartResumesIt()
    {
        var (dir, hostKey) = DataDirWithKey();
        var stateDir = Directory.CreateTempSubdirectory("voting-witness-b-").FullName;
        await using var w1 = await Witness("witness-a.example", hostKey);
        var w2 = await Witness("witness-b.example", hostKey, stateDir);
        var w2Spec = w2.Spec;
        await using var server = await TestServer.StartAsync(dir, o => { o.LogHost = LogHost; o.Witnesses = [w1.Spec, w2Spec]; o.WitnessQuorum = 2; });
        var scenario = new Scenario(LiveElection.Of(3, "quorum"));
        using var c = server.Client();
        await scenario.ToOpen(c);
        var before = (await c.Checkpoint("quorum")).Checkpoint;
        await w2.DisposeAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => c.Cast(scenario.Election.BallotOf(0)));
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(Voting.Protocol.ErrorRows.V11, Voting.Protocol.ErrorRows.Of(e));
        Assert.Contains("witnesses have not cosigned", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await c.Checkpoint("quorum")).Checkpoint);
        // The stopped witness is named, with why it gave no cosignature.
        var stopped = w2Spec.Split(' ')[0];
        Assert.Contains($"{stopped}: ", e.Status.Detail, StringComparison.Ordinal);
        // The ballot is in the log: a repeat is not a second vote, and still has no receipt — and still says why.
        var repeat = await Assert.ThrowsAsync<RpcException>(() => c.Cast(scenario.Election.BallotOf(0)));
        Assert.Equal(StatusCode.Unavailable, repeat.StatusCode);
        Assert.Contains($"{stopped}: ", repeat.Status.Detail, StringComparison.Ordinal);

        // Same port, same key, same state file: the witness remembers what it cosigned and publication resumes.
        await using var restarted = await Witness("witness-b.example", hostKey, stateDir, $"127.0.0.1:{w2.Address.Port}");
        Assert.Equal(w2Spec, restarted.Spec);
        var next = await c.Cast(scenario.Election.BallotOf(1));
        var witnesses = new[] { w1.Key.Verifier.AsCosignatureVerifier(), restarted.Key.Verifier.AsCosignatureVerifier() };
        Receipt.Parse(next.Receipt).Verify(Scenario.LogKey(await c.Election("quorum")), witnesses);
        var first = await c.Cast(scenario.Election.BallotOf(0));
        Assert.True(first.Index < next.Index);
        Receipt.Parse(first.Receipt).Verify(Scenario.LogKey(await c.Election("quorum")), witnesses);
        Assert.NotEqual(before, (await c.Checkpoint("quorum")).Checkpoint);
    }

    [Fact]
    public async Task TheServerPublishesItsHostKeyForWitnessConfiguration()
    {
        var (dir, hostKey) = DataDirWithKey();
        await using var server = await TestServer.StartAsync(dir, o => o.LogHost = LogHost);
        using var http = new HttpClient();
        Assert.Equal(hostKey.ToVkey() + "\n", await http.GetStringAsync(new Uri(server.Http, "/log-key"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AWitnessThatDoesNotKnowTheLogKeyRefusesAndTheQuorumFails()
    {
        var (_, otherKey) = DataDirWithKey(); // the witness is told some other log's key
        await using var w = await Witness("witness-strict.example", otherKey);
        await using var server = await TestServer.StartAsync(configure: o => { o.LogHost = LogHost; o.Witnesses = [w.Spec]; o.WitnessQuorum = 1; });
        var logs = CapturedLogs.On(server);
        using var c = server.Client();
        var e = await Assert.ThrowsAsync<RpcException>(() => c.Create(LiveElection.Of(1, "unknown-key").Definition));
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(Voting.Protocol.ErrorRows.V11, Voting.Protocol.ErrorRows.Of(e));
        Assert.Contains("witnesses have not cosigned", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, w.Cosigned);
        // The witness's own answer (403: the log's signature does not verify with the key it was told) reaches the
        // client, and the server logs that refusal and the missed quorum.
        Assert.Contains($"{w.Spec.Split(' ')[0]}: HTTP 403", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Text.StartsWith("witness refused to cosign test.voting.example/elections/unknown-key at size 1: ", StringComparison.Ordinal) && l.Text.Contains("HTTP 403", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Text == "witness quorum not reached for test.voting.example/elections/unknown-key at size 1: 0 of 1 cosigned, 1 needed");

    }
}
