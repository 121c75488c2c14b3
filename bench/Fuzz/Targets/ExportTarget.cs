using Scrutineer;
using Scrutineer.Tests;
using Scrutineer.Verify;

namespace Voting.Fuzz.Targets;

/// <summary>
/// An export on disk read by `scrutineer verify` and `scrutineer report`: files deleted (keys, checkpoint, a bundle,
/// a checkpoint note, all of voting/checkpoints/), garbled, truncated, renamed, or stray files added. Oracle: the
/// documented exits with one-line diagnostics (CliOutcome); exit 0 only for an export that reads back as the
/// original log (Corpus.Differs).
/// </summary>
internal sealed class ExportTarget : Target
{
    private readonly string _root = Directory.CreateTempSubdirectory("fuzz-export-").FullName;
    private readonly string _policy;

    public ExportTarget()
    {
        _policy = Path.Combine(_root, "fuzz.policy");
        File.WriteAllText(_policy, Corpus.PolicyText);
    }

    public override string Name => "export";

    public override Finding? One(Random rng)
    {
        var dir = Path.Combine(_root, "log");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        LogBuilder.Write(Corpus.Valid, dir);
        var done = new List<string>();
        int rounds = 1 + rng.Next(3);
        for (int r = 0; r < rounds; r++)
        {
            var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0) break;
            var file = files[rng.Next(files.Length)];
            var name = Path.GetRelativePath(dir, file);
            switch (rng.Next(7))
            {
                case 0: File.Delete(file); done.Add($"delete {name}"); break;
                case 1: File.WriteAllBytes(file, Mutate.Bytes(File.ReadAllBytes(file), rng)); done.Add($"garble {name}"); break;
                case 2: { var b = File.ReadAllBytes(file); File.WriteAllBytes(file, b[..rng.Next(b.Length + 1)]); done.Add($"truncate {name}"); break; }
                case 3 when Directory.Exists(Path.Combine(dir, "voting", "checkpoints")):
                    Directory.Delete(Path.Combine(dir, "voting", "checkpoints"), recursive: true); done.Add("delete voting/checkpoints/"); break;
                case 4:
                {
                    var to = Path.Combine(Path.GetDirectoryName(file)!, rng.Next(2) == 0 ? Mutate.InterestingNumbers[rng.Next(Mutate.InterestingNumbers.Length)] is { Length: > 0 } n ? n : "x" : rng.Next(40).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (!File.Exists(to) && !Directory.Exists(to)) { File.Move(file, to); done.Add($"rename {name} to {Path.GetRelativePath(dir, to)}"); }
                    break;
                }
                case 5: File.WriteAllText(file, Mutate.Lines(File.ReadAllText(file), rng)); done.Add($"garble lines of {name}"); break;
                default:
                {
                    var stray = Path.Combine(Path.GetDirectoryName(file)!, "stray" + rng.Next(3));
                    File.WriteAllBytes(stray, Mutate.Bytes([.. "stray\n"u8], rng));
                    done.Add($"add {Path.GetRelativePath(dir, stray)}");
                    break;
                }
            }
        }
        var input = string.Join("; ", done);
        bool report = rng.Next(3) == 0;
        string[] args = report
            ? ["report", dir, "--html", Path.Combine(_root, "r.html"), "--json", Path.Combine(_root, "r.json"), .. rng.Next(2) == 0 ? new[] { "--policy", _policy } : []]
            : ["verify", .. rng.Next(2) == 0 ? new[] { "--policy", _policy } : [], .. rng.Next(3) == 0 ? new[] { "--json" } : [], dir];
        var o = new StringWriter();
        var e = new StringWriter();
        int code;
        try { code = Cli.Run(args, o, e); }
        catch (Exception ex) { return Crash(ex, input); }
        if (CliOutcome.Problem("scrutineer", code, e.ToString()) is { } problem) return new Finding("crash", $"{args[0]}: {problem}", input);
        if (code != 0) return null;
        var back = ExportedLog.Read(dir);
        return Corpus.Differs([.. back.Records], back.Checkpoints) ? new Finding("false-verified", $"{args[0]} said VERIFIED for a changed export", input) : null;
    }

    public override void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        base.Dispose();
    }
}
