namespace Scrutineer.Verify;

/// <summary>
/// Feeds the records to the ordered checks a window at a time, while one worker per core prepares the next few
/// windows (parse, leaf hashes, ballot and enrollment signatures), so the cores always have signatures to check when
/// the ordered thread is slow for a moment. Memory holds the prepared windows only, never every record. The sizes are
/// tuned in docs/benchmarks.md ("Scrutineer verify on a 1,000,000-ballot log": why 512, 4 and 64).
/// </summary>
internal static class RecordPipeline
{
    /// <summary>Records per window: small, so that few records wait prepared and most die young.</summary>
    private const int Window = 512;

    /// <summary>Windows prepared beyond the one being applied, once the roll is committed.</summary>
    private const int Ahead = 4;

    /// <summary>Windows prepared ahead until the roll is committed (32,768 records): indexing a large roll is slow.</summary>
    private const int AheadUntilRollCommitted = 64;

    /// <summary>Every record through `apply` in log order, as prepared windows; `progress` after each window.</summary>
    public static void Run(IEnumerable<byte[]> records, ElectionWalk election, Action<PreparedWindow> apply, Action progress)
    {
        using var workers = new WindowPreparer(Environment.ProcessorCount);
        RollEntries? committedRoll() => election.CommittedRoll; // read when a worker reaches the window, not when it is queued
        Voting.Core.Group.Point? electionKey() => election.PublishedElectionKey;
        var preparing = new Queue<Task<PreparedWindow>>();
        var window = new List<byte[]>(Window);
        foreach (var bytes in records)
        {
            window.Add(bytes);
            if (window.Count < Window) continue;
            preparing.Enqueue(workers.Prepare(window, election.Definition, committedRoll, electionKey));
            window = new List<byte[]>(Window);
            while (preparing.Count > (election.CommittedRoll is null ? AheadUntilRollCommitted : Ahead))
            {
                apply(preparing.Dequeue().GetAwaiter().GetResult());
                progress();
            }
        }
        preparing.Enqueue(workers.Prepare(window, election.Definition, committedRoll, electionKey)); // the last, partial window (empty for an empty log: size-0 checkpoints are still checked)
        while (preparing.Count > 0) apply(preparing.Dequeue().GetAwaiter().GetResult());
        progress();
    }
}
