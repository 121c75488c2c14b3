using Scrutineer.Witness;
using Voting.Core.Notes;
using Voting.Server.Tests;

namespace Voting.Client.Tests;

/// <summary>
/// check-receipt holds receipts to the election's witness policy (issue 13 item 10): pinned at enrolment or given
/// with --policy, a receipt whose checkpoint lacks the quorum, or carries a corrupted cosignature, does not verify.
/// Before, the client checked the log's signature alone and such receipts said "receipt verified".
/// </summary>
public sealed class WitnessedReceiptTests : IAsyncLifetime
{
    private const string LogHost = "test.voting.example";
    private readonly string _dir = Directory.CreateTempSubdirectory("voting-witnessed-cli-").FullName;
    private readonly List<WitnessServer> _witnesses = [];
    private TestServer _server = null!;
    /// <summary>seeds/chair.json voting now: the server refuses casts outside the schedule.</summary>
    private string Chair => LiveElection.Seed(TestPaths.Repo("seeds", "chair.json"), _dir);

    public async ValueTask InitializeAsync()
    {
        var data = Path.Combine(_dir, "server");
        var logKey = KeyFile.LoadOrCreate(Path.Combine(data, "log.key"), LogHost).Verifier;
        foreach (var name in new[] { "w1.example", "w2.example" })
            _witnesses.Add(await WitnessServer.StartAsync("127.0.0.1:0", KeyFile.LoadOrCreate(Path.Combine(_dir, name + ".key"), name), [logKey], Path.Combine(_dir, name + ".state")));
        _server = await TestServer.StartAsync(data, o => { o.LogHost = LogHost; o.Witnesses = [.. _witnesses.Select(w => w.Spec)]; o.WitnessQuorum = 2; });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        foreach (var w in _witnesses) await w.DisposeAsync();
    }

    private (int Code, string Out, string Err) Run(string home, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = ClientCli.Run(["--home", home, "--server", _server.Grpc.ToString(), "--retries", "1", .. args], o, e, new StringReader(""));
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Chair election opened with a roll of one; alice enrolled and voted. The receipt's path.</summary>
    private string Voted(string alice)
    {
        var organiser = Path.Combine(_dir, "organiser");
        Assert.Equal(0, Run(organiser, "organiser", "keygen").Code);
        Assert.Equal(0, Run(organiser, "organiser", "create", Chair, "--lot", LotContributorCli.Commit(_dir, "chair-2026").Flag).Code);
        var members = Path.Combine(_dir, "members.csv");
        File.WriteAllText(members, "member_id,name\nM1,Alice\n");
        Assert.Equal(0, Run(organiser, "organiser", "roll", "import", members, "--election", "chair-2026").Code);
        Assert.Equal(0, Run(organiser, "organiser", "open", "--election", "chair-2026").Code);
        var code = File.ReadAllLines(Path.Combine(organiser, "elections", "chair-2026", "enrollment-codes.csv"))[1].Split(',')[^1];
        var enroll = Run(alice, "member", "enroll", "--election", "chair-2026", "--code", code);
        Assert.True(enroll.Code == 0, enroll.Err);
        Assert.Contains("witness policy (2 witnesses, quorum 2) is pinned in", enroll.Out, StringComparison.Ordinal);
        var vote = Run(alice, "member", "vote", "--election", "chair-2026", "--choice", "chair=shah");
        Assert.True(vote.Code == 0, vote.Err);
        return Path.Combine(alice, "elections", "chair-2026", "receipt.txt");
    }

    /// <summary>The receipt with its checkpoint note changed by `change` (the note's signature lines).</summary>
    private static string Altered(string receiptPath, Func<List<string>, List<string>> change)
    {
        var receipt = Receipt.Parse(File.ReadAllText(receiptPath));
        var note = receipt.CheckpointNote;
        int blank = note.IndexOf("\n\n", StringComparison.Ordinal);
        var signatures = note[(blank + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var altered = receipt with { CheckpointNote = note[..(blank + 2)] + string.Concat(change(signatures).Select(l => l + "\n")) };
        var path = receiptPath + ".altered";
        File.WriteAllText(path, altered.Format());
        return path;
    }

    [Fact]
    public void AReceiptIsCheckedAgainstThePinnedPolicyAndFailsWithoutItsQuorum()
    {
        var alice = Path.Combine(_dir, "alice");
        var receipt = Voted(alice);
        var ok = Run(alice, "member", "check-receipt", receipt);
        Assert.True(ok.Code == 0, ok.Err);
        Assert.Contains("receipt verified", ok.Out, StringComparison.Ordinal);

        // One witness's cosignature removed: the log's signature and the other witness still verify, the quorum not.
        var oneShort = Altered(receipt, sigs => [.. sigs.Where(l => !l.StartsWith("— w2.example ", StringComparison.Ordinal))]);
        var shortRun = Run(alice, "member", "check-receipt", oneShort, "--offline");
        Assert.Equal(1, shortRun.Code);
        Assert.Contains("the receipt does NOT verify: checkpoint at size", shortRun.Err, StringComparison.Ordinal);
        Assert.Contains("1 valid cosignatures by the policy's witnesses; 2 required", shortRun.Err, StringComparison.Ordinal);

        // A cosignature line garbled (its last signature byte flipped): the whole checkpoint is refused.
        var garbled = Altered(receipt, sigs => [.. sigs.Select(l => l.StartsWith("— w1.example ", StringComparison.Ordinal) ? Flip(l) : l)]);
        var garbledRun = Run(alice, "member", "check-receipt", garbled, "--offline");
        Assert.Equal(1, garbledRun.Code);
        Assert.Contains("cosignature by w1.example", garbledRun.Err, StringComparison.Ordinal);

        // Both witnesses' lines gone: refused too, with the log key alone it still verifies (and says what it skipped).
        var bare = Altered(receipt, sigs => [.. sigs.Where(l => !l.StartsWith("— w", StringComparison.Ordinal))]);
        Assert.Contains("0 valid cosignatures by the policy's witnesses; 2 required", Run(alice, "member", "check-receipt", bare, "--offline").Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExplicitPolicyFileIsTheFormatTheServerPublishesAndVerifyReads()
    {
        var alice = Path.Combine(_dir, "alice");
        var receipt = Voted(alice);
        using var http = new HttpClient();
        var keys = await http.GetStringAsync(new Uri(_server.Http, "/elections/chair-2026/keys"));
        Assert.EndsWith("quorum 2\n", keys, StringComparison.Ordinal);
        var policy = Path.Combine(_dir, "chair.policy");
        File.WriteAllText(policy, "# as published, pinned by a scrutineer\n" + keys);
        var stranger = Path.Combine(_dir, "stranger"); // another computer: nothing pinned
        var ok = Run(stranger, "member", "check-receipt", receipt, "--policy", policy, "--offline");
        Assert.True(ok.Code == 0, ok.Err);
        // A policy naming a third witness with quorum 3 cannot be met by this receipt.
        var stricter = Path.Combine(_dir, "stricter.policy");
        var third = KeyFile.LoadOrCreate(Path.Combine(_dir, "w3.key"), "w3.example").Verifier;
        File.WriteAllText(stricter, keys.Replace("quorum 2", $"witness {third.ToVkey()}\nquorum 3", StringComparison.Ordinal));
        var refused = Run(stranger, "member", "check-receipt", receipt, "--policy", stricter, "--offline");
        Assert.Equal(1, refused.Code);
        Assert.Contains("2 valid cosignatures by the policy's witnesses; 3 required", refused.Err, StringComparison.Ordinal);
        // A malformed policy is a clear error naming its line.
        File.WriteAllText(stricter, keys + "quorum 1\n");
        var bad = Run(stranger, "member", "check-receipt", receipt, "--policy", stricter, "--offline");
        Assert.Equal(1, bad.Code);
        Assert.Contains("stricter.policy: line 5: quorum must be a whole number, given once", bad.Err, StringComparison.Ordinal);
        // Online, with nothing pinned, it says it takes the server's word for the policy.
        var online = Run(stranger, "member", "check-receipt", receipt);
        Assert.True(online.Code == 0, online.Err);
        Assert.Contains("checking against the server's own (2 witnesses, quorum 2)", online.Out, StringComparison.Ordinal);
    }

    private static string Flip(string signatureLine)
    {
        int space = signatureLine.LastIndexOf(' ');
        var blob = Convert.FromBase64String(signatureLine[(space + 1)..]);
        blob[^1] ^= 1;
        return signatureLine[..(space + 1)] + Convert.ToBase64String(blob);
    }
}
