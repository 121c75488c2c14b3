namespace Scrutineer.Report;

/// <summary>
/// Ballots over time, binned for a chart: the bin is an hour when voting spans more than six hours, else a minute
/// when it spans more than ten minutes, else a second — so a burst shows whatever the election's length. The
/// "final stretch" is the last tenth of the window (at most the final three hours): late bursts are what members
/// fear, so the chart shades it and the report counts the ballots in it.
/// </summary>
internal sealed record Timeline(long StartMs, long BinMs, string BinName, long[] PerBin, long? OpenMs, long? CloseMs, long FinalStretchFromMs, long InFinalStretch)
{
    public static Timeline Of(IReadOnlyList<ulong> ballotTimesMs, ulong? openedAtMs, ulong? closedAtMs)
    {
        long first = openedAtMs is { } o ? (long)o : ballotTimesMs.Count > 0 ? (long)ballotTimesMs.Min() : 0;
        long last = closedAtMs is { } c ? (long)c : ballotTimesMs.Count > 0 ? (long)ballotTimesMs.Max() : first;
        if (ballotTimesMs.Count > 0) last = Math.Max(last, (long)ballotTimesMs.Max());
        long span = Math.Max(1, last - first);
        (long bin, string name) = span > 6 * 3_600_000L ? (3_600_000L, "hour") : span > 10 * 60_000L ? (60_000L, "minute") : (1_000L, "second");
        long start = first - first % bin;
        int bins = (int)((last - start) / bin) + 1;
        var perBin = new long[bins];
        foreach (var t in ballotTimesMs) perBin[Math.Clamp(((long)t - start) / bin, 0, bins - 1)]++;
        long stretch = Math.Min(span / 10, 3 * 3_600_000L);
        long from = last - stretch;
        long inStretch = ballotTimesMs.LongCount(t => (long)t >= from);
        return new Timeline(start, bin, name, perBin, openedAtMs is null ? null : (long)openedAtMs, closedAtMs is null ? null : (long)closedAtMs, from, inStretch);
    }
}
