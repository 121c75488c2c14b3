using Google.Protobuf;
using Scrutineer.Verify;
using Scrutineer.Witness;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Counting;
using Voting.Synthetic;

namespace Voting.Server.Tests;

/// <summary>The scrutineer fetches a real server's log over HTTP and verifies it: withheld while voting, whole after Close.</summary>
public class FetchAndVerifyTests
{
    private static (int Code, string Out, string Err) Scrutineer(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = global::Scrutineer.Cli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task FetchWaitsForCloseResumesAndTheFetchedLogVerifies()
    {
        var dataDir = Directory.CreateTempSubdirectory("fetch-server-").FullName;
        var hostKey = KeyFile.LoadOrCreate(Path.Combine(dataDir, "log.key"), "test.voting.example").Verifier;
        await using var w1 = await WitnessServer.StartAsync("127.0.0.1:0", new NoteSigner("w1.example", new byte[32]), [hostKey], Path.Combine(dataDir, "w1.state"));
        await using var w2 = await WitnessServer.StartAsync("127.0.0.1:0", new NoteSigner("w2.example", Enumerable.Repeat((byte)2, 32).ToArray()), [hostKey], Path.Combine(dataDir, "w2.state"));
        await using var server = await TestServer.StartAsync(dataDir, o => { o.Witnesses = [w1.Spec, w2.Spec]; o.WitnessQuorum = 2; });
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var election = new SyntheticElection(300, "fetched", schedule: new Schedule { OpensAtUnix = now - 60, ClosesAtUnix = now + 3600 });
        var scenario = new Scenario(election);
        using var c = server.Client();
        await scenario.ToOpen(c);
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => c.Cast(election.BallotOf(i))));
        var url = new Uri(server.Http, "/elections/fetched/").ToString();
        var dir = Path.Combine(Directory.CreateTempSubdirectory("fetch-test-").FullName, "log");

        var during = Scrutineer("fetch", "--server", url, "--out", dir);
        Assert.Equal(1, during.Code);
        Assert.Contains("published when voting closes", during.Err, StringComparison.Ordinal);
        Assert.Contains("hint: ballots are published when voting closes", during.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "checkpoint")), "no checkpoint is written for an incomplete fetch");

        await c.Close(scenario.CloseAct());
        await c.RevealLot(election.LotRevealAct());
        var closed = Scrutineer("fetch", "--server", url, "--out", dir);
        Assert.True(closed.Code == 0, closed.Err);
        Assert.Contains("fetched test.voting.example/elections/fetched:", closed.Out, StringComparison.Ordinal);

        // The organiser declares the recount of what was fetched; a second fetch only downloads what is new.
        var log = ExportedLog.Read(dir);
        var counts = LogVerifier.Run(log, Policy.FromExportKeys(log)).Counts ?? throw new InvalidOperationException("no recount");
        var declaration = new Declaration { ElectionId = "fetched", ResultDigest = ByteString.CopyFrom(ElectionCount.Digest(counts)), CountedBallots = 300 };
        declaration.Outcomes.AddRange(ElectionCount.Outcomes(counts));
        OrganiserSigning.Sign(declaration, 0, election.Organiser);
        await c.Declare(declaration);
        var resumed = Scrutineer("fetch", "--server", url, "--out", dir);
        Assert.True(resumed.Code == 0, resumed.Err);
        Assert.Matches(@"\(\d+ files downloaded, [1-9]\d* already present\)", resumed.Out);

        var verified = Scrutineer("verify", dir);
        Assert.True(verified.Code == 0, verified.Out + verified.Err);
        Assert.Contains("VERIFIED: every check ran and passed", verified.Out, StringComparison.Ordinal);
        Assert.Contains("witnesses: 2 named, quorum 2", verified.Out, StringComparison.Ordinal);
        var viaUrl = Scrutineer("verify", url);
        Assert.True(viaUrl.Code == 0, viaUrl.Out + viaUrl.Err);
        Assert.Contains("VERIFIED", viaUrl.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadServersAndUrlsAreClearErrors()
    {
        await using var server = await TestServer.StartAsync();
        var dir = Path.Combine(Directory.CreateTempSubdirectory("fetch-bad-").FullName, "log");
        var missing = Scrutineer("fetch", "--server", new Uri(server.Http, "/elections/nope/").ToString(), "--out", dir);
        Assert.Equal(1, missing.Code);
        Assert.Contains("checkpoint: HTTP 404", missing.Err, StringComparison.Ordinal);
        var notUrl = Scrutineer("fetch", "--server", "ftp://x/", "--out", dir);
        Assert.Equal(2, notUrl.Code);
        Assert.Contains("is not an http(s) URL", notUrl.Err, StringComparison.Ordinal);
        var down = Scrutineer("fetch", "--server", "http://127.0.0.1:9/elections/x/", "--out", dir);
        Assert.Equal(1, down.Code);
        Assert.Contains("hint: is the server running", down.Err, StringComparison.Ordinal);
    }
}
