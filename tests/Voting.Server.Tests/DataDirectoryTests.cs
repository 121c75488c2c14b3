namespace Voting.Server.Tests;

/// <summary>
/// The data directory is the owner's alone (issue 14 item 5): everything the server makes there — the key, the
/// election directories, each log and SQLite's -wal and -shm beside it — is created 0700 or 0600, and at start a
/// database or directory others may open stops the server with one line naming it and the chmod that fixes it.
/// Before, SQLite created each log 0644 and its directories were 0755: anyone on the machine could read the ballots.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class DataDirectoryTests
{
    private const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Dir0700 = File0600 | UnixFileMode.UserExecute;

    private static async Task<string> DataDirWithAVote()
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("voting-modes-").FullName, "data");
        await using var server = await TestServer.StartAsync(dir);
        using var c = server.Client();
        var s = new Scenario(LiveElection.Of(2, "private"));
        await s.ToOpen(c);
        await c.Cast(s.Election.BallotOf(0));
        AssertOwnerOnly(dir, expectWal: true); // while the logs are open: the -wal and -shm files exist
        return dir;
    }

    private static void AssertOwnerOnly(string dir, bool expectWal)
    {
        Assert.Equal(Dir0700, File.GetUnixFileMode(dir));
        var entries = new DirectoryInfo(dir).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).ToList();
        foreach (var e in entries)
            Assert.True(File.GetUnixFileMode(e.FullName) == (e is DirectoryInfo ? Dir0700 : File0600), $"{e.FullName}: {File.GetUnixFileMode(e.FullName)}");
        var names = entries.Select(e => Path.GetRelativePath(dir, e.FullName)).ToList();
        Assert.Contains("log.key", names);
        Assert.Contains(Path.Combine("elections", "private", "log.sqlite"), names);
        if (expectWal)
        {
            Assert.Contains(Path.Combine("elections", "private", "log.sqlite-wal"), names);
            Assert.Contains(Path.Combine("elections", "private", "log.sqlite-shm"), names);
        }
    }

    [Fact]
    public async Task EverythingTheServerMakesInItsDataDirectoryIsTheOwnersAlone()
    {
        var dir = await DataDirWithAVote();
        AssertOwnerOnly(dir, expectWal: false);
    }

    private static async Task<(int Exit, string Error)> Start(string dir)
    {
        var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // a server that did start is stopped
        int exit = await ServerMain.RunAsync(["--DataDir", dir, "--GrpcListen", "127.0.0.1:0", "--HttpListen", "127.0.0.1:0"], error, stop.Token);
        return (exit, error.ToString());
    }

    [Fact]
    public async Task ADatabaseOrDirectoryOthersMayOpenStopsTheServerAtStart()
    {
        var dir = await DataDirWithAVote();
        var db = Path.Combine(dir, "elections", "private", "log.sqlite");
        File.SetUnixFileMode(db, File0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (exit, error) = await Start(dir);
        Assert.Equal(2, exit);
        Assert.Equal($"voting-server: file {db} in the data directory is open to group or others (mode 0644); chmod 600 {db}", error.TrimEnd());

        File.SetUnixFileMode(db, File0600);
        var election = Path.GetDirectoryName(db)!;
        File.SetUnixFileMode(election, Dir0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        (exit, error) = await Start(dir);
        Assert.Equal(2, exit);
        Assert.Equal($"voting-server: directory {election} in the data directory is open to group or others (mode 0755); chmod 700 {election}", error.TrimEnd());

        File.SetUnixFileMode(election, Dir0700);
        File.SetUnixFileMode(dir, Dir0700 | UnixFileMode.GroupExecute);
        (exit, error) = await Start(dir);
        Assert.Equal(2, exit);
        Assert.Contains($"chmod 700 {dir}", error, StringComparison.Ordinal);
    }
}
