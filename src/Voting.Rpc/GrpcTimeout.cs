using System.Globalization;

namespace Voting.Rpc;

/// <summary>The grpc-timeout header: 1–8 ASCII digits and a unit H, M, S, m, u or n.</summary>
public static class GrpcTimeout
{
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9) return false;
        var digits = value[..^1];
        if (!digits.All(char.IsAsciiDigit) || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        double ticks = value[^1] switch
        {
            'H' => n * (double)TimeSpan.TicksPerHour,
            'M' => n * (double)TimeSpan.TicksPerMinute,
            'S' => n * (double)TimeSpan.TicksPerSecond,
            'm' => n * (double)TimeSpan.TicksPerMillisecond,
            'u' => n * 10.0,
            'n' => n / 100.0,
            _ => -1,
        };
        if (ticks < 0) return false;
        timeout = TimeSpan.FromTicks((long)Math.Min(ticks, TimeSpan.MaxValue.Ticks));
        return true;
    }

    /// <summary>Milliseconds when they fit 8 digits, else seconds, else hours.</summary>
    public static string Format(TimeSpan timeout)
    {
        long ms = Math.Max(0, (long)Math.Ceiling(timeout.TotalMilliseconds));
        if (ms < 100_000_000) return ms.ToString(CultureInfo.InvariantCulture) + "m";
        long s = (long)Math.Ceiling(timeout.TotalSeconds);
        if (s < 100_000_000) return s.ToString(CultureInfo.InvariantCulture) + "S";
        return Math.Min(99_999_999, (long)Math.Ceiling(timeout.TotalHours)).ToString(CultureInfo.InvariantCulture) + "H";
    }
}
