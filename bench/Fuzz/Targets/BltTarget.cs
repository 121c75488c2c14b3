using System.Globalization;
using System.Text;
using Scrutineer;

namespace Voting.Fuzz.Targets;

/// <summary>
/// `scrutineer count` over BLT files: built from the grammar (counting.md §9) with boundary weights, withdrawals,
/// repeats and out-of-range preferences, or the worked example mutated; under every method, with and without
/// --seats and --json. Oracle: the documented exits with one-line diagnostics (CliOutcome).
/// </summary>
internal sealed class BltTarget : Target
{
    private static readonly string Example = File.ReadAllText(Repo.File("docs", "spec", "examples", "region-north.blt"));
    private static readonly string[] Methods = [.. CountCommandMethods(), "bogus"];
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}.blt");

    public override string Name => "blt";

    private static string[] CountCommandMethods() => ["scottish-stv", "ers97", "meek", "fptp", "block", "referendum", "approval"];

    public override Finding? One(Random rng)
    {
        var text = rng.Next(3) == 0 ? Mutate.Lines(Example, rng) : Generate(rng);
        if (rng.Next(3) == 0) text = Mutate.Text(text, rng);
        File.WriteAllText(_file, text);
        var args = new List<string> { "count", "--method", Methods[rng.Next(Methods.Length)] };
        if (rng.Next(3) == 0) args.AddRange(["--seats", rng.Next(-1, 9).ToString(CultureInfo.InvariantCulture)]);
        if (rng.Next(2) == 0) args.Add("--json");
        if (rng.Next(5) == 0) args.AddRange(["--roll", Mutate.InterestingNumbers[rng.Next(Mutate.InterestingNumbers.Length)] is { Length: > 0 } n ? n : "1"]);
        args.Add(_file);
        return RunCount([.. args], text);
    }

    internal static Finding? RunCount(string[] args, string input)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code;
        try { code = Cli.Run(args, o, e); }
        catch (Exception ex) { return Crash(ex, Mutate.Show(input)); }
        return CliOutcome.Problem("scrutineer", code, e.ToString()) is { } problem
            ? new Finding("crash", $"{string.Join(' ', args[..^1])}: {problem}", Mutate.Show(input))
            : null;
    }

    /// <summary>A BLT file from its grammar, mostly well-formed, with hostile numbers in places.</summary>
    internal static string Generate(Random rng)
    {
        int candidates = rng.Next(12) == 0 ? rng.Next(0, 300) : rng.Next(1, 9);
        int seats = rng.Next(8) == 0 ? rng.Next(-2, candidates + 3) : rng.Next(1, Math.Max(2, candidates));
        var sb = new StringBuilder();
        if (rng.Next(4) == 0) sb.Append("# a comment\n");
        sb.Append(CultureInfo.InvariantCulture, $"{candidates} {seats}\n");
        if (rng.Next(4) == 0)
        {
            for (int w = 0; w < 1 + rng.Next(3); w++) sb.Append(CultureInfo.InvariantCulture, $"-{rng.Next(1, candidates + 2)} ");
            sb.Append('\n');
        }
        int lines = rng.Next(0, 30);
        for (int l = 0; l < lines; l++)
        {
            string weight = rng.Next(6) == 0 ? Mutate.InterestingNumbers[rng.Next(Mutate.InterestingNumbers.Length)] : rng.Next(1, 40).ToString(CultureInfo.InvariantCulture);
            sb.Append(weight);
            int prefs = rng.Next(0, candidates + 2);
            var used = new HashSet<int>();
            for (int p = 0; p < prefs; p++)
            {
                int c = rng.Next(20) == 0 ? rng.Next(-1, candidates + 3) : rng.Next(1, candidates + 1);
                if (rng.Next(15) != 0 && !used.Add(c)) continue;
                sb.Append(' ').Append(c.ToString(CultureInfo.InvariantCulture));
                if (rng.Next(40) == 0) sb.Append('=');
            }
            sb.Append(rng.Next(25) == 0 ? "\n" : " 0\n");
        }
        if (rng.Next(20) != 0) sb.Append("0\n");
        for (int c = 0; c < candidates + (rng.Next(10) == 0 ? rng.Next(-2, 3) : 0); c++) sb.Append(CultureInfo.InvariantCulture, $"\"Candidate {c + 1}\"\n");
        sb.Append(rng.Next(10) == 0 ? "no title\n" : "\"Title\"\n");
        return sb.ToString();
    }

    public override void Dispose()
    {
        File.Delete(_file);
        base.Dispose();
    }
}

/// <summary>Files of the repository, found from the working directory upwards (the tests and the program run from different places).</summary>
internal static class Repo
{
    public static string File(params string[] parts)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (System.IO.File.Exists(Path.Combine(d.FullName, "Voting.sln"))) return Path.Combine([d.FullName, .. parts]);
        throw new FileNotFoundException("the repository (Voting.sln) is not above " + AppContext.BaseDirectory);
    }
}
