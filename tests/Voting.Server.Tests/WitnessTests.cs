using Voting.Core.Notes;
using Voting.Rpc;
using Voting.Synthetic;

namespace Voting.Server.Tests;

public class WitnessTests
{
    /// <summary>A data directory whose log key exists before the server starts, so the witnesses can be told its public key.</summary>
    private static string DataDirWithKey(TestWitness[] witnesses)
    {
        var dir = Directory.CreateTempSubdirectory("voting-witness-test-").FullName;
        var key = new NoteSigner("test.voting.example", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var path = Path.Combine(dir, "log.key");
        File.WriteAllText(path, key.ToSkey() + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        foreach (var w in witnesses) w.LogPublicKey = key.PublicKey;
        return dir;
    }

    [Fact]
    public async Task ReceiptsCarryTheQuorumsCosignatures()
    {
        await using var w1 = await TestWitness.StartAsync("witness-one.example");
        await using var w2 = await TestWitness.StartAsync("witness-two.example");
        await using var server = await TestServer.StartAsync(DataDirWithKey([w1, w2]), o => { o.Witnesses = [w1.Spec, w2.Spec]; o.WitnessQuorum = 2; });
        var scenario = new Scenario(new SyntheticElection(20, "witnessed"));
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
    public async Task WithoutQuorumNothingIsPublishedButTheRecordStaysAndIsReceiptedLater()
    {
        await using var w1 = await TestWitness.StartAsync("witness-a.example");
        await using var w2 = await TestWitness.StartAsync("witness-b.example");
        await using var server = await TestServer.StartAsync(DataDirWithKey([w1, w2]), o => { o.Witnesses = [w1.Spec, w2.Spec]; o.WitnessQuorum = 2; });
        var scenario = new Scenario(new SyntheticElection(3, "quorum"));
        using var c = server.Client();
        await scenario.ToOpen(c);
        var before = (await c.Checkpoint("quorum")).Checkpoint;
        w2.Down = true;
        var e = await Assert.ThrowsAsync<RpcException>(() => c.Cast(scenario.Election.BallotOf(0)));
        Assert.Equal(StatusCode.Unavailable, e.Status);
        Assert.Contains("witnesses have not cosigned", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await c.Checkpoint("quorum")).Checkpoint);
        // The ballot is in the log: a repeat is not a second vote, and still has no receipt.
        Assert.Equal(StatusCode.Unavailable, (await Assert.ThrowsAsync<RpcException>(() => c.Cast(scenario.Election.BallotOf(0)))).Status);
        w2.Down = false;
        var next = await c.Cast(scenario.Election.BallotOf(1));
        Receipt.Parse(next.Receipt).Verify(Scenario.LogKey(await c.Election("quorum")));
        var first = await c.Cast(scenario.Election.BallotOf(0));
        Assert.True(first.Index < next.Index);
        Receipt.Parse(first.Receipt).Verify(Scenario.LogKey(await c.Election("quorum")), [w1.Key.Verifier.AsCosignatureVerifier(), w2.Key.Verifier.AsCosignatureVerifier()]);
    }

    [Fact]
    public async Task AWitnessThatDoesNotKnowTheLogKeyRefusesAndTheQuorumFails()
    {
        await using var w = await TestWitness.StartAsync("witness-strict.example");
        DataDirWithKey([w]); // the witness is told some other log key
        await using var server = await TestServer.StartAsync(configure: o => { o.Witnesses = [w.Spec]; o.WitnessQuorum = 1; });
        using var c = server.Client();
        var e = await Assert.ThrowsAsync<RpcException>(() => c.Create(new SyntheticElection(1, "unknown-key").Definition));
        Assert.Equal(StatusCode.Unavailable, e.Status);
        Assert.Contains("witnesses have not cosigned", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, w.Cosigned);
    }
}
