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
        Assert.Contains(before[(before.IndexOf('\n', StringComparison.Ordinal) + 1)..], stdout, StringComparison.Ordinal);
        Assert.Contains($"{TileLogServer.Origin}\n{later}\n", stdout, StringComparison.Ordinal);
        Assert.Contains("the consistency proof (", stdout, StringComparison.Ordinal);
        Assert.StartsWith("scrutineer: error: the log is not consistent", stderr, StringComparison.Ordinal);
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
}
