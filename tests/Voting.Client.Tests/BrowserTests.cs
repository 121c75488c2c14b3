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
/// The voting page in a real browser: Debian's chromium, headless, driven by playwright-core (web/vote/test/browser.mjs).
/// The election has an independent issuer (log.md §7.2, made by `scrutineer issuer`, in-process) and two ballot styles
/// (§7.3): the member enrols with both codes → sees only their style's contests → ranks → casts → checks the receipt →
/// checks participation; a second browser with the same codes is told it is evidence of impersonation (V9). Then the
/// scrutineer fetches the log, verifies it, and finds that ballot, blank outside the member's style.
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
            { "contestId": "north", "title": "North delegate", "method": "METHOD_FPTP", "seats": 1,
              "candidates": [ { "candidateId": "eve", "name": "Eve" }, { "candidateId": "fay", "name": "Fay" } ] },
            { "contestId": "south", "title": "South delegate", "method": "METHOD_FPTP", "seats": 1,
              "candidates": [ { "candidateId": "gus", "name": "Gus" }, { "candidateId": "hal", "name": "Hal" } ] } ],
          "ballotStyles": [
            { "styleId": "north", "contestIds": ["committee", "north"] },
            { "styleId": "south", "contestIds": ["committee", "south"] } ],
          "revotePolicy": "REVOTE_POLICY_SINGLE" }
        """;

    /// <summary>Long enough to be a window, short enough that the test can wait for its end before declaring (errors.md O21).</summary>
    private const uint DisputeWindowSeconds = 2;

    /// <summary>`scrutineer issuer …`, in-process as an independent issuer runs it; its output.</summary>
    private static string Issuer(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.True(global::Scrutineer.Cli.Run(["issuer", .. args], o, e) == 0, o.ToString() + e);
        return o.ToString();
    }

    private static string Printed(string output, string prefix) =>
        output.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();

    /// <summary>A member's code: the last column of their row in a codes file (the office's or the issuer's).</summary>
    private static string CodeOf(string codesFile, string member) =>
        File.ReadAllLines(codesFile).Single(l => l.StartsWith(member + ",", StringComparison.Ordinal)).Split(',')[^1];

    /// <summary>The issuer's roll audit: the sample drawn, every sampled member confirmed, the findings recorded.</summary>
    private static void AuditRoll(string issuerDir, Uri grpc)
    {
        Issuer("audit", "--dir", issuerDir, "--server", grpc.ToString());
        var sample = Path.Combine(issuerDir, "audit-sample.csv");
        var lines = File.ReadAllLines(sample);
        File.WriteAllLines(sample, [lines[0], .. lines.Skip(1).Select(l => l + "confirmed")]);
        Issuer("audit", "--dir", issuerDir, "--server", grpc.ToString(), "--outcomes", sample);
    }

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
        var issuerDir = Path.Combine(dir, "issuer");
        var init = Issuer("init", "--election", "web-2026", "--dir", issuerDir);
        ElectionFile.SetIssuer(d, Printed(init, "issuer key: "), Printed(init, "roll-audit commitment: "));
        d.DisputeWindowSeconds = DisputeWindowSeconds;
        await organiser.Create(d);
        var members = Path.Combine(dir, "members.csv");
        await File.WriteAllTextAsync(members, "member_id,style\nM1,north\nM2,south\n");
        Issuer("issue", members, "--dir", issuerDir);
        var (_, codesFile, _) = await organiser.ImportRoll("web-2026", members, Path.Combine(issuerDir, "halves.csv"));
        Issuer("attest", "--dir", issuerDir, "--server", server.Grpc.ToString());
        await organiser.Open("web-2026");
        var (code, issuerCode) = (CodeOf(codesFile, "M1"), CodeOf(Path.Combine(issuerDir, "codes.csv"), "M1"));

        var artefacts = Environment.GetEnvironmentVariable("VOTING_ARTIFACTS") ?? TestPaths.Repo("artifacts");
        Directory.CreateDirectory(artefacts);
        var screenshot = Path.Combine(artefacts, "browser-receipt.png");
        var psi = new ProcessStartInfo("node", [script, server.Http.ToString().TrimEnd('/'), "web-2026", code, issuerCode, screenshot]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(psi)!;
        var stdout = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, await stderr + await stdout);
        var result = JsonDocument.Parse(await stdout).RootElement;
        string Text(params string[] path) => path.Aggregate(result, (r, p) => r.GetProperty(p)).GetString()!;

        // The second code: asked for, checked before anything is sent, and its refusal explained.
        Assert.True(result.GetProperty("issuerShown").GetBoolean(), "the page asks for the issuer's code when the definition names an issuer");
        Assert.Contains("both of your codes", Text("missingIssuer", "message"), StringComparison.Ordinal);
        Assert.Equal(0, result.GetProperty("missingIssuer").GetProperty("sent").GetInt32());
        Assert.Contains("not an issuer code", Text("malformedIssuer", "message"), StringComparison.Ordinal);
        Assert.Equal(0, result.GetProperty("malformedIssuer").GetProperty("sent").GetInt32());
        Assert.Contains("not accepted", Text("wrongOffice"), StringComparison.Ordinal);
        Assert.Contains("from the independent issuer, does not match", Text("wrongIssuer"), StringComparison.Ordinal);
        Assert.Contains("office's code alone cannot enrol", Text("wrongIssuer"), StringComparison.Ordinal);

        // Only the member's style is on the page.
        Assert.Equal(new[] { "Committee", "North delegate" }, result.GetProperty("contests").EnumerateArray().Select(c => c.GetString()!));
        Assert.Contains("north", Text("styleNote"), StringComparison.Ordinal);

        Assert.True(result.GetProperty("signed").GetBoolean(), "the browser verified the log's signature on the receipt's checkpoint");
        Assert.True(result.GetProperty("included").GetBoolean(), "the browser verified the inclusion proof");
        Assert.Equal(0, result.GetProperty("external").GetArrayLength());
        Assert.Equal("receipt-web-2026.txt", Text("saveName"));
        Assert.Contains("already voted", Text("second"), StringComparison.Ordinal);
        Assert.Contains("first ballot is final", Text("second"), StringComparison.Ordinal);
        Assert.True(new FileInfo(screenshot).Length > 0);
        Assert.True(new FileInfo(Path.Combine(artefacts, "browser-receipt-impersonation.png")).Length > 0);

        // Participation, asked in the member's browser: their own enrollment and the ballot just cast.
        int index = result.GetProperty("index").GetInt32();
        var facts = result.GetProperty("participation").GetProperty("facts").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Contains("The enrollment is this browser's credential.", facts);
        Assert.Contains(facts, f => f.Contains($"1 ballot was cast with it: record {index} at ", StringComparison.Ordinal));
        Assert.Contains(facts, f => f.Contains("checked its proof", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("participation").GetProperty("warning").ValueKind);

        // Someone else with the same codes, in another browser: refused (V9), and told what that means and what to do.
        var impostor = Text("impostor", "message");
        Assert.Contains("evidence of impersonation", impostor, StringComparison.Ordinal);
        Assert.Contains("Check participation", impostor, StringComparison.Ordinal);
        Assert.Contains("voting member dispute --election web-2026", impostor, StringComparison.Ordinal);
        Assert.Contains("This browser holds no credential for this roll entry.", result.GetProperty("impostor").GetProperty("participation").GetProperty("facts").EnumerateArray().Select(f => f.GetString()!));
        Assert.Contains("evidence of impersonation", Text("impostor", "participation", "warning"), StringComparison.Ordinal);

        // The receipt the browser showed is a valid receipt for the C# side too.
        var receipt = Receipt.Parse(Text("receipt"));
        receipt.Verify(NoteVerifier.ParseVkey((await api.Election("web-2026")).LogVkey), [witness.Key.Verifier.AsCosignatureVerifier()]);
        Assert.Equal((ulong)index, receipt.Index);

        // Close, audit, wait out the dispute window, declare, and let the scrutineer find that ballot in the published log.
        await organiser.Close("web-2026");
        LotContributorCli.Reveal(lot, "web-2026", server.Grpc);
        AuditRoll(issuerDir, server.Grpc);
        await Task.Delay(TimeSpan.FromMilliseconds(DisputeWindowSeconds * 1000 + Voting.Core.Ballots.DisputeRules.DeclarationMarginMs + 1000), TestContext.Current.CancellationToken);
        await organiser.Declare("web-2026", new Uri(server.Http, "/elections/web-2026/"));
        var logDir = Path.Combine(dir, "log");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, global::Scrutineer.Cli.Run(["fetch", "--server", new Uri(server.Http, "/elections/web-2026/").ToString(), "--out", logDir], o, e));
        Assert.True(global::Scrutineer.Cli.Run(["verify", logDir], o, e) == 0, o.ToString() + e);
        var log = ExportedLog.Read(logDir);
        Assert.Equal(receipt.Record, log.Records[(int)receipt.Index]);
        var ballot = Canonical.Parse(log.Records[(int)receipt.Index]).Ballot;
        var chosen = new uint[d.Contests.Count][];
        for (int k = 0; k < chosen.Length; k++) chosen[k] = [];
        foreach (var c in result.GetProperty("chosen").EnumerateArray())
            chosen[c.GetProperty("contest").GetInt32()] = [.. c.GetProperty("choices").EnumerateArray().Select(x => (uint)x.GetInt32())];
        Assert.Equal(chosen.Length, ballot.Plain.Votes.Count);
        for (int k = 0; k < chosen.Length; k++) Assert.Equal(chosen[k], ballot.Plain.Votes[k].Choices);
        Assert.Empty(ballot.Plain.Votes[2].Choices); // the South contest, outside the member's style: blank
    }
}
