using Grpc.Core;
using Microsoft.Extensions.Logging;
using Voting.Core.Notes;
using Voting.Protocol;
using Voting.Storage;

namespace Voting.Server.Tests;

/// <summary>
/// Creating an election is all or nothing (issue 14 item 4): a refused or failed creation leaves no election, on disk
/// or after a restart, and directories a creation left without a record are cleaned at start. And the operator hears
/// when anyone may create elections.
/// </summary>
public class ElectionCreationTests
{
    private const string LogHost = "test.voting.example";

    [Fact]
    public async Task ARefusedCreationLeavesNoElectionEvenAfterARestart()
    {
        var dir = Directory.CreateTempSubdirectory("voting-create-").FullName;
        var election = LiveElection.Of(1, "too-big");
        await using (var server = await TestServer.StartAsync(dir))
        {
            using var c = server.Client();
            var e = await Assert.ThrowsAsync<RpcException>(() => c.Create(ErrorTableTests.Oversize(election)));
            Assert.Equal(ErrorRows.O1, ErrorRows.Of(e));
        }
        Assert.False(Directory.Exists(Path.Combine(dir, "elections", "too-big")));
        await using (var server = await TestServer.StartAsync(dir))
        {
            using var c = server.Client();
            Assert.Equal(ErrorRows.G1, ErrorRows.Of(await Assert.ThrowsAsync<RpcException>(() => c.Election("too-big"))));
            await c.Create(election.Definition);
        }
    }

    [Fact]
    public async Task DirectoriesHoldingNoRecordAreRemovedAtStart()
    {
        var dir = Directory.CreateTempSubdirectory("voting-create-").FullName;
        // What a creation that never made its definition durable leaves: a log with no record, or no log at all.
        var key = KeyFile.LoadOrCreate(Path.Combine(dir, "log.key"), LogHost);
        var seed = Convert.FromBase64String(key.ToSkey().Split('+', 5)[4])[1..];
        var ghost = Path.Combine(dir, "elections", "ghost");
        DataDirectory.CreateOwnerOnly(ghost);
        using (LogStore.Open(Path.Combine(ghost, "log.sqlite"), new NoteSigner($"{LogHost}/elections/ghost", seed))) { }
        var bare = Path.Combine(dir, "elections", "bare");
        DataDirectory.CreateOwnerOnly(bare);
        var logs = new CapturedLogs();
        await using var server = await TestServer.StartAsync(dir, o => o.LogHost = LogHost, logs: logs);
        Assert.False(Directory.Exists(ghost));
        Assert.False(Directory.Exists(bare));
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Text == $"removed {ghost}: an election directory holding no record (a creation that never became durable)");
        using var c = server.Client();
        await c.Create(LiveElection.Of(1, "ghost").Definition);
    }

    [Fact]
    public async Task WithoutOrganisersTheServerWarnsThatAnyoneMayCreateElections()
    {
        const string Warning = "no Organisers are configured: anyone who can reach this server may create elections; list the organiser keys allowed with --Organisers:0 KEY";
        var open = new CapturedLogs();
        await using (await TestServer.StartAsync(logs: open))
            Assert.Contains(open.Lines, l => l.Level == LogLevel.Warning && l.Text == Warning);
        var closed = new CapturedLogs();
        await using (await TestServer.StartAsync(configure: o => o.Organisers = [Convert.ToBase64String(new byte[32])], logs: closed))
            Assert.DoesNotContain(closed.Lines, l => l.Text == Warning);
    }
}
