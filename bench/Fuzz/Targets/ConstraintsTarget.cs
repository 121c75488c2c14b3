using System.Globalization;
using System.Text;

namespace Voting.Fuzz.Targets;

/// <summary>
/// `scrutineer count --constraints` (counting.md §6.3) on the worked example's ballots: constraints files built from
/// the grammar (ids, minimums and maximums at the edges, candidates in and out of range) or the example's mutated.
/// Oracle: the documented exits with one-line diagnostics (CliOutcome).
/// </summary>
internal sealed class ConstraintsTarget : Target
{
    private static readonly string Blt = Repo.File("docs", "spec", "examples", "region-north.blt");
    private static readonly string Example = File.ReadAllText(Repo.File("docs", "spec", "examples", "region-north.constraints"));
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}.constraints");

    public override string Name => "constraints";

    public override Finding? One(Random rng)
    {
        string text;
        if (rng.Next(2) == 0) text = Mutate.Lines(Example, rng);
        else
        {
            var sb = new StringBuilder();
            for (int l = 0; l < rng.Next(0, 6); l++)
            {
                sb.Append(rng.Next(8) == 0 ? "#" : "").Append('g').Append(l.ToString(CultureInfo.InvariantCulture)).Append(' ');
                sb.Append(Number(rng, 0, 5)).Append(' ').Append(rng.Next(3) == 0 ? "-" : Number(rng, 0, 7));
                for (int c = 0; c < rng.Next(0, 9); c++) sb.Append(' ').Append(Number(rng, 1, 8));
                sb.Append('\n');
            }
            text = sb.ToString();
        }
        if (rng.Next(4) == 0) text = Mutate.Text(text, rng);
        File.WriteAllText(_file, text);
        string[] args = ["count", "--method", rng.Next(8) == 0 ? "meek" : "scottish-stv", "--seats", rng.Next(1, 8).ToString(CultureInfo.InvariantCulture), "--constraints", _file, .. rng.Next(2) == 0 ? new[] { "--json" } : [], Blt];
        return BltTarget.RunCount(args, text);
    }

    private static string Number(Random rng, int lo, int hi) =>
        rng.Next(10) == 0 ? Mutate.InterestingNumbers[rng.Next(Mutate.InterestingNumbers.Length)] : rng.Next(lo, hi + 1).ToString(CultureInfo.InvariantCulture);

    public override void Dispose()
    {
        File.Delete(_file);
        base.Dispose();
    }
}
