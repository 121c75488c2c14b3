using Voting.Client.Api;
using Voting.Client.Organiser;
using Voting.Core.Records;
using Voting.Server.Tests;

namespace Voting.Client.Tests;

/// <summary>
/// Issue 14 item 7: the public roll must not follow the members file's order, or each public Enrollment's roll index
/// names its member to anyone holding the member list (log.md §7, "Roll order is random").
/// </summary>
public class RollOrderTests
{
    [Fact]
    public async Task TheCommittedRollIsInARandomOrderThatOnlyTheCodesFileMaps()
    {
        var dir = Directory.CreateTempSubdirectory("voting-roll-order-").FullName;
        await using var server = await TestServer.StartAsync(Path.Combine(dir, "data"));
        using var api = new VotingApi(server.Grpc);
        var home = new Home(Path.Combine(dir, "organiser"));
        Organiser.Organiser.KeyGen(home, "organiser");
        var organiser = new Organiser.Organiser(home, api);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var d = ElectionFile.Read(TestPaths.Repo("seeds", "chair.json"));
        d.ElectionId = "order-2026";
        d.Schedule = new Schedule { OpensAtUnix = now - 60, ClosesAtUnix = now + 3600 };
        LotContributorCli.Commit(dir, d);
        await organiser.Create(d);
        const int Members = 64;
        var members = Path.Combine(dir, "members.csv");
        await File.WriteAllTextAsync(members, "member_id,name\n" + string.Concat(Enumerable.Range(0, Members).Select(i => $"M{i},Member {i}\n")));
        var (_, codesFile, _) = await organiser.ImportRoll("order-2026", members);

        var rows = File.ReadAllLines(codesFile)[1..].Select(l => l.Split(',')).ToList();
        using var clients = server.Client();
        var entries = await clients.Log.GetEntriesAsync(new Voting.Protocol.GetEntriesRequest { ElectionId = "order-2026", Start = 0, End = 3 },
            cancellationToken: TestContext.Current.CancellationToken);
        var roll = entries.Entries.Select(e => Canonical.Parse(e.Span)).Where(r => r.BodyCase == LogRecord.BodyOneofCase.RollChunk)
            .SelectMany(r => r.RollChunk.Entries).Select(e => e.ToByteArray()).ToList();
        Assert.Equal(Members, roll.Count);
        var indexes = rows.Select(r => (int)EnrollmentCodes.Open("order-2026", r[^1]).RollIndex).ToList();
        // Each member's code opens the entry at the index it names: the mapping is in the codes file, and only there.
        for (int i = 0; i < Members; i++)
        {
            Assert.Equal($"M{i}", rows[i][0]);
            Assert.Equal(roll[indexes[i]], EnrollmentCodes.PublicKey("order-2026", rows[i][^1]));
        }
        Assert.Equal(Enumerable.Range(0, Members), indexes.Order());
        // The members file's order is one of 64! orders: a shuffle lands on it with probability below 10^-89.
        Assert.NotEqual(Enumerable.Range(0, Members), indexes);

        // Re-running the import re-sends the same roll (the codes file decides the order, not a new shuffle).
        var again = EnrollmentCodes.RollEntries("order-2026", [.. rows.Select(r => r[^1])], codesFile);
        Assert.Equal(roll, again);
    }

    [Fact]
    public void ACodesFileThatNamesAnEntryTwiceIsRefused()
    {
        var codes = new[] { EnrollmentCodes.New(0), EnrollmentCodes.New(0) };
        var e = Assert.Throws<ClientException>(() => EnrollmentCodes.RollEntries("e", codes, "codes.csv"));
        Assert.Contains("code 2 names roll entry 0, which another code names too", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ClientException>(() => EnrollmentCodes.RollEntries("e", [EnrollmentCodes.New(1)], "codes.csv"));
        Assert.Contains("beyond the 1 entries", e.Message, StringComparison.Ordinal);
    }
}
