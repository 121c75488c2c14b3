using Voting.Core.IO;
using Voting.Core.Ballots;
using System.Globalization;
using Voting.Counting;
using Voting.Counting.Blt;

namespace Scrutineer;

/// <summary>
/// The constraints file of `scrutineer count --constraints` (counting.md §6.3): one constraint per
/// line, "id min max candidates…", max "-" for none, candidates numbered from 1; '#' comments.
///   women 2 - 1 3 5 7
///   bame  1 - 2 5
/// </summary>
internal static class ConstraintsFile
{
    public static Constraints Read(string text, int candidates)
    {
        var groups = new List<GroupConstraint>();
        foreach (var (line, t) in SettingsLines.Read(text))
        {
            int i = line - 1;
            if (t.Length < 4) throw new BltFormatException(i + 1, 1, "expected \"id min max candidates…\"");
            int min = Number(t[1], i, 0, candidates, "min");
            int? max = t[2] == "-" ? null : Number(t[2], i, 0, candidates, "max");
            if (max < min) throw new BltFormatException(i + 1, 1, $"max {max} is below min {min}");
            var members = new HashSet<int>();
            for (int k = 3; k < t.Length; k++) members.Add(Number(t[k], i, 1, candidates, "candidate") - 1);
            groups.Add(new GroupConstraint(t[0], members, min, max));
        }
        return new Constraints(groups);
    }

    private static int Number(string s, int line, int lo, int hi, string what) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= lo && v <= hi
            ? v : throw new BltFormatException(line + 1, 1, $"{what} \"{s}\" must be a whole number in {lo}..{hi}");
}
