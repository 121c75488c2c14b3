using System.CommandLine;
using Voting.Demo;

// voting-demo [--out DIR] [--members N] [--concurrency K]: the main job (README.md's first command).
var outDir = new Option<string>("--out") { Description = "where the logs, reports and server data are left (replaced each run)", DefaultValueFactory = _ => "demo-output" };
var members = new Option<int>("--members") { Description = "members on the roll", DefaultValueFactory = _ => 40_000 };
var concurrency = new Option<int>("--concurrency") { Description = "members voting at the same moment", DefaultValueFactory = _ => 64 };
var seeds = new Option<string>("--seeds") { Description = "the directory of seed elections", DefaultValueFactory = _ => "seeds" };
var roll = new Option<string?>("--write-roll") { Description = "only write the generated members CSV to this file and exit" };
var root = new RootCommand("""
    voting-demo: a whole election on loopback — ballot server and two witnesses as processes, every member voting over
    gRPC, then the standalone scrutineer's verify and report.
    example: voting-demo --members 40000 --out demo-output
    """) { outDir, members, concurrency, seeds, roll };
root.SetAction(async (p, ct) =>
{
    int n = p.GetValue(members), k = p.GetValue(concurrency);
    if (n is < 1 or > 1_000_000 || k is < 1 or > 1024)
    {
        Console.Error.WriteLine("voting-demo: error: --members must be 1..1000000 and --concurrency 1..1024");
        return 2;
    }
    if (p.GetValue(roll) is { } file)
    {
        await File.WriteAllTextAsync(file, new Population(n).Csv(), ct);
        Console.WriteLine($"{n} members written to {file}");
        return 0;
    }
    var seedDir = p.GetValue(seeds)!;
    string[] files = ["national-committee.json", "referendum.json", "chair.json"];
    var missing = files.Where(f => !File.Exists(Path.Combine(seedDir, f))).ToList();
    if (missing.Count > 0)
    {
        Console.Error.WriteLine($"voting-demo: error: {string.Join(", ", missing)} not found in {Path.GetFullPath(seedDir)}");
        Console.Error.WriteLine("hint: run from the repository root, or pass --seeds DIR");
        return 2;
    }
    var turnout = new Dictionary<string, double> { ["national-committee-2026"] = 0.78, ["rules-referendum-2026"] = 0.64, ["chair-2026"] = 0.71 };
    var options = new DemoOptions(p.GetValue(outDir)!, n, k, [.. files.Select(f => Path.Combine(seedDir, f))], turnout);
    return await new DemoRun(options, Console.Out).RunAsync(ct);
});
return root.Parse(args).Invoke();
