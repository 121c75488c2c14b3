namespace Scrutineer;

/// <summary>
/// A one-line progress bar on stderr, redrawn in place — only when stderr is a terminal, so logs, pipes and tests
/// see nothing but the result.
/// </summary>
internal sealed class ProgressLine(TextWriter stderr, string label, long total, bool enabled)
{
    private const int Width = 30;
    private long _done;
    private int _lastPermille = -1;

    public static ProgressLine For(TextWriter stderr, string label, long total) =>
        new(stderr, label, total, ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>Moves the bar to an absolute count (for callers that report totals rather than steps).</summary>
    public void Reached(long done) => Advance(done - Interlocked.Read(ref _done));

    public void Advance(long by = 1)
    {
        long done = Interlocked.Add(ref _done, by);
        if (!enabled || total <= 0) return;
        int permille = (int)Math.Min(1000, done * 1000 / total);
        if (permille == Volatile.Read(ref _lastPermille)) return;
        Volatile.Write(ref _lastPermille, permille);
        int filled = permille * Width / 1000;
        lock (stderr) stderr.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {permille / 10,3}% {done:N0}/{total:N0}");
    }

    public void Finish()
    {
        if (enabled && total > 0) lock (stderr) stderr.WriteLine();
    }
}
