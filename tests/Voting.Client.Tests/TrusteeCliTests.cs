using Voting.Server.Tests;

namespace Voting.Client.Tests;

/// <summary>
/// A sealed election's key generation through the `voting` and `scrutineer trustee` command lines (sealed.md §3.2):
/// three trustees, threshold two by default, each with its own directory; Open refused until every one has confirmed;
/// each misstep a clear error; the secret polynomial forgotten once the trustee holds its share.
/// </summary>
public sealed class TrusteeCliTests : IAsyncLifetime
{
    private const string Id = "sealed-cli-2026";
    private TestServer _server = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("voting-trustee-cli-").FullName;
    private string Organiser => Path.Combine(_dir, "organiser");
    private string TrusteeDir(int t) => Path.Combine(_dir, $"trustee-{t}");

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync();
    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private (int Code, string Out, string Err) Voting(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = ClientCli.Run(["--home", Organiser, "--server", _server.Grpc.ToString(), "--retries", "1", .. args], o, e, new StringReader(""));
        return (code, o.ToString(), e.ToString());
    }

    private (int Code, string Out, string Err) Trustee(string command, int t, params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        string[] server = command == "init" ? [] : ["--server", _server.Grpc.ToString()];
        int code = global::Scrutineer.Cli.Run(["trustee", command, "--dir", TrusteeDir(t), .. server, .. args], o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string After(string text, string prefix) => text.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();

    private string Definition()
    {
        var w = LiveElection.Window();
        var path = Path.Combine(_dir, "sealed.json");
        File.WriteAllText(path, $$"""
            { "electionId": "{{Id}}", "title": "Union ballot",
              "schedule": { "opensAtUnix": "{{w.OpensAtUnix}}", "closesAtUnix": "{{w.ClosesAtUnix}}" },
              "contests": [ { "contestId": "strike", "title": "Strike?", "method": "METHOD_REFERENDUM", "seats": 1, "candidates": [ { "candidateId": "yes", "name": "Yes" }, { "candidateId": "no", "name": "No" } ] } ] }
            """);
        return path;
    }

    [Fact]
    public void ThreeTrusteesMakeTheKeyBeforeVotingOpens()
    {
        var lines = new List<string>();
        for (int t = 1; t <= 3; t++)
        {
            var init = Trustee("init", t, "--election", Id, "--name", $"trustee-{t}");
            Assert.True(init.Code == 0, init.Err);
            lines.Add(After(init.Out, "trustee: "));
        }
        Assert.Contains("is never replaced", Trustee("init", 1, "--election", Id, "--name", "again").Err, StringComparison.Ordinal);
        Assert.Equal(0, Voting("organiser", "keygen").Code);
        var lot = LotContributorCli.Commit(_dir, Id);
        var garbled = Voting("organiser", "create", Definition(), "--lot", lot.Flag, "--trustee", "alice=notakey");
        Assert.Equal(1, garbled.Code);
        Assert.Contains("expected NAME=SIGNING_KEY,EXCHANGE_KEY", garbled.Err, StringComparison.Ordinal);
        var alone = Voting("organiser", "create", Definition(), "--lot", lot.Flag, "--trustee", lines[0], "--trustee", lines[1], "--trustee", lines[2], "--trustee-threshold", "1");
        Assert.Equal(1, alone.Code);
        Assert.Contains("no one trustee may decrypt alone", alone.Err, StringComparison.Ordinal);
        var create = Voting("organiser", "create", Definition(), "--lot", lot.Flag, "--trustee", lines[0], "--trustee", lines[1], "--trustee", lines[2]);
        Assert.True(create.Code == 0, create.Err);

        var members = Path.Combine(_dir, "members.csv");
        File.WriteAllText(members, "member_id,name\nM1,Ann\nM2,Bo\n");
        Assert.Equal(0, Voting("organiser", "roll", "import", members, "--election", Id).Code);
        var early = Voting("organiser", "open", "--election", Id);
        Assert.Equal(1, early.Code);
        Assert.Contains("scrutineer trustee commit", early.Err, StringComparison.Ordinal);

        var first = Trustee("commit", 1);
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("committed as trustee 1 of 3 (trustee-1)", first.Out, StringComparison.Ordinal);
        Assert.Equal(After(first.Out, "committed as trustee 1"), After(Trustee("commit", 1).Out, "committed as trustee 1")); // a retry: the same record
        var tooSoon = Trustee("confirm", 1);
        Assert.Equal(1, tooSoon.Code);
        Assert.Contains("1 of 3 trustees have committed", tooSoon.Err, StringComparison.Ordinal);
        Assert.Equal(0, Trustee("commit", 2).Code);
        Assert.Equal(0, Trustee("commit", 3).Code);
        string? key = null;
        for (int t = 1; t <= 3; t++)
        {
            var confirmed = Trustee("confirm", t);
            Assert.True(confirmed.Code == 0, confirmed.Err);
            var k = After(confirmed.Out, $"confirmed the election key of {Id} as trustee {t}: ").Split(';')[0];
            Assert.Equal(key ?? k, k);
            key = k;
            var state = File.ReadAllText(Path.Combine(TrusteeDir(t), "trustee.state"));
            Assert.Contains("secret-share ", state, StringComparison.Ordinal);
            Assert.DoesNotContain("coefficient ", state, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(TrusteeDir(t), "trustee.state")));
        }
        var opened = Voting("organiser", "open", "--election", Id);
        Assert.True(opened.Code == 0, opened.Err);
        var late = Trustee("commit", 1);
        Assert.Equal(0, late.Code); // the recorded commitment, sent again, is answered with its record
        var stranger = Path.Combine(_dir, "stranger");
        Assert.Equal(0, global::Scrutineer.Cli.Run(["trustee", "init", "--election", Id, "--name", "x", "--dir", stranger], new StringWriter(), new StringWriter()));
        var (so, se) = (new StringWriter(), new StringWriter());
        Assert.Equal(1, global::Scrutineer.Cli.Run(["trustee", "commit", "--dir", stranger, "--server", _server.Grpc.ToString()], so, se));
        Assert.Contains("does not name this trustee's keys", se.ToString(), StringComparison.Ordinal);
    }
}
