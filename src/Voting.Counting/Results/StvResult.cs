using System.Globalization;

namespace Voting.Counting.Results;

public enum StageKind
{
    FirstPreferences,
    Surplus,
    Exclusion,
    DeemedExclusion,
    ElectRemaining,
    Iteration,
}

/// <summary>
/// One stage of a count (counting.md §8). Votes and NonTransferable are fixed-point integers
/// scaled by 10^Decimals of the result; Candidate is 0-based; Constraint names the rule that forced a deemed exclusion.
/// </summary>
public sealed record Stage(StageKind Kind, string Action, int? Candidate, long[] Votes, long NonTransferable, IReadOnlyList<int> ElectedAfter, string? Constraint = null);

/// <summary>A lot drawn to break a tie: the tied candidates (0-based) and the one chosen.</summary>
public sealed record LotDraw(int Draw, string Purpose, IReadOnlyList<int> Tied, int Chosen);

/// <summary>The result of an STV count: quota, the elected in order of election, every stage.</summary>
public sealed record StvResult(
    string RuleSet,
    int Seats,
    int Decimals,
    long Quota,
    IReadOnlyList<int> Elected,
    IReadOnlyList<Stage> Stages,
    IReadOnlyList<string> Names,
    IReadOnlyList<LotDraw> Lots,
    long ValidPoll)
{
    public string Format(long scaled) => Fixed.Format(scaled, Decimals);
}

/// <summary>Decimal strings of fixed-point integers: exactly Decimals places, no exponent, invariant culture.</summary>
public static class Fixed
{
    public static long Pow10(int decimals)
    {
        long p = 1;
        for (int i = 0; i < decimals; i++) p = checked(p * 10);
        return p;
    }

    public static string Format(long scaled, int decimals)
    {
        if (decimals == 0) return scaled.ToString(CultureInfo.InvariantCulture);
        long p = Pow10(decimals);
        var sign = scaled < 0 ? "-" : "";
        ulong a = scaled < 0 ? (ulong)(-(scaled + 1)) + 1 : (ulong)scaled;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{a / (ulong)p}.{(a % (ulong)p).ToString(new string('0', decimals), CultureInfo.InvariantCulture)}");
    }
}
