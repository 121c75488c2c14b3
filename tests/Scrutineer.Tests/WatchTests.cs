namespace Scrutineer.Tests;

/// <summary>scrutineer watch against a served log that grows honestly, then forks.</summary>
public class WatchTests
{
    private readonly string _state = Path.Combine(Directory.CreateTempSubdirectory("watch-").FullName, "log.watch");

    private (int Code, string Out, string Err) Watch(TileLogServer server) =>
        CliRunner.Run("watch", "--server", server.Url.ToString(), "--state", _state, "--log", TileLogServer.Key.ToVkey(), "--once");

    [Fact]
    public async Task FollowsAnHonestLogAcrossTileBoundaries()
    {
        await using var server = await TileLogServer.StartAsync();
        foreach (var size in new[] { 0, 1, 7, 256, 300, 70_000 })
        {
            server.Serve(size);
            var (code, stdout, stderr) = Watch(server);
            Assert.True(code == 0, stderr + stdout);
            Assert.Contains($"{size}", stdout, StringComparison.Ordinal);
            Assert.Contains($"\n{size}\n", File.ReadAllText(_state), StringComparison.Ordinal);
        }
        var again = Watch(server);
        Assert.Equal((0, ""), (again.Code, again.Out));
    }

    [Theory]
    [InlineData(10, 3, 20)]     // an old leaf rewritten as the log grows
    [InlineData(300, 299, 600)] // the last leaf of the verified tree rewritten
    [InlineData(300, 0, 70_000)]
    public async Task ARewrittenPastIsCaughtWithBothCheckpointsAndTheProofPrinted(int verified, int rewritten, int later)
    {
        await using var server = await TileLogServer.StartAsync();
        server.Serve(verified);
        Assert.Equal(0, Watch(server).Code);
        var before = File.ReadAllText(_state);
        server.ServeRewritten(later, rewritten);
        var (code, stdout, stderr) = Watch(server);
        Assert.Equal(1, code);
        Assert.Contains("INCONSISTENT", stdout, StringComparison.Ordinal);
        Assert.Contains($"from size {verified} to {later}", stdout, StringComparison.Ordinal);
        Assert.Contains(before[before.IndexOf(TileLogServer.Origin + "\n", StringComparison.Ordinal)..], stdout, StringComparison.Ordinal);
        Assert.Contains($"{TileLogServer.Origin}\n{later}\n", stdout, StringComparison.Ordinal);
        Assert.Contains("the consistency proof (", stdout, StringComparison.Ordinal);
        Assert.Contains("scrutineer: error: the log is not consistent", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(_state)); // the evidence baseline is kept
    }

    [Fact]
    public async Task AShrunkLogAndASameSizeForkAreCaught()
    {
        await using var server = await TileLogServer.StartAsync();
        server.Serve(50);
        Assert.Equal(0, Watch(server).Code);
        server.Serve(40);
        var shrunk = Watch(server);
        Assert.Equal(1, shrunk.Code);
        Assert.Contains("the log shrank from 50 to 40 records", shrunk.Out, StringComparison.Ordinal);
        server.ServeRewritten(50, 49);
        var same = Watch(server);
        Assert.Equal(1, same.Code);
        Assert.Contains("two different roots signed for size 50", same.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongKeyOrAnUnreachableServerIsAClearError()
    {
        await using var server = await TileLogServer.StartAsync();
        server.Serve(5);
        var other = new Voting.Core.Notes.NoteSigner(TileLogServer.Origin, new byte[32]).ToVkey();
        var wrong = CliRunner.Run("watch", "--server", server.Url.ToString(), "--state", _state, "--log", other, "--once");
        Assert.Equal(1, wrong.Code);
        Assert.Contains("does not verify", wrong.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_state));
        var down = CliRunner.Run("watch", "--server", "http://127.0.0.1:9/log/", "--state", _state, "--log", other, "--once");
        Assert.Equal(1, down.Code);
        Assert.Contains("scrutineer: warning:", down.Err, StringComparison.Ordinal);
        var bad = CliRunner.Run("watch", "--server", server.Url.ToString(), "--state", _state, "--log", "not-a-vkey", "--once");
        Assert.Equal(2, bad.Code);
        Assert.Contains("hint:", bad.Err, StringComparison.Ordinal);
    }

    private string PolicyFile()
    {
        var path = Path.Combine(Path.GetDirectoryName(_state)!, "watched.policy");
        File.WriteAllText(path, TileLogServer.PolicyText);
        return path;
    }

    private (int Code, string Out, string Err) WatchWithPolicy(TileLogServer server) =>
        CliRunner.Run("watch", "--server", server.Url.ToString(), "--state", _state, "--policy", PolicyFile(), "--once");

    /// <summary>
    /// Issue 13 item 10: a fresh watcher given the witness policy refuses an uncosigned checkpoint — a fork shown to
    /// it alone — where with the log key alone it would take it as its baseline; and one short of the quorum later.
    /// </summary>
    [Fact]
    public async Task UnderAWitnessPolicyAnUncosignedOrUnderCosignedCheckpointIsRefused()
    {
        await using var server = await TileLogServer.StartAsync();
        server.Serve(20, salt: "fork");
        var fresh = WatchWithPolicy(server);
        Assert.Equal(1, fresh.Code);
        Assert.Contains("the server's checkpoint does not verify: checkpoint at size 20 has 0 valid cosignatures by the policy's witnesses; 2 required", fresh.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_state));

        server.Serve(20);
        server.CosignedBy = 2;
        Assert.Equal(0, WatchWithPolicy(server).Code);
        server.Serve(30);
        server.CosignedBy = 1;
        var shortOne = WatchWithPolicy(server);
        Assert.Equal(1, shortOne.Code);
        Assert.Contains("1 valid cosignatures by the policy's witnesses; 2 required", shortOne.Err, StringComparison.Ordinal);
        // The policy is pinned in the state: a later run without --policy still holds the server to it.
        var unpinnedRun = CliRunner.Run("watch", "--server", server.Url.ToString(), "--state", _state, "--once");
        Assert.Equal(1, unpinnedRun.Code);
        Assert.Contains("2 required", unpinnedRun.Err, StringComparison.Ordinal);
        server.CosignedBy = 2;
        var cosigned = CliRunner.Run("watch", "--server", server.Url.ToString(), "--state", _state, "--once");
        Assert.True(cosigned.Code == 0, cosigned.Err);
        Assert.Contains("size 20 → 30, consistent", cosigned.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APinnedWitnessPolicyIsNotSwappedAndLogAloneSaysWhatItSkips()
    {
        await using var server = await TileLogServer.StartAsync();
        server.Serve(5);
        server.CosignedBy = 2;
        var logOnly = Watch(server);
        Assert.Equal(0, logOnly.Code);
        Assert.Contains("witness cosignatures are not checked with --log alone", logOnly.Err, StringComparison.Ordinal);
        // Adding witnesses to a state that pinned none is allowed (it only makes the watcher stricter)...
        Assert.Equal(0, WatchWithPolicy(server).Code);
        Assert.StartsWith(TileLogServer.PolicyText, File.ReadAllText(_state), StringComparison.Ordinal);
        // ...replacing them is not.
        var other = Path.Combine(Path.GetDirectoryName(_state)!, "other.policy");
        File.WriteAllText(other, TileLogServer.PolicyText.Replace("quorum 2", "quorum 1", StringComparison.Ordinal));
        var swapped = CliRunner.Run("watch", "--server", server.Url.ToString(), "--state", _state, "--policy", other, "--once");
        Assert.Equal(2, swapped.Code);
        Assert.Contains("the state file pins 2 witnesses with quorum 2", swapped.Err, StringComparison.Ordinal);
        var both = CliRunner.Run("watch", "--server", server.Url.ToString(), "--state", _state, "--policy", other, "--log", TileLogServer.Key.ToVkey(), "--once");
        Assert.Equal(2, both.Code);
        Assert.Contains("give --policy or --log, not both", both.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFirstRunWithoutKeysPinsTheServersPublishedPolicyAndSaysSo()
    {
        await using var server = await TileLogServer.StartAsync();
        server.Serve(5);
        server.CosignedBy = 2;
        var first = CliRunner.Run("watch", "--server", server.Url.ToString(), "--state", _state, "--once");
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("trusting the server's keys on first use (log " + TileLogServer.Key.ToVkey() + ", 2 witnesses, quorum 2)", first.Err, StringComparison.Ordinal);
        Assert.StartsWith(TileLogServer.PolicyText, File.ReadAllText(_state), StringComparison.Ordinal);
    }
}
