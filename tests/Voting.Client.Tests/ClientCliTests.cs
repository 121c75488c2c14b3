using Voting.Server.Tests;

namespace Voting.Client.Tests;

/// <summary>
/// The voting CLI in script style against an in-process ballot server: every subcommand's success path, then the
/// bad inputs — each exit code, stdout and stderr.
/// </summary>
public sealed class ClientCliTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("voting-cli-").FullName;
    private string Organiser => Path.Combine(_dir, "organiser");
    /// <summary>seeds/chair.json voting now: the server refuses casts outside the schedule.</summary>
    private string Chair => LiveElection.Seed(TestPaths.Repo("seeds", "chair.json"), _dir);

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync();
    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private (int Code, string Out, string Err) Run(string home, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = ClientCli.Run(["--home", home, "--server", _server.Grpc.ToString(), "--retries", "1", .. args], o, e, new StringReader(""));
        return (code, o.ToString(), e.ToString());
    }

    private string Members(int n)
    {
        var path = Path.Combine(_dir, "members.csv");
        File.WriteAllText(path, "member_id,name\n" + string.Concat(Enumerable.Range(1, n).Select(i => $"M{i},\"Member, {i}\"\n")));
        return path;
    }

    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("file modes are checked on Unix") : File.GetUnixFileMode(path);

    /// <summary>An independent contributor's `scrutineer lot commit` for chair-2026: the --lot flag for create, and its seed file.</summary>
    private (string Flag, string File) Lot() => LotContributorCli.Commit(_dir, "chair-2026");

    private void Reveal(string file) => LotContributorCli.Reveal(file, "chair-2026", _server.Grpc);

    private static string Code(string codesFile, int member) => File.ReadAllLines(codesFile)[member + 1].Split(',')[^1];

    /// <summary>An election with the chair seed, a roll of three, opened.</summary>
    private string Opened()
    {
        Assert.Equal(0, Run(Organiser, "organiser", "keygen").Code);
        var create = Run(Organiser, "organiser", "create", Chair, "--lot", Lot().Flag);
        Assert.True(create.Code == 0, create.Err);
        var import = Run(Organiser, "organiser", "roll", "import", Members(3), "--election", "chair-2026");
        Assert.True(import.Code == 0, import.Err);
        Assert.Equal(0, Run(Organiser, "organiser", "open", "--election", "chair-2026").Code);
        return Path.Combine(Organiser, "elections", "chair-2026", "enrollment-codes.csv");
    }

    [Fact]
    public async Task AnElectionRunsFromKeygenToDeclarationAndTheReceiptChecks()
    {
        var keygen = Run(Organiser, "organiser", "keygen", "--name", "returning-officer");
        Assert.Equal(0, keygen.Code);
        Assert.Contains("public key (for organiser_keys): ", keygen.Out, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(Path.Combine(Organiser, "organiser.key")));
        var noLot = Run(Organiser, "organiser", "create", Chair);
        Assert.Equal(1, noLot.Code);
        Assert.Contains("there are no lot_contributors", noLot.Err, StringComparison.Ordinal);
        var lot = Lot();
        Assert.Contains("created election chair-2026", Run(Organiser, "organiser", "create", Chair, "--lot", lot.Flag).Out, StringComparison.Ordinal);
        var import = Run(Organiser, "organiser", "roll", "import", Members(3), "--election", "chair-2026");
        Assert.Contains("roll of 3 members committed", import.Out, StringComparison.Ordinal);
        var codes = Path.Combine(Organiser, "elections", "chair-2026", "enrollment-codes.csv");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(codes));
        Assert.Matches(@"^M1,""Member, 1"",[0-2]-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$", File.ReadAllLines(codes)[1]);
        Assert.DoesNotContain(Code(codes, 0), import.Out + import.Err, StringComparison.Ordinal);
        Assert.Contains("opened chair-2026", Run(Organiser, "organiser", "open", "--election", "chair-2026").Out, StringComparison.Ordinal);

        var alice = Path.Combine(_dir, "alice");
        var enroll = Run(alice, "member", "enroll", "--election", "chair-2026", "--code", Code(codes, 0));
        Assert.True(enroll.Code == 0, enroll.Err);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(Path.Combine(alice, "elections", "chair-2026", "credential.json")));
        var vote = Run(alice, "member", "vote", "--election", "chair-2026", "--choice", "chair=shah");
        Assert.True(vote.Code == 0, vote.Err);
        var receipt = Path.Combine(alice, "elections", "chair-2026", "receipt.txt");
        var check = Run(alice, "member", "check-receipt", receipt);
        Assert.True(check.Code == 0, check.Err);
        Assert.Contains("receipt verified: ballot is record", check.Out, StringComparison.Ordinal);
        Assert.Contains("is consistent with it", check.Out, StringComparison.Ordinal);

        // Interactive voting reads the choices from stdin.
        var bob = Path.Combine(_dir, "bob");
        Assert.Equal(0, Run(bob, "member", "enroll", "--election", "chair-2026", "--code", Code(codes, 1)).Code);
        var o = new StringWriter();
        var e = new StringWriter();
        int code = ClientCli.Run(["--home", bob, "--server", _server.Grpc.ToString(), "member", "vote", "--election", "chair-2026"], o, e, new StringReader("1\n"));
        Assert.True(code == 0, e.ToString());
        Assert.Contains("Chair: choose one", o.ToString(), StringComparison.Ordinal);
        Assert.Contains("1. Ngozi Okafor", o.ToString(), StringComparison.Ordinal);

        var status = Run(Organiser, "organiser", "status", "--election", "chair-2026");
        Assert.True(status.Code == 0, status.Err);
        Assert.Contains("66.67%", status.Out, StringComparison.Ordinal);
        Assert.Contains("closed chair-2026", Run(Organiser, "organiser", "close", "--election", "chair-2026").Out, StringComparison.Ordinal);
        var early = Run(Organiser, "organiser", "declare", "--election", "chair-2026", "--http", _server.Http.ToString());
        Assert.Equal(1, early.Code);
        Assert.Contains("lot contribution not revealed: 0 (\"scrutineer-1\")", early.Err, StringComparison.Ordinal);
        Reveal(lot.File);
        var declare = Run(Organiser, "organiser", "declare", "--election", "chair-2026", "--http", _server.Http.ToString());
        Assert.True(declare.Code == 0, declare.Err);
        Assert.Contains("Elected, in order: ", declare.Out, StringComparison.Ordinal);
        Assert.Contains("declared chair-2026", declare.Out, StringComparison.Ordinal);

        // Offline, with the log key given: the signature and the inclusion proof alone.
        using var http = new HttpClient();
        var vkey = (await http.GetStringAsync(new Uri(_server.Http, "/elections/chair-2026/keys"))).Split('\n')[0]["log ".Length..];
        var offline = Run(alice, "member", "check-receipt", receipt, "--offline", "--log", vkey);
        Assert.True(offline.Code == 0, offline.Err);
        Assert.Contains("(offline: consistency with the latest checkpoint not checked)", offline.Out, StringComparison.Ordinal);
        Assert.Contains("with --log alone the witnesses' cosignatures are not checked", offline.Out, StringComparison.Ordinal);
        // Offline, alice's home has the policy pinned at enrolment; a receipt copied to another home has none.
        Assert.Equal(0, Run(alice, "member", "check-receipt", receipt, "--offline").Code);
        var elsewhere = Run(Path.Combine(_dir, "elsewhere"), "member", "check-receipt", receipt, "--offline");
        Assert.Equal(1, elsewhere.Code);
        Assert.Contains("--offline needs a witness policy", elsewhere.Err, StringComparison.Ordinal);
        // A receipt whose record was altered no longer verifies.
        var text = File.ReadAllText(receipt);
        var extra = text.Split('\n')[1];
        var bytes = Convert.FromBase64String(extra["extra ".Length..]);
        bytes[^1] ^= 1;
        File.WriteAllText(receipt, text.Replace(extra, "extra " + Convert.ToBase64String(bytes), StringComparison.Ordinal));
        var forged = Run(alice, "member", "check-receipt", receipt, "--offline", "--log", vkey);
        Assert.Equal(1, forged.Code);
        Assert.Contains("the receipt does NOT verify", forged.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAndMalformedFilesAreClearErrors()
    {
        Assert.Equal(0, Run(Organiser, "organiser", "keygen").Code);
        var missing = Run(Organiser, "organiser", "create", Path.Combine(_dir, "nope.json"));
        Assert.Equal(1, missing.Code);
        Assert.StartsWith("voting: error: ", missing.Err, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Err, StringComparison.Ordinal);

        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{ \"electionId\": \"x\", \"contests\": [ { \"method\": \"METHOD_NOPE\" } ] }");
        var malformed = Run(Organiser, "organiser", "create", bad);
        Assert.Equal(1, malformed.Code);
        Assert.Contains("is not a valid election definition", malformed.Err, StringComparison.Ordinal);
        Assert.Contains("hint: ", malformed.Err, StringComparison.Ordinal);

        File.WriteAllText(bad, "{ \"electionId\": \"x y\", \"title\": \"T\", \"contests\": [ { \"contestId\": \"c\", \"title\": \"C\", \"method\": \"METHOD_FPTP\", \"seats\": 2 } ] }");
        var invalid = Run(Organiser, "organiser", "create", bad);
        Assert.Equal(1, invalid.Code);
        Assert.Contains("problems:", invalid.Err, StringComparison.Ordinal);
        Assert.Contains("fills exactly one seat", invalid.Err, StringComparison.Ordinal);
        Assert.Contains("no candidates", invalid.Err, StringComparison.Ordinal);

        Assert.Equal(0, Run(Organiser, "organiser", "create", Chair, "--lot", Lot().Flag).Code);
        Assert.Contains("expected NAME=COMMITMENT", Run(Organiser, "organiser", "create", Chair, "--lot", "scrutineer-1").Err, StringComparison.Ordinal);
        var csv = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(csv, "name,email\nA,a@x\n");
        Assert.Contains("no member_id column", Run(Organiser, "organiser", "roll", "import", csv, "--election", "chair-2026").Err, StringComparison.Ordinal);
        File.WriteAllText(csv, "member_id,name\nM1,A\nM1,B\n");
        Assert.Contains("bad.csv:3: member_id \"M1\" appears twice", Run(Organiser, "organiser", "roll", "import", csv, "--election", "chair-2026").Err, StringComparison.Ordinal);
        File.WriteAllText(csv, "member_id,name\nM1,\"unterminated\n");
        Assert.Contains("quoted field is not closed", Run(Organiser, "organiser", "roll", "import", csv, "--election", "chair-2026").Err, StringComparison.Ordinal);
        Assert.Contains("does not exist", Run(Organiser, "organiser", "roll", "import", Path.Combine(_dir, "none.csv"), "--election", "chair-2026").Err, StringComparison.Ordinal);

        var notReceipt = Path.Combine(_dir, "receipt.txt");
        File.WriteAllText(notReceipt, "hello\n");
        var r = Run(_dir, "member", "check-receipt", notReceipt);
        Assert.Equal(1, r.Code);
        Assert.Contains("is not a receipt", r.Err, StringComparison.Ordinal);
        var usage = Run(_dir, "member", "vote");
        Assert.Equal(2, usage.Code);
        Assert.Contains("--election", usage.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongCodeABadChoiceAClosedBallotAndARepeatVoteAreRefusedWithHints()
    {
        var codes = Opened();
        var wrong = Run(Path.Combine(_dir, "x"), "member", "enroll", "--election", "chair-2026", "--code", "1-AAAAA-AAAAA-AAAAA-AAAAA");
        Assert.Equal(1, wrong.Code);
        Assert.Contains("PermissionDenied", wrong.Err, StringComparison.Ordinal);
        Assert.Contains("hint: the code does not match its roll entry", wrong.Err, StringComparison.Ordinal);
        Assert.Contains("is not an enrollment code", Run(Path.Combine(_dir, "x"), "member", "enroll", "--election", "chair-2026", "--code", "hello").Err, StringComparison.Ordinal);

        var carol = Path.Combine(_dir, "carol");
        Assert.Equal(0, Run(carol, "member", "enroll", "--election", "chair-2026", "--code", Code(codes, 2)).Code);
        Assert.Contains("has no candidate \"nobody\"", Run(carol, "member", "vote", "--election", "chair-2026", "--choice", "chair=nobody").Err, StringComparison.Ordinal);
        Assert.Contains("this ballot is not valid", Run(carol, "member", "vote", "--election", "chair-2026", "--choice", "chair=shah,okafor").Err, StringComparison.Ordinal);
        Assert.Contains("has no contest \"treasurer\"", Run(carol, "member", "vote", "--election", "chair-2026", "--choice", "treasurer=x").Err, StringComparison.Ordinal);
        Assert.Equal(0, Run(carol, "member", "vote", "--election", "chair-2026", "--choice", "chair=okafor").Code);
        var again = Run(carol, "member", "vote", "--election", "chair-2026", "--choice", "chair=shah");
        Assert.Equal(1, again.Code);
        Assert.Contains("AlreadyExists", again.Err, StringComparison.Ordinal);
        Assert.Contains("hint: this election counts one ballot per member", again.Err, StringComparison.Ordinal);

        Assert.Equal(0, Run(Organiser, "organiser", "close", "--election", "chair-2026").Code);
        var dave = Path.Combine(_dir, "dave");
        var late = Run(dave, "member", "enroll", "--election", "chair-2026", "--code", Code(codes, 0));
        Assert.Equal(1, late.Code);
        Assert.Contains("FailedPrecondition", late.Err, StringComparison.Ordinal);
        var closed = Run(carol, "member", "vote", "--election", "chair-2026", "--choice", "chair=shah");
        Assert.Equal(1, closed.Code);
        Assert.Contains("hint: voting is not open now", closed.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void ANetworkThatIsDownIsRetriedThenReportedClearly()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = ClientCli.Run(["--home", _dir, "--server", "http://127.0.0.1:9", "--retries", "2", "organiser", "status", "--election", "x"], o, e);
        Assert.Equal(1, code);
        var err = e.ToString();
        Assert.StartsWith("voting: error: cannot reach the ballot server at http://127.0.0.1:9/", err, StringComparison.Ordinal);
        Assert.Contains("(tried 3 times)", err, StringComparison.Ordinal);
        Assert.Contains("hint: is the server running, and is --server its gRPC address", err, StringComparison.Ordinal);
        Assert.Contains("--server", ClientCli.Run(["--server", "ftp://x", "organiser", "open", "--election", "x"], o, e = new StringWriter()) == 1 ? e.ToString() : "", StringComparison.Ordinal);
    }
}
