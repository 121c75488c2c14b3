using System.Globalization;
using System.Text;

namespace Voting.Counting.Blt;

/// <summary>Writes the BLT format that <see cref="BltReader"/> reads, one line per distinct ranking with its weight.</summary>
public static class BltWriter
{
    public static string Write(BltElection election)
    {
        ArgumentNullException.ThrowIfNull(election);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(election.Candidates.ToString(inv)).Append(' ').Append(election.Seats.ToString(inv)).Append('\n');
        if (election.Withdrawn.Count > 0)
            sb.AppendJoin(' ', election.Withdrawn.Order().Select(w => (-(w + 1)).ToString(inv))).Append('\n');
        var p = election.Profile;
        for (int i = 0; i < p.Rankings.Count; i++)
        {
            sb.Append(p.Weights[i].ToString(inv));
            foreach (var c in p.Rankings[i]) sb.Append(' ').Append((c + 1).ToString(inv));
            sb.Append(" 0\n");
        }
        sb.Append("0\n");
        foreach (var n in election.Names) sb.Append(Quote(n)).Append('\n');
        sb.Append(Quote(election.Title)).Append('\n');
        return sb.ToString();
    }

    private static string Quote(string s) =>
        s.Contains('"', StringComparison.Ordinal) || s.Contains('\n', StringComparison.Ordinal)
            ? throw new ArgumentException($"a BLT string cannot contain a double quote or newline: {s}")
            : "\"" + s + "\"";
}
