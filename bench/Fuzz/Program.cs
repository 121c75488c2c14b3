using System.Globalization;
using Voting.Fuzz;

// dotnet run -c Release --project bench/Fuzz -- --inputs 1000000 --target all [--seed 1] [--from 0] [--hang-seconds 60]
// One line per target: inputs, crashes, hangs, false VERIFIED, wall time. Exit 1 when anything was found, 3 on a hang.
long inputs = 10_000, from = 0;
ulong seed = 1;
string which = "all";
double hangSeconds = 60;
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--inputs": inputs = long.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--target": which = Value(); break;
        case "--seed": seed = ulong.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--from": from = long.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--hang-seconds": hangSeconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"fuzz: error: unknown argument {args[i]}");
            Console.Error.WriteLine($"hint: --inputs N --target {string.Join('|', AllTargets.Names)}|all [--seed S] [--from I] [--hang-seconds T]");
            return 2;
    }
}
var names = which == "all" ? AllTargets.Names : which.Split(',');
if (names.FirstOrDefault(n => !AllTargets.Names.Contains(n)) is { } unknown)
{
    Console.Error.WriteLine($"fuzz: error: unknown target {unknown}; targets: {string.Join(", ", AllTargets.Names)}");
    return 2;
}
bool clean = true;
Console.WriteLine($"seed {seed}, inputs {from}..{from + inputs - 1} per target");
foreach (var name in names)
{
    using var target = AllTargets.Create(name);
    var s = FuzzRun.Run(target, seed, from, inputs, TimeSpan.FromSeconds(hangSeconds),
        (i, f) => Console.WriteLine($"  {name} #{i} {f}"));
    Console.WriteLine($"{s.Target,-14} {s.Inputs,10:N0} inputs  {s.Crashes} crashes  {s.Hangs} hangs  {s.FalseVerified} false VERIFIED  {s.Wall.TotalSeconds,8:F1} s");
    clean &= s.Clean;
}
return clean ? 0 : 1;
