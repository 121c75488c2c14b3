using System.Collections.Concurrent;

namespace Scrutineer.Verify;

/// <summary>
/// A fixed set of worker threads, one per core, preparing windows of records in slices.
/// </summary>
/// <remarks>
/// Verification is nearly all signature checking, so the cores should run exactly that. The thread pool, given a
/// parallel loop per window and several windows in flight, grew to nine workers on two cores and time-sliced them;
/// here there are as many workers as cores (plus the ordered thread, which needs little), and each window is handed
/// out in slices small enough to keep both busy to the end of it.
/// </remarks>
internal sealed class WindowPreparer : IDisposable
{
    /// <summary>Records per slice: a few milliseconds of signature checks.</summary>
    private const int Slice = 64;

    private readonly BlockingCollection<(Job Job, int From, int To)> _slices = [];
    private readonly Thread[] _workers;

    public WindowPreparer(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = [.. Enumerable.Range(0, workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"verify worker {i}" })];
        foreach (var t in _workers) t.Start();
    }

    /// <summary>Queues a window; the task completes when every record in it is prepared.</summary>
    public Task<PreparedWindow> Prepare(List<byte[]> window, Voting.Core.Records.ElectionDefinition? definition, Func<RollEntries?> committedRoll, Func<Voting.Core.Group.Point?> electionKey)
    {
        ArgumentNullException.ThrowIfNull(window);
        var job = new Job(new PreparedWindow(window, definition, committedRoll, electionKey), (window.Count + Slice - 1) / Slice);
        if (window.Count == 0) job.Done.SetResult(job.Window);
        for (int from = 0; from < window.Count; from += Slice) _slices.Add((job, from, Math.Min(from + Slice, window.Count)));
        return job.Done.Task;
    }

    private void Work()
    {
        foreach (var (job, from, to) in _slices.GetConsumingEnumerable())
        {
            try
            {
                for (int i = from; i < to; i++) job.Window.Prepare(i);
                if (Interlocked.Decrement(ref job.SlicesLeft) == 0) job.Done.TrySetResult(job.Window);
            }
            catch (Exception e) // a bug, not bad input (Prepare records that as a failed check): surfaced to the waiter
            {
                job.Done.TrySetException(e);
            }
        }
    }

    public void Dispose()
    {
        _slices.CompleteAdding();
        foreach (var t in _workers) t.Join();
        _slices.Dispose();
    }

    private sealed class Job(PreparedWindow window, int slices)
    {
        public PreparedWindow Window { get; } = window;
        public int SlicesLeft = slices;
        public TaskCompletionSource<PreparedWindow> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
