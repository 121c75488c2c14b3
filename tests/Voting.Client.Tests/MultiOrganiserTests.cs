using Google.Protobuf;
using Voting.Client.Organiser;
using Voting.Server.Tests;

namespace Voting.Client.Tests;

/// <summary>
/// Issue 14 item 8: an election run by 2 of 3 organisers, each on their own machine (a --home each). Every act is
/// prepared by one, written to an act file, checked and signed by another, and submitted once it carries two
/// signatures; one organiser alone can do nothing.
/// </summary>
public sealed class MultiOrganiserTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("voting-2of3-").FullName;
    private string Home(string who) => Path.Combine(_dir, who);

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync();
    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private (int Code, string Out, string Err) Run(string who, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = ClientCli.Run(["--home", Home(who), "--server", _server.Grpc.ToString(), "--retries", "1", .. args], o, e, new StringReader(""));
        return (code, o.ToString(), e.ToString());
    }

    private static string ActFileIn(string output) =>
        output.Split('\n').Single(l => l.StartsWith("signed by you", StringComparison.Ordinal)).Split(" The act is in ")[1].TrimEnd(':');

    [Fact]
    public void TwoOfThreeOrganisersRunAnElectionAndNoneCanActAlone()
    {
        string[] names = ["officer", "deputy", "treasurer"];
        var keys = names.Select(n =>
        {
            var k = Run(n, "organiser", "keygen", "--name", n);
            Assert.Equal(0, k.Code);
            return k.Out.Split("public key (for organiser_keys): ")[1].Trim();
        }).ToList();
        var d = ElectionFile.Read(TestPaths.Repo("seeds", "chair.json"));
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        d.Schedule = new Voting.Core.Records.Schedule { OpensAtUnix = now - 60, ClosesAtUnix = now + 3600 };
        d.OrganiserKeys.AddRange(keys.Select(k => ByteString.FromBase64(k)));
        d.OrganiserThreshold = 2;
        var lot = LotContributorCli.Commit(_dir, d);
        var json = Path.Combine(_dir, "chair.json");
        File.WriteAllText(json, JsonFormatter.Default.Format(d));

        // create: the officer signs (1 of 2) and nothing reaches the server; the deputy checks and completes it.
        var created = Run("officer", "organiser", "create", json);
        Assert.True(created.Code == 0, created.Err);
        Assert.Contains("signed by you: 1 of the 2 organiser signatures this election needs", created.Out, StringComparison.Ordinal);
        var act = ActFileIn(created.Out);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(act));
        Assert.Equal(1, Run("officer", "member", "enroll", "--election", "chair-2026", "--code", "0-AAAAA-AAAAA-AAAAA-AAAAA").Code); // no such election yet
        Assert.Contains("NotFound", Run("officer", "organiser", "status", "--election", "chair-2026").Err, StringComparison.Ordinal);
        var again = Run("officer", "organiser", "sign", act, "--election", "chair-2026", "--yes");
        Assert.Equal(1, again.Code);
        Assert.Contains("already carries your signature", again.Err, StringComparison.Ordinal);
        var submitEarly = Run("officer", "organiser", "submit", act);
        Assert.Equal(1, submitEarly.Code);
        Assert.Contains("1 organiser signature(s); the election requires 2", submitEarly.Err, StringComparison.Ordinal);
        // The co-signer sees the act in full and must say yes; an act for another election than they name is refused.
        var unconfirmed = Run("deputy", "organiser", "sign", act, "--election", "chair-2026");
        Assert.Equal(1, unconfirmed.Code);
        Assert.Contains("sign this act with your organiser key? [y/N]", unconfirmed.Out, StringComparison.Ordinal);
        Assert.Contains("not signed", unconfirmed.Err, StringComparison.Ordinal);
        Assert.Contains("is an act for election \"chair-2026\", not other-2026", Run("deputy", "organiser", "sign", act, "--election", "other-2026", "--yes").Err, StringComparison.Ordinal);
        var cosigned = Run("deputy", "organiser", "sign", act, "--election", "chair-2026", "--yes");
        Assert.True(cosigned.Code == 0, cosigned.Err);
        Assert.Contains("act: create election chair-2026", cosigned.Out, StringComparison.Ordinal);
        Assert.Contains("any 2 of these 3 keys must sign every act:", cosigned.Out, StringComparison.Ordinal);
        Assert.Contains($"1: {keys[1]}  (yours)", cosigned.Out, StringComparison.Ordinal);
        Assert.Contains($"2: {keys[2]}", cosigned.Out, StringComparison.Ordinal);
        Assert.Contains("lot contributors", cosigned.Out, StringComparison.Ordinal);
        Assert.Contains("submitted (record 0)", cosigned.Out, StringComparison.Ordinal);

        // The lot contributor confirms the election names its commitment; a seed it did not give is not named, and
        // no seed is sent before Close.
        var (lo, le) = (new StringWriter(), new StringWriter());
        Assert.True(global::Scrutineer.Cli.Run(["lot", "check", lot, "--server", _server.Grpc.ToString()], lo, le) == 0, le.ToString());
        Assert.Contains("names your commitment as lot contributor 0 (\"scrutineer-1\"); it is Defined", lo.ToString(), StringComparison.Ordinal);
        var stranger = Path.Combine(_dir, "stranger.lot");
        Assert.Equal(0, global::Scrutineer.Cli.Run(["lot", "commit", "--election", "chair-2026", "--name", "scrutineer-1", "--out", stranger], lo, le));
        Assert.Equal(1, global::Scrutineer.Cli.Run(["lot", "check", stranger, "--server", _server.Grpc.ToString()], lo, le));
        Assert.Contains("does not name your commitment", le.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, global::Scrutineer.Cli.Run(["lot", "reveal", lot, "--server", _server.Grpc.ToString()], lo, le));
        Assert.Contains("the seed is revealed only after Close", le.ToString(), StringComparison.Ordinal);

        // The roll: a co-signer recomputes the digest from the entries, so a tampered roll is refused.
        var members = Path.Combine(_dir, "members.csv");
        File.WriteAllText(members, "member_id,name\nM1,Ann\nM2,Bo\nM3,Cy\n");
        var roll = Run("officer", "organiser", "roll", "import", members, "--election", "chair-2026");
        Assert.True(roll.Code == 0, roll.Err);
        var rollAct = ActFileIn(roll.Out);
        var tampered = Path.Combine(_dir, "tampered.act.json");
        var p = ActFile.Read(rollAct);
        p.Roll.Entries[0] = ByteString.CopyFrom(new byte[32]);
        ActFile.Write(tampered, p);
        var refused = Run("treasurer", "organiser", "sign", tampered, "--election", "chair-2026", "--yes");
        Assert.Equal(1, refused.Code);
        Assert.Contains("the roll commitment does not match its entries", refused.Err, StringComparison.Ordinal);
        Assert.Contains("submitted", Run("treasurer", "organiser", "sign", rollAct, "--election", "chair-2026", "--yes").Out, StringComparison.Ordinal);

        Assert.Contains("submitted", Run("deputy", "organiser", "sign", ActFileIn(Run("officer", "organiser", "open", "--election", "chair-2026").Out), "--election", "chair-2026", "--yes").Out, StringComparison.Ordinal);
        // A status request only reads: one organiser may ask.
        Assert.Contains("Open", Run("treasurer", "organiser", "status", "--election", "chair-2026").Out, StringComparison.Ordinal);

        var code = File.ReadAllLines(Path.Combine(Home("officer"), "elections", "chair-2026", "enrollment-codes.csv"))[1].Split(',')[^1];
        Assert.Equal(0, Run("alice", "member", "enroll", "--election", "chair-2026", "--code", code).Code);
        Assert.Equal(0, Run("alice", "member", "vote", "--election", "chair-2026", "--choice", "chair=shah").Code);

        // Close: only the officer holds the tie-break seed; a co-signer checks it against the definition's commitment.
        Assert.Contains("no tie-break seed", Run("deputy", "organiser", "close", "--election", "chair-2026").Err, StringComparison.Ordinal);
        var closeAct = ActFileIn(Run("officer", "organiser", "close", "--election", "chair-2026").Out);
        var wrongSeed = ActFile.Read(closeAct);
        wrongSeed.Close.TieBreakSeed = ByteString.CopyFrom(new byte[32]);
        ActFile.Write(tampered, wrongSeed);
        Assert.Contains("signature by organiser key 0 does not verify", Run("deputy", "organiser", "sign", tampered, "--election", "chair-2026", "--yes").Err, StringComparison.Ordinal); // altered in transit
        wrongSeed.Close.Signatures.Clear();
        Voting.Core.Records.OrganiserSigning.Sign(wrongSeed.Close, 0, Voting.Core.Notes.KeyFile.Load(Path.Combine(Home("officer"), "organiser.key")));
        ActFile.Write(tampered, wrongSeed);
        Assert.Contains("tie-break seed does not match", Run("deputy", "organiser", "sign", tampered, "--election", "chair-2026", "--yes").Err, StringComparison.Ordinal); // signed so by the officer
        var keptClose = Run("deputy", "organiser", "sign", closeAct, "--keep", "--election", "chair-2026", "--yes");
        Assert.Contains("signed by you: 2 of the 2", keptClose.Out, StringComparison.Ordinal);
        Assert.Contains("submitted (record", Run("treasurer", "organiser", "submit", closeAct).Out, StringComparison.Ordinal);
        LotContributorCli.Reveal(lot, "chair-2026", _server.Grpc);

        // The declaration: the co-signer signs only what their own recount of the published log gives.
        var http = _server.Http.ToString();
        var declared = Run("officer", "organiser", "declare", "--election", "chair-2026", "--http", http);
        Assert.True(declared.Code == 0, declared.Err);
        var declareAct = ActFileIn(declared.Out);
        var forged = ActFile.Read(declareAct);
        forged.Declaration.CountedBallots = 2;
        forged.Declaration.Signatures.Clear();
        Voting.Core.Records.OrganiserSigning.Sign(forged.Declaration, 0, Voting.Core.Notes.KeyFile.Load(Path.Combine(Home("officer"), "organiser.key")));
        ActFile.Write(tampered, forged); // the officer signed a result other than the recount
        var lie = Run("deputy", "organiser", "sign", tampered, "--http", http, "--election", "chair-2026", "--yes");
        Assert.Equal(1, lie.Code);
        Assert.Contains("the declaration is not the recount of the published log", lie.Err, StringComparison.Ordinal);
        var done = Run("deputy", "organiser", "sign", declareAct, "--http", http, "--election", "chair-2026", "--yes");
        Assert.True(done.Code == 0, done.Err);
        Assert.Contains("submitted", done.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(declareAct), "a submitted act's file is removed");

        var (o, e) = (new StringWriter(), new StringWriter());
        var log = Path.Combine(_dir, "log");
        Assert.Equal(0, global::Scrutineer.Cli.Run(["fetch", "--server", new Uri(_server.Http, "/elections/chair-2026/").ToString(), "--out", log], o, e));
        global::Scrutineer.Cli.Run(["verify", log], o, e);
        Assert.Contains("PASS    organiser.signature", o.ToString(), StringComparison.Ordinal);
        Assert.Contains("PASS    count.matches-declaration", o.ToString(), StringComparison.Ordinal);
    }
}
