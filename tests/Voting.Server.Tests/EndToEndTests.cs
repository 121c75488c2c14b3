using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;
using Grpc.Core;
using Voting.Synthetic;

namespace Voting.Server.Tests;

public class EndToEndTests
{
    /// <summary>
    /// Issue 4 acceptance: create, commit a roll of 1,000 credentials, open, 1,000 casts from 50 concurrent clients,
    /// close; every receipt verifies against its checkpoint, and every checkpoint is consistent with the final one.
    /// </summary>
    [Fact]
    public async Task ThousandCastsFromFiftyClientsAllProveInclusionAndConsistency()
    {
        await using var server = await TestServer.StartAsync();
        var scenario = new Scenario(LiveElection.Of(1000));
        var id = scenario.Election.ElectionId;
        using var organiser = server.Client();
        await scenario.ToOpen(organiser);
        var ballots = Enumerable.Range(0, 1000).Select(scenario.Election.BallotOf).ToArray();
        var receipts = new string[ballots.Length];
        var clients = Enumerable.Range(0, 50).Select(_ => server.Client()).ToArray();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(async k =>
            {
                for (int i = k; i < ballots.Length; i += 50) receipts[i] = (await clients[k].Cast(ballots[i])).Receipt;
            }));
        }
        finally { foreach (var c in clients) c.Dispose(); }
        await organiser.Close(scenario.CloseAct());

        var info = await organiser.Election(id);
        var logKey = Scenario.LogKey(info);
        var (final, _, _) = Checkpoint.ParseAndVerify((await organiser.Checkpoint(id)).Checkpoint, logKey);
        Assert.Equal(1000UL + 2 + 1 + 1 + 1, final.Size); // definition, 1 chunk, commitment, open, 1000 ballots, close
        var sizes = new HashSet<ulong>();
        for (int i = 0; i < receipts.Length; i++)
        {
            var receipt = Receipt.Parse(receipts[i]);
            var cp = receipt.Verify(logKey);
            Assert.Equal(ballots[i], Canonical.Parse(receipt.Record).Ballot);
            if (sizes.Add(cp.Size) && cp.Size < final.Size)
            {
                var proof = await organiser.Consistency(id, cp.Size, final.Size);
                Assert.True(ConsistencyProof.Verify(cp.Size, final.Size, cp.Root, final.Root, [.. proof.Hashes.Select(h => h.ToByteArray())]),
                    $"checkpoint at {cp.Size} is not consistent with the final one");
            }
        }
        Assert.True(sizes.Count > 1, "casts should have been spread over several batches");
        // After Close the whole log is public and re-verifies from its entries.
        var tree = new MemoryTree();
        for (ulong s = 0; s < final.Size; s += 1000)
            foreach (var e in (await organiser.Entries(id, s, Math.Min(final.Size, s + 1000))).Entries) tree.AppendLeaf(e.Span);
        Assert.Equal(final.Root, tree.Root());
    }

    [Fact]
    public async Task StateSurvivesARestart()
    {
        var dir = Directory.CreateTempSubdirectory("voting-restart-").FullName;
        var scenario = new Scenario(LiveElection.Of(5));
        string receipt;
        await using (var server = await TestServer.StartAsync(dir))
        {
            using var c = server.Client();
            await scenario.ToOpen(c);
            receipt = (await c.Cast(scenario.Election.BallotOf(0))).Receipt;
        }
        await using (var server = await TestServer.StartAsync(dir))
        {
            using var c = server.Client();
            // The same ballot again: the same record, not a second vote; a second ballot by the same credential is refused.
            var again = await c.Cast(scenario.Election.BallotOf(0));
            Assert.Equal(Receipt.Parse(receipt).Index, Receipt.Parse(again.Receipt).Index);
            var other = scenario.Election.BallotOf(0).Clone();
            other.ClientNonce = Google.Protobuf.ByteString.CopyFrom(new byte[16]);
            Voting.Core.Records.VoterSigning.SignBallot(other, scenario.Election.CredentialSeed(0));
            var e = await Assert.ThrowsAsync<RpcException>(() => c.Cast(other));
            Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
            await c.Cast(scenario.Election.BallotOf(1));
        }
    }
}
