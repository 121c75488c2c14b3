using Voting.Server.Tests;

namespace Voting.Client.Tests;

/// <summary>
/// An election with an independent issuer, two ballot styles and a dispute window, run through the `voting` and
/// `scrutineer issuer` command lines (log.md §7.2–§7.4, §10.1–§10.2): each step's output and each wrong or missing
/// half a clear error; impersonation found by check-participation and disputed; the log verifies with every check of
/// audit.md §6 passing.
/// </summary>
public sealed class SplitEnrollmentCliTests : IAsyncLifetime
{
    private const string Id = "split-2026";
    private TestServer _server = null!;
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly string _dir = Directory.CreateTempSubdirectory("voting-split-cli-").FullName;
    private string Organiser => Path.Combine(_dir, "organiser");
    private string IssuerDir => Path.Combine(_dir, "issuer");

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync(clock: _clock);
    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private (int Code, string Out, string Err) Voting(string home, params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = ClientCli.Run(["--home", home, "--server", _server.Grpc.ToString(), "--retries", "1", .. args], o, e, new StringReader(""));
        return (code, o.ToString(), e.ToString());
    }

    private static (int Code, string Out, string Err) Issuer(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = global::Scrutineer.Cli.Run(["issuer", .. args], o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string After(string text, string prefix) => text.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();

    private string Definition()
    {
        var w = LiveElection.Window();
        var path = Path.Combine(_dir, "split.json");
        File.WriteAllText(path, $$"""
            { "electionId": "{{Id}}", "title": "Regional committee",
              "schedule": { "opensAtUnix": "{{w.OpensAtUnix}}", "closesAtUnix": "{{w.ClosesAtUnix}}" },
              "contests": [
                { "contestId": "north", "title": "North seat", "method": "METHOD_FPTP", "seats": 1, "candidates": [ { "candidateId": "ann", "name": "Ann" }, { "candidateId": "bob", "name": "Bob" } ] },
                { "contestId": "chair", "title": "Chair", "method": "METHOD_FPTP", "seats": 1, "candidates": [ { "candidateId": "cat", "name": "Cat" }, { "candidateId": "dan", "name": "Dan" } ] } ],
              "ballotStyles": [ { "styleId": "north", "contestIds": ["north", "chair"] }, { "styleId": "south", "contestIds": ["chair"] } ],
              "disputeWindowSeconds": 600 }
            """);
        return path;
    }

    private static string Code(string codesFile, int member) => File.ReadAllLines(codesFile)[member + 1].Split(',')[^1];

    [Fact]
    public void TheOfficeNeedsTheIssuerAndAMemberFindsAndDisputesImpersonation()
    {
        var init = Issuer("init", "--election", Id, "--dir", IssuerDir);
        Assert.True(init.Code == 0, init.Err);
        var (issuerKey, commitment) = (After(init.Out, "issuer key: "), After(init.Out, "roll-audit commitment: "));
        Assert.Equal(0, Voting(Organiser, "organiser", "keygen").Code);
        var lot = LotContributorCli.Commit(_dir, Id);
        var halfFlags = Voting(Organiser, "organiser", "create", Definition(), "--lot", lot.Flag, "--issuer", issuerKey);
        Assert.Equal(1, halfFlags.Code);
        Assert.Contains("--issuer and --roll-audit go together", halfFlags.Err, StringComparison.Ordinal);
        var create = Voting(Organiser, "organiser", "create", Definition(), "--lot", lot.Flag, "--issuer", issuerKey, "--roll-audit", commitment);
        Assert.True(create.Code == 0, create.Err);

        var members = Path.Combine(_dir, "members.csv");
        File.WriteAllText(members, "member_id,name,style\nM1,Ann Member,north\nM2,Bo Member,south\nM3,Cy Member,north\n");
        var issue = Issuer("issue", members, "--dir", IssuerDir);
        Assert.True(issue.Code == 0, issue.Err);
        var halves = Path.Combine(IssuerDir, "halves.csv");
        var noHalves = Voting(Organiser, "organiser", "roll", "import", members, "--election", Id);
        Assert.Equal(1, noHalves.Code);
        Assert.Contains("pass --issuer-halves", noHalves.Err, StringComparison.Ordinal);
        var import = Voting(Organiser, "organiser", "roll", "import", members, "--election", Id, "--issuer-halves", halves);
        Assert.True(import.Code == 0, import.Err);
        var early = Voting(Organiser, "organiser", "open", "--election", Id);
        Assert.Equal(1, early.Code);
        Assert.Contains("scrutineer issuer attest", early.Err, StringComparison.Ordinal);
        var attest = Issuer("attest", "--dir", IssuerDir, "--server", _server.Grpc.ToString());
        Assert.True(attest.Code == 0, attest.Err);
        Assert.Contains("3 entries (north 2, south 1)", attest.Out, StringComparison.Ordinal);
        Assert.Equal(0, Issuer("audit", "--dir", IssuerDir, "--server", _server.Grpc.ToString()).Code);
        var sample = Path.Combine(IssuerDir, "audit-sample.csv");
        var unfilled = Issuer("audit", "--dir", IssuerDir, "--server", _server.Grpc.ToString(), "--outcomes", sample);
        Assert.Equal(1, unfilled.Code);
        Assert.Contains("is not confirmed, unreachable or not-a-member", unfilled.Err, StringComparison.Ordinal);
        File.WriteAllLines(sample, File.ReadAllLines(sample).Select((l, i) => i == 0 ? l : l + "confirmed"));
        var audited = Issuer("audit", "--dir", IssuerDir, "--server", _server.Grpc.ToString(), "--outcomes", sample);
        Assert.True(audited.Code == 0, audited.Err);
        Assert.Contains("3 confirmed", audited.Out, StringComparison.Ordinal);
        Assert.Equal(0, Voting(Organiser, "organiser", "open", "--election", Id).Code);

        var office = Path.Combine(Organiser, "elections", Id, "enrollment-codes.csv");
        var issuerCodes = Path.Combine(IssuerDir, "codes.csv");
        string ann = Path.Combine(_dir, "ann"), bo = Path.Combine(_dir, "bo"), thief = Path.Combine(_dir, "thief");
        var oneCode = Voting(ann, "member", "enroll", "--election", Id, "--code", Code(office, 0));
        Assert.Equal(1, oneCode.Code);
        Assert.Contains("needs both of your codes", oneCode.Err, StringComparison.Ordinal);
        var wrongHalf = Voting(ann, "member", "enroll", "--election", Id, "--code", Code(office, 0), "--issuer-code", Code(issuerCodes, 2));
        Assert.Equal(1, wrongHalf.Code);
        Assert.Contains("the office's code alone cannot enrol", wrongHalf.Err, StringComparison.Ordinal);
        var enrolled = Voting(ann, "member", "enroll", "--election", Id, "--code", Code(office, 0), "--issuer-code", Code(issuerCodes, 0));
        Assert.True(enrolled.Code == 0, enrolled.Err);
        Assert.Equal(0, Voting(ann, "member", "vote", "--election", Id, "--choice", "north=ann", "--choice", "chair=cat").Code);
        var mine = Voting(ann, "member", "check-participation", "--election", Id, "--code", Code(office, 0));
        Assert.True(mine.Code == 0, mine.Err);
        Assert.Contains("with the credential on this computer", mine.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", mine.Out, StringComparison.Ordinal);

        // Bo's two letters are taken: someone enrols and votes with them. Bo's style (south) has no North seat.
        Assert.Equal(0, Voting(thief, "member", "enroll", "--election", Id, "--code", Code(office, 1), "--issuer-code", Code(issuerCodes, 1)).Code);
        var outside = Voting(thief, "member", "vote", "--election", Id, "--choice", "north=bob", "--choice", "chair=dan");
        Assert.Equal(1, outside.Code);
        Assert.Contains("contest north is not in your ballot style", outside.Err, StringComparison.Ordinal);
        Assert.Equal(0, Voting(thief, "member", "vote", "--election", Id, "--choice", "chair=dan").Code);
        var taken = Voting(bo, "member", "enroll", "--election", Id, "--code", Code(office, 1), "--issuer-code", Code(issuerCodes, 1));
        Assert.Equal(1, taken.Code);
        Assert.Contains("evidence of impersonation", taken.Err, StringComparison.Ordinal);
        var found = Voting(bo, "member", "check-participation", "--election", Id, "--code", Code(office, 1));
        Assert.True(found.Code == 0, found.Err);
        Assert.Contains("your ballot style: south", found.Out, StringComparison.Ordinal);
        Assert.Contains("1 ballot was cast with it", found.Out, StringComparison.Ordinal);
        Assert.Contains("WARNING: this computer holds no credential for this election", found.Out, StringComparison.Ordinal);
        Assert.Contains("after voting closes", found.Out, StringComparison.Ordinal);
        var tooEarly = Voting(bo, "member", "dispute", "--election", Id, "--code", Code(office, 1), "--issuer-code", Code(issuerCodes, 1));
        Assert.Equal(1, tooEarly.Code);
        Assert.Contains("before Close", tooEarly.Err, StringComparison.Ordinal);

        Assert.Equal(0, Voting(Organiser, "organiser", "close", "--election", Id).Code);
        LotContributorCli.Reveal(lot.File, Id, _server.Grpc);
        var disputed = Voting(bo, "member", "dispute", "--election", Id, "--code", Code(office, 1), "--issuer-code", Code(issuerCodes, 1));
        Assert.True(disputed.Code == 0, disputed.Err);
        Assert.Contains("will not be counted", disputed.Out, StringComparison.Ordinal);
        Assert.Contains("you disputed this enrollment", Voting(bo, "member", "check-participation", "--election", Id, "--code", Code(office, 1)).Out, StringComparison.Ordinal);
        var beforeWindow = Voting(Organiser, "organiser", "declare", "--election", Id, "--http", _server.Http.ToString());
        Assert.Equal(1, beforeWindow.Code);
        Assert.Contains("dispute window, if the election has one, has ended", beforeWindow.Err, StringComparison.Ordinal); // the log is withheld until then
        _clock.Now += TimeSpan.FromSeconds(606);
        var declare = Voting(Organiser, "organiser", "declare", "--election", Id, "--http", _server.Http.ToString());
        Assert.True(declare.Code == 0, declare.Err);

        // The scrutineer: every check passes, none of audit.md §6 merely not applicable; the thief's ballot is not counted.
        // This server has no witnesses (its clock is moved by hand past the window), so time.witness-bounds cannot run,
        // nor dispute.valid's comparison of the window with the witnesses' clocks: both say so (not run), neither passes.
        var log = Path.Combine(_dir, "log");
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, global::Scrutineer.Cli.Run(["fetch", "--server", new Uri(_server.Http, $"/elections/{Id}/").ToString(), "--out", log], o, e));
        var json = new StringWriter();
        global::Scrutineer.Cli.Run(["verify", "--json", log], json, e);
        var verdicts = System.Text.Json.JsonDocument.Parse(json.ToString()).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("verdict").GetString());
        // Its ballots are plain: the sealed-ballot checks do not apply.
        Assert.All(verdicts, v => Assert.True(v.Value == (v.Key is "time.witness-bounds" or "dispute.valid" ? "not-run" : v.Key is "trustees.key" or "ballot.sealed" ? "not-applicable" : "pass"), $"{v.Key}: {v.Value}"));
        Assert.Contains("Ballots 1, blank 0, marked 1", declare.Out, StringComparison.Ordinal); // the chair: Ann's ballot only
    }
}
