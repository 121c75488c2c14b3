using System.Diagnostics;
using Voting.Core.Notes;

namespace Voting.Storage.Tests;

/// <summary>
/// A child process appends in a loop and is killed with SIGKILL at random moments; after each
/// kill the log reopens (which replays and verifies everything) and holds every acknowledged append.
/// </summary>
public class CrashSafetyTests
{
    private const int Kills = 24;
    private const string SeedHex = "0101010101010101010101010101010101010101010101010101010101010101";

    [Fact]
    public async Task EveryAcknowledgedAppendSurvivesSigkill()
    {
        using var dir = new TempDir();
        var db = dir.File("crash.db");
        var child = Path.Combine(AppContext.BaseDirectory, "Voting.Storage.CrashChild.dll");
        Assert.True(File.Exists(child), $"crash child not built at {child}");
        var key = new NoteSigner("crash.example/log", Convert.FromHexString(SeedHex));
        var acknowledged = new Dictionary<ulong, string>();
        var rng = new Random(2026);
        int killsAfterAcks = 0;
        for (int round = 0; round < Kills; round++)
        {
            var psi = new ProcessStartInfo("dotnet", [child, db, SeedHex]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var roundAcks = new List<string>();
            var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reader = Task.Run(async () =>
            {
                while (await p.StandardOutput.ReadLineAsync() is { } line)
                {
                    lock (roundAcks) roundAcks.Add(line);
                    firstAck.TrySetResult();
                }
                firstAck.TrySetResult();
            });
            // Wait until appends are flowing (start-up replays the whole log), then kill at a random moment.
            await firstAck.Task.WaitAsync(TimeSpan.FromMinutes(2));
            await Task.Delay(rng.Next(0, 400));
            p.Kill(); // SIGKILL on Linux: no flush, no finally blocks.
            await p.WaitForExitAsync();
            await reader;
            lock (roundAcks)
            {
                foreach (var line in roundAcks)
                {
                    var parts = line.Split(' ');
                    if (parts.Length != 3 || parts[0] != "ack") continue; // a line cut short by the kill
                    acknowledged[ulong.Parse(parts[1])] = parts[2];
                }
                if (roundAcks.Count > 0) killsAfterAcks++;
            }
            await using var store = LogStore.Open(db, key); // replays and verifies the whole log
            foreach (var (index, leaf) in acknowledged)
            {
                Assert.True(index < store.Size, $"round {round}: acknowledged record {index} is gone (log has {store.Size})");
                Assert.Equal(leaf, Convert.ToHexStringLower(Voting.Core.Records.Chain.LeafHash(store.ReadRecord(index))));
            }
        }
        Assert.True(killsAfterAcks >= 20, $"only {killsAfterAcks} kills landed after appends had started");
    }
}
