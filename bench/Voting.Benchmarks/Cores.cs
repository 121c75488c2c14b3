namespace Voting.Benchmarks;

/// <summary>Which CPUs this process may run on (taskset), and the others, for a server measured apart from its clients.</summary>
internal static class Cores
{
    /// <summary>This process's CPU list, and the online CPUs outside it (null when this process is not pinned).</summary>
    public static (string Mine, string? Others) Split()
    {
        var online = Expand(File.ReadAllText("/sys/devices/system/cpu/online").Trim());
        var allowed = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim();
        var mine = Expand(allowed);
        var others = online.Except(mine).ToList();
        return (allowed, others.Count == 0 ? null : string.Join(',', others));
    }

    /// <summary>"0-2,4" → 0, 1, 2, 4.</summary>
    private static List<int> Expand(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).SelectMany(part =>
        {
            var ends = part.Split('-').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return Enumerable.Range(ends[0], ends[^1] - ends[0] + 1);
        })];
}
