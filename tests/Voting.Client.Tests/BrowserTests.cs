using System.Diagnostics;
using System.Text.Json;
using Scrutineer.Verify;
using Scrutineer.Witness;
using Voting.Client.Api;
using Voting.Client.Organiser;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Server.Tests;

namespace Voting.Client.Tests;

/// <summary>
/// The voting page in a real browser: Debian's chromium, headless, driven by playwright-core (web/vote/test/browser.mjs)
/// through enroll → rank → cast → receipt; then the scrutineer fetches the log, verifies it, and finds that ballot.
/// </summary>
public class BrowserTests
{
    private static void Require(bool present, string what)
    {
        if (present) return;
        if (Environment.GetEnvironmentVariable("VOTING_REQUIRE_BROWSER") == "1") Assert.Fail($"{what} is missing but VOTING_REQUIRE_BROWSER=1 (the test command installs it)");
        Assert.Skip($"{what} is not installed; the browser test cannot run here");
    }

    private const string Definition = """
        { "electionId": "web-2026", "title": "Web ballot test",
          "contests": [
            { "contestId": "committee", "title": "Committee", "method": "METHOD_STV", "seats": 2, "ruleSet": "scottish-stv",
              "candidates": [ { "candidateId": "ann", "name": "Ann" }, { "candidateId": "bob", "name": "Bob" }, { "candidateId": "cat", "name": "Cat" }, { "candidateId": "dan", "name": "Dan" } ] },
            { "contestId": "chair", "title": "Chair", "method": "METHOD_FPTP", "seats": 1,
              "candidates": [ { "candidateId": "eve", "name": "Eve" }, { "candidateId": "fay", "name": "Fay" } ] } ],
          "revotePolicy": "REVOTE_POLICY_SINGLE" }
        """;

    [Fact]
    public async Task AMemberVotesInTheBrowserAndTheScrutineerFindsTheBallot()
    {
        var script = TestPaths.Repo("web", "vote", "test", "browser.mjs");
        Require(File.Exists("/usr/bin/chromium") || Environment.GetEnvironmentVariable("CHROMIUM") is not null, "chromium");
        Require(Directory.Exists(TestPaths.Repo("web", "vote", "node_modules", "playwright-core")), "playwright-core (web/vote: npm ci)");

        var dir = Directory.CreateTempSubdirectory("voting-browser-").FullName;
        var hostKey = KeyFile.LoadOrCreate(Path.Combine(dir, "data", "log.key"), "test.voting.example").Verifier;
        await using var witness = await WitnessServer.StartAsync("127.0.0.1:0", new NoteSigner("browser-witness.example", new byte[32]), [hostKey], Path.Combine(dir, "w.state"));
        await using var server = await TestServer.StartAsync(Path.Combine(dir, "data"), o => { o.Witnesses = [witness.Spec]; o.WitnessQuorum = 1; });
        using var api = new VotingApi(server.Grpc);
        var home = new Home(Path.Combine(dir, "organiser"));
        Organiser.Organiser.KeyGen(home, "organiser");
        var organiser = new Organiser.Organiser(home, api);
        var json = Path.Combine(dir, "election.json");
        await File.WriteAllTextAsync(json, Definition);
        var d = ElectionFile.Read(json);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        d.Schedule = new Schedule { OpensAtUnix = now - 60, ClosesAtUnix = now + 3600 };
        var lot = LotContributorCli.Commit(dir, d);
        await organiser.Create(d);
        var members = Path.Combine(dir, "members.csv");
        await File.WriteAllTextAsync(members, "member_id\nM1\nM2\n");
        var (_, codesFile, _) = await organiser.ImportRoll("web-2026", members);
        await organiser.Open("web-2026");
        var code = File.ReadAllLines(codesFile)[1].Split(',')[^1];

        var artefacts = Environment.GetEnvironmentVariable("VOTING_ARTIFACTS") ?? TestPaths.Repo("artifacts");
        Directory.CreateDirectory(artefacts);
        var screenshot = Path.Combine(artefacts, "browser-receipt.png");
        var psi = new ProcessStartInfo("node", [script, server.Http.ToString().TrimEnd('/'), "web-2026", code, screenshot]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(psi)!;
        var stdout = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, await stderr + await stdout);
        var result = JsonDocument.Parse(await stdout).RootElement;

        Assert.True(result.GetProperty("signed").GetBoolean(), "the browser verified the log's signature on the receipt's checkpoint");
        Assert.True(result.GetProperty("included").GetBoolean(), "the browser verified the inclusion proof");
        Assert.Equal(0, result.GetProperty("external").GetArrayLength());
        Assert.Equal("receipt-web-2026.txt", result.GetProperty("saveName").GetString());
        Assert.Contains("already voted", result.GetProperty("second").GetString(), StringComparison.Ordinal);
        Assert.Contains("first ballot is final", result.GetProperty("second").GetString(), StringComparison.Ordinal);
        Assert.True(new FileInfo(screenshot).Length > 0);

        // The receipt the browser showed is a valid receipt for the C# side too.
        var receipt = Receipt.Parse(result.GetProperty("receipt").GetString()!);
        receipt.Verify(NoteVerifier.ParseVkey((await api.Election("web-2026")).LogVkey), [witness.Key.Verifier.AsCosignatureVerifier()]);
        Assert.Equal((ulong)result.GetProperty("index").GetInt32(), receipt.Index);

        // Close, declare, and let the scrutineer find that ballot in the published log.
        await organiser.Close("web-2026");
        LotContributorCli.Reveal(lot, "web-2026", server.Grpc);
        await organiser.Declare("web-2026", new Uri(server.Http, "/elections/web-2026/"));
        var logDir = Path.Combine(dir, "log");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, global::Scrutineer.Cli.Run(["fetch", "--server", new Uri(server.Http, "/elections/web-2026/").ToString(), "--out", logDir], o, e));
        Assert.True(global::Scrutineer.Cli.Run(["verify", logDir], o, e) == 0, o.ToString() + e);
        var log = ExportedLog.Read(logDir);
        Assert.Equal(receipt.Record, log.Records[(int)receipt.Index]);
        var ballot = Canonical.Parse(log.Records[(int)receipt.Index]).Ballot;
        var chosen = result.GetProperty("chosen").EnumerateArray().Select(c => c.EnumerateArray().Select(x => (uint)x.GetInt32()).ToArray()).ToArray();
        Assert.Equal(chosen.Length, ballot.Plain.Votes.Count);
        for (int k = 0; k < chosen.Length; k++) Assert.Equal(chosen[k], ballot.Plain.Votes[k].Choices);
    }
}
