namespace Scrutineer.Report;

/// <summary>
/// Ballots over time, binned for a chart: the bin is an hour when voting spans more than six hours, else a minute
/// when it spans more than ten minutes, else a second — so a burst shows whatever the election's length. The
/// "final stretch" is the last tenth of the window (at most the final three hours): late bursts are what members
/// fear, so the chart shades it and the report counts the ballots in it.
/// </summary>
internal sealed record Timeline(long StartMs, long BinMs, string BinName, long[] PerBin, long? OpenMs, long? CloseMs, long FinalStretchFromMs, long InFinalStretch)
{
    /// <summary>
    /// A window longer than this many hours is binned by whole days, as many as keep the bins within it: the times
    /// are the log's claims, and a hostile log spanning centuries must not cost a bin (and an SVG bar) per hour.
    /// </summary>
    public const int MaxBins = 2_000;

    /// <summary>The last millisecond a calendar shows (the end of 9999); later claims cannot be charted.</summary>
    public const ulong LatestMs = 253_402_300_799_999;

    /// <summary>The timeline, or null when a time the log claims lies past the calendar (the report says so instead).</summary>
    public static Timeline? Of(IReadOnlyList<ulong> ballotTimesMs, ulong? openedAtMs, ulong? closedAtMs)
    {
        if (openedAtMs > LatestMs || closedAtMs > LatestMs || ballotTimesMs.Any(t => t > LatestMs)) return null;
        // Every time is now at most LatestMs (under 2^48): no sum or difference below can leave 64 bits.
        long first = openedAtMs is { } o ? (long)o : ballotTimesMs.Count > 0 ? (long)ballotTimesMs.Min() : 0;
        long last = closedAtMs is { } c ? (long)c : ballotTimesMs.Count > 0 ? (long)ballotTimesMs.Max() : first;
        if (ballotTimesMs.Count > 0) last = Math.Max(last, (long)ballotTimesMs.Max());
        last = Math.Max(last, first); // a log can claim a Close before its Open
        long span = Math.Max(1, last - first);
        const long Day = 86_400_000L;
        (long bin, string name) = span > MaxBins * 3_600_000L ? Days(span / Day / MaxBins + 1)
            : span > 6 * 3_600_000L ? (3_600_000L, "hour") : span > 10 * 60_000L ? (60_000L, "minute") : (1_000L, "second");
        long start = first - first % bin;
        int bins = (int)((last - start) / bin) + 1;
        var perBin = new long[bins];
        foreach (var t in ballotTimesMs) perBin[Math.Clamp(((long)t - start) / bin, 0, bins - 1)]++;
        long stretch = Math.Min(span / 10, 3 * 3_600_000L);
        long from = last - stretch;
        long inStretch = ballotTimesMs.LongCount(t => (long)t >= from);
        return new Timeline(start, bin, name, perBin, (long?)openedAtMs, (long?)closedAtMs, from, inStretch);

        static (long, string) Days(long n) => (n * Day, n == 1 ? "day" : $"{n} days");
    }
}
