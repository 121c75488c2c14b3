namespace Voting.Counting.Blt;

/// <summary>
/// The common ballot line, "weight c1 c2 … 0" with single spaces and a newline, read in one tight loop over the
/// bytes. It accepts only lines the general scanner would read the same way; anything else (comments, tabs, '=',
/// a bad or repeated number, weight 0, the last line without a newline) returns false untouched, and the general
/// scanner reads that line and reports its error with the usual message. Parsing is three quarters of a big count,
/// and the general scanner's per-token calls and bounds checks were most of the parse (docs/benchmarks.md).
/// </summary>
internal static class BallotLineFastPath
{
    /// <summary>Candidates beyond this cannot be tracked in one 64-bit "seen" mask: such files use the general scanner only.</summary>
    public const int MaxCandidates = 64;

    /// <summary>
    /// Reads the line at `start`. On success: the kept ranking is ranking[..length], and next is the start of the
    /// following line. Withdrawn candidates are checked but not kept; after `keep` kept preferences the rest are
    /// only checked, as the general path does.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> text, int start, int candidates, ulong withdrawn, int keep, long weightRoom,
        Span<int> ranking, out int length, out long weight, out int next)
    {
        length = 0;
        weight = 0;
        next = start;
        int i = start;
        // Weight: at most ten digits (the cap is 10^9), then one space.
        long w = 0;
        int digits = 0;
        while ((uint)i < (uint)text.Length && IsDigit(text[i]))
        {
            if (++digits > 10) return false;
            w = w * 10 + (text[i] - '0');
            i++;
        }
        if (digits == 0 || w == 0 || w > weightRoom) return false;
        ulong seen = 0;
        while (true)
        {
            if ((uint)i >= (uint)text.Length || text[i] != ' ') return false;
            i++;
            int c = 0;
            digits = 0;
            while ((uint)i < (uint)text.Length && IsDigit(text[i]))
            {
                if (++digits > 3) return false;
                c = c * 10 + (text[i] - '0');
                i++;
            }
            if (digits == 0 || c > candidates) return false;
            if (c == 0) break;
            ulong bit = 1UL << (c - 1);
            if ((seen & bit) != 0) return false;
            seen |= bit;
            if ((withdrawn & bit) == 0 && length < keep) ranking[length++] = c - 1;
        }
        if ((uint)i < (uint)text.Length && text[i] == '\r') i++;
        if ((uint)i >= (uint)text.Length || text[i] != '\n') return false;
        weight = w;
        next = i + 1;
        return true;
    }

    // Unchecked: the project checks arithmetic, and a byte below '0' wraps to a large value by design here.
    private static bool IsDigit(byte b) => unchecked((uint)(b - '0')) <= 9;
}
