using Google.Protobuf;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Protocol;
using Voting.Server.Elections;
using Voting.Synthetic;

namespace Voting.Server.Tests;

/// <summary>
/// A database administrator without the key deletes the tail of an election's tables back to an earlier checkpoint
/// (issue 14 item 2). The cut database replays as a valid log, and one still open for voting, so only evidence kept
/// outside it can refuse it (log.md §11.1): the server's high-water mark beside its key, and its witnesses. Every
/// refusal is errors.md G3, and nothing is appended.
/// </summary>
public class RollbackTests
{
    private const string LogHost = "test.voting.example";
    private const int Voters = 20;

    /// <summary>An election taken to its declaration, one call at a time so that every record has its own checkpoint; returns the size to cut back to and the full size.</summary>
    private static async Task<(Scenario Scenario, ulong CutAt, ulong Full)> Declared(TestServer server, string id)
    {
        var scenario = new Scenario(LiveElection.Of(Voters, id));
        using var c = server.Client();
        await scenario.ToOpen(c);
        for (int i = 0; i < 5; i++) await c.Cast(scenario.Election.BallotOf(i));
        ulong cutAt = await Size(c, id);
        for (int i = 5; i < 10; i++) await c.Cast(scenario.Election.BallotOf(i));
        await c.Close(scenario.CloseAct());
        await c.RevealLot(scenario.Election.LotRevealAct());
        var declaration = new Declaration { ElectionId = id, ResultDigest = ByteString.CopyFrom(new byte[32]) };
        OrganiserSigning.Sign(declaration, 0, scenario.Election.Organiser);
        await c.Declare(declaration);
        return (scenario, cutAt, await Size(c, id));
    }

    private static async Task<ulong> Size(VotingClients c, string id) =>
        Checkpoint.ParseText(SignedNote.Parse((await c.Checkpoint(id)).Checkpoint).Text).Size;

    private static void CutBack(string dataDir, string id, ulong size) =>
        DatabaseAdministrator.CutBack(Path.Combine(dataDir, "elections", id, "log.sqlite"), size);

    /// <summary>The call is refused as G3, says so with every part of the evidence given, and the log did not grow.</summary>
    private static async Task<RpcException> RefusedAsRolledBack(TestServer server, string id, ulong size, Func<Task> call, params string[] evidence)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.DataLoss, e.StatusCode);
        Assert.Equal(ErrorRows.G3, ErrorRows.Of(e));
        Assert.StartsWith("this election's log refuses appends: its database is shorter than, or differs from, a checkpoint known outside it (", e.Status.Detail, StringComparison.Ordinal);
        foreach (var part in evidence) Assert.Contains(part, e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(size, server.Host(id).Store.Size);
        using var c = server.Client();
        Assert.Equal(size, await Size(c, id));
        return e;
    }

    private static Task WhenChecked(TestServer server) => server.Services.GetRequiredService<RollbackChecks>().Done;

    private static bool IsNoWitnessWarning((LogLevel Level, string Category, string Text) line) =>
        line.Level == LogLevel.Warning && line.Text.StartsWith("no witnesses are configured: a rollback of an election's database is refused only by this server's high-water marks in ", StringComparison.Ordinal);

    [Fact]
    public async Task ADeclaredElectionCutBackWithAWitnessIsRefusedByItsHighWaterMark()
    {
        var (dir, hostKey) = WitnessTests.DataDirWithKey();
        await using var w = await WitnessTests.Witness("witness-rollback.example", hostKey);
        void Witnessed(ServerOptions o) { o.LogHost = LogHost; o.Witnesses = [w.Spec]; o.WitnessQuorum = 1; }
        const string Id = "cut-witnessed";
        Scenario scenario;
        ulong cutAt, full;
        await using (var server = await TestServer.StartAsync(dir, Witnessed))
            (scenario, cutAt, full) = await Declared(server, Id);
        CutBack(dir, Id, cutAt);

        var logs = new CapturedLogs();
        await using var restarted = await TestServer.StartAsync(dir, Witnessed, beforeStart: logs.AttachTo);
        await WhenChecked(restarted);
        using var c = restarted.Client();
        Assert.Equal(Phase.Open, (await c.Election(Id)).Phase); // the cut log by itself: open, as if never closed
        long asked = w.Cosigned;
        var e = await RefusedAsRolledBack(restarted, Id, cutAt, () => c.Cast(scenario.Election.BallotOf(Voters - 1)),
            $"this server's checkpoint of size {full} with root ", $"but the database holds {cutAt} records");
        await RefusedAsRolledBack(restarted, Id, cutAt, () => c.Close(scenario.CloseAct()));
        Assert.Equal(asked, w.Cosigned); // a store its mark refuses is never shown to the witness
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Text == $"election {Id} refuses appends: {e.Status.Detail}");
        Assert.Contains(logs.Lines, l => l.Text.StartsWith($"refused /voting.v1.VoterService/Cast: G3 DataLoss ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, IsNoWitnessWarning);
    }

    [Fact]
    public async Task WithItsMarkLostTheWitnessAloneRefusesTheCutDatabase()
    {
        var (dir, hostKey) = WitnessTests.DataDirWithKey();
        await using var w = await WitnessTests.Witness("witness-memory.example", hostKey);
        void Witnessed(ServerOptions o) { o.LogHost = LogHost; o.Witnesses = [w.Spec]; o.WitnessQuorum = 1; }
        const string Id = "cut-unmarked";
        Scenario scenario;
        ulong cutAt, full;
        await using (var server = await TestServer.StartAsync(dir, Witnessed))
            (scenario, cutAt, full) = await Declared(server, Id);
        CutBack(dir, Id, cutAt);
        Directory.Delete(Path.Combine(dir, "high-water"), recursive: true);

        var logs = new CapturedLogs();
        await using var restarted = await TestServer.StartAsync(dir, Witnessed, beforeStart: logs.AttachTo);
        await WhenChecked(restarted);
        using var c = restarted.Client();
        var e = await RefusedAsRolledBack(restarted, Id, cutAt, () => c.Cast(scenario.Election.BallotOf(Voters - 1)),
            $"witness witness-memory.example ({w.Spec.Split(' ')[0]}) has cosigned {LogHost}/elections/{Id} at size {full}");
        Assert.DoesNotContain("high-water mark", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"but this log's checkpoint of size {cutAt} has root ", e.Status.Detail, StringComparison.Ordinal);
        await RefusedAsRolledBack(restarted, Id, cutAt, () => c.Close(scenario.CloseAct()));
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Text == $"election {Id} refuses appends: {e.Status.Detail}");
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Text.StartsWith($"witness evidence that {LogHost}/elections/{Id} lost records: witness witness-memory.example ", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Text == $"election {Id}: it had no high-water mark; marked now at size {cutAt}, so a rollback before this start goes unseen by the server");
    }

    [Fact]
    public async Task ALogTheWitnessFindsInconsistentWithWhatItCosignedIsRefused()
    {
        // Two data directories with one key: the same origin holds one tree in one, another in the other.
        var (witnessed, hostKey) = WitnessTests.DataDirWithKey();
        var other = Directory.CreateTempSubdirectory("voting-rollback-fork-").FullName;
        File.Copy(Path.Combine(witnessed, "log.key"), Path.Combine(other, "log.key"));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(other, "log.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var w = await WitnessTests.Witness("witness-fork.example", hostKey);
        void Witnessed(ServerOptions o) { o.LogHost = LogHost; o.Witnesses = [w.Spec]; o.WitnessQuorum = 1; }
        const string Id = "forked";
        var longer = new Scenario(new SyntheticElection(3, Id, seed: "unwitnessed", schedule: LiveElection.Window()));
        await using (var unwitnessed = await TestServer.StartAsync(other))
        {
            using var c = unwitnessed.Client();
            await longer.ToOpen(c);
            await c.Cast(longer.Election.BallotOf(0));
        }
        await using (var server = await TestServer.StartAsync(witnessed, Witnessed))
        {
            using var c = server.Client();
            await new Scenario(new SyntheticElection(3, Id, seed: "witnessed", schedule: LiveElection.Window())).ToOpen(c);
        }

        await using var forked = await TestServer.StartAsync(other, Witnessed);
        await WhenChecked(forked);
        using var again = forked.Client();
        await RefusedAsRolledBack(forked, Id, 5, () => again.Cast(longer.Election.BallotOf(1)),
            $"witness witness-fork.example ({w.Spec.Split(' ')[0]}) finds this log's checkpoint of size 5 has root ",
            $", not consistent with what it cosigned for {LogHost}/elections/{Id}: the checkpoint of size 5 is not consistent with the size 4 this witness cosigned");
    }

    [Fact]
    public async Task WithoutWitnessesTheHighWaterMarkRefusesTheCutDatabaseAndTheServerSaysItIsAlone()
    {
        var dir = Directory.CreateTempSubdirectory("voting-rollback-test-").FullName;
        const string Id = "cut-alone";
        Scenario scenario;
        ulong cutAt, full;
        var first = new CapturedLogs();
        await using (var server = await TestServer.StartAsync(dir, beforeStart: first.AttachTo))
        {
            (scenario, cutAt, full) = await Declared(server, Id);
            await WhenChecked(server);
        }
        Assert.Single(first.Lines, IsNoWitnessWarning);
        CutBack(dir, Id, cutAt);

        var logs = new CapturedLogs();
        await using var restarted = await TestServer.StartAsync(dir, beforeStart: logs.AttachTo);
        await WhenChecked(restarted);
        using var c = restarted.Client();
        var markFile = Path.Combine(dir, "high-water", Uri.EscapeDataString($"{LogHost}/elections/{Id}"));
        await RefusedAsRolledBack(restarted, Id, cutAt, () => c.Cast(scenario.Election.BallotOf(Voters - 1)),
            $"the high-water mark {markFile} is this server's checkpoint of size {full} with root ", $"but the database holds {cutAt} records");
        Assert.Single(logs.Lines, IsNoWitnessWarning);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Text.StartsWith($"election {Id} refuses appends: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADeletedElectionIsNamedAtStartAndCannotBeCreatedAgain()
    {
        var dir = Directory.CreateTempSubdirectory("voting-rollback-test-").FullName;
        var scenario = new Scenario(LiveElection.Of(3, "deleted"));
        await using (var server = await TestServer.StartAsync(dir))
        {
            using var c = server.Client();
            await scenario.ToOpen(c);
        }
        Directory.Delete(Path.Combine(dir, "elections", "deleted"), recursive: true);

        var logs = new CapturedLogs();
        await using var restarted = await TestServer.StartAsync(dir, beforeStart: logs.AttachTo);
        await WhenChecked(restarted);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Text == $"{LogHost}/elections/deleted has a high-water mark at size 4 but no database on this server: its log was deleted, and creating it again is refused");
        using var again = restarted.Client();
        // The refused creation leaves nothing behind (errors.md O1–O3 order; creation is all or nothing).
        var e = await Assert.ThrowsAsync<RpcException>(() => again.Create(scenario.Election.Definition));
        Assert.Equal(StatusCode.DataLoss, e.StatusCode);
        Assert.Contains("but the database holds 0 records", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => again.Election("deleted"))).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(dir, "elections", "deleted")));
    }

    [Fact]
    public async Task ACleanRestartWithAWitnessIsNotRefused()
    {
        var (dir, hostKey) = WitnessTests.DataDirWithKey();
        await using var w = await WitnessTests.Witness("witness-steady.example", hostKey);
        void Witnessed(ServerOptions o) { o.LogHost = LogHost; o.Witnesses = [w.Spec]; o.WitnessQuorum = 1; }
        var scenario = new Scenario(LiveElection.Of(3, "steady"));
        await using (var server = await TestServer.StartAsync(dir, Witnessed))
        {
            using var c = server.Client();
            await scenario.ToOpen(c);
            await c.Cast(scenario.Election.BallotOf(0));
        }
        var logs = new CapturedLogs();
        await using var restarted = await TestServer.StartAsync(dir, Witnessed, beforeStart: logs.AttachTo);
        await WhenChecked(restarted);
        Assert.Null(restarted.Host("steady").Store.Refusal);
        using var again = restarted.Client();
        var next = await again.Cast(scenario.Election.BallotOf(1));
        Receipt.Parse(next.Receipt).Verify(Scenario.LogKey(await again.Election("steady")), [w.Key.Verifier.AsCosignatureVerifier()]);
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Warning && !l.Text.StartsWith("no Organisers are configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADamagedLogIsSetAsideAndTheOtherElectionsServe()
    {
        var dir = Directory.CreateTempSubdirectory("voting-damaged-test-").FullName;
        var damaged = new Scenario(LiveElection.Of(3, "damaged"));
        var healthy = new Scenario(LiveElection.Of(3, "healthy"));
        await using (var server = await TestServer.StartAsync(dir))
        {
            using var c = server.Client();
            await damaged.ToOpen(c);
            await healthy.ToOpen(c);
        }
        DatabaseAdministrator.Damage(Path.Combine(dir, "elections", "damaged", "log.sqlite"), 1);

        var logs = new CapturedLogs();
        await using var restarted = await TestServer.StartAsync(dir, beforeStart: logs.AttachTo);
        using var again = restarted.Client();
        await again.Cast(healthy.Election.BallotOf(0));
        var e = await Assert.ThrowsAsync<RpcException>(() => again.Cast(damaged.Election.BallotOf(0)));
        Assert.Equal(StatusCode.DataLoss, e.StatusCode);
        Assert.Equal(ErrorRows.G3, ErrorRows.Of(e));
        Assert.Contains("election \"damaged\"'s database fails its own checks on reopening", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.DataLoss, (await Assert.ThrowsAsync<RpcException>(() => again.Election("damaged"))).StatusCode);
        Assert.Equal(StatusCode.AlreadyExists, (await Assert.ThrowsAsync<RpcException>(() => again.Create(damaged.Election.Definition))).StatusCode);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Text.StartsWith("election \"damaged\"'s database fails its own checks", StringComparison.Ordinal));
    }
}
