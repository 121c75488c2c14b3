using System.CommandLine;
using System.Text.Json;
using Scrutineer.Verify;
using Voting.Core;
using Voting.Core.Notes;

namespace Scrutineer;

/// <summary>scrutineer verify DIR [--policy FILE] [--json]: every check of docs/spec/audit.md over an exported log.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var policy = new Option<FileInfo?>("--policy") { Description = "the keys to trust: lines \"log VKEY\", \"witness VKEY\", \"quorum K\", \"close-tolerance SECONDS\"" };
        var json = new Option<bool>("--json") { Description = "print the checks as JSON" };
        var dir = new Argument<string>("DIR|URL") { Description = "an exported or fetched log (docs/spec/export.md), or a log's URL to fetch first" };
        var cmd = new Command("verify", """
            Run every check of docs/spec/audit.md over an exported log. Exit 0 only if every check ran and passed.
            Given a URL, the log is fetched into a temporary directory first (as scrutineer fetch does) and removed afterwards.
            example: scrutineer verify --policy election.policy ./log
            example: scrutineer verify http://127.0.0.1:5071/elections/chair-2026/
            """) { policy, json, dir };
        cmd.SetAction(async (parse, ct) =>
        {
            var target = parse.GetValue(dir)!;
            if (!target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                return VerifyDirectory(target, parse.GetValue(policy), parse.GetValue(json), stdout, stderr);
            if (!LogUrl.TryParse(target, out var url))
            {
                await stderr.WriteLineAsync($"scrutineer: error: {target} is not a valid URL").ConfigureAwait(false);
                return 2;
            }
            var temp = Directory.CreateTempSubdirectory("scrutineer-fetch-").FullName;
            try
            {
                // Fetch progress and summary go to stderr so that stdout holds only the verification (and stays JSON with --json).
                var (code, fetched) = await FetchCommand.RunAsync(url, temp, stderr, stderr, ct).ConfigureAwait(false);
                return fetched is null ? code : VerifyDirectory(fetched, parse.GetValue(policy), parse.GetValue(json), stdout, stderr);
            }
            finally { Directory.Delete(temp, recursive: true); }
        });
        return cmd;
    }

    private static int VerifyDirectory(string dir, FileInfo? policy, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (Load(dir, policy, stderr, "DIR must hold an exported log: keys, checkpoint, tile/entries/… (docs/spec/export.md)") is not { } loaded) return 2;
        var (log, trust) = loaded;
        return Report(Verified(log, trust, stderr), trust, log, json, stdout, stderr);
    }

    /// <summary>Reads an export and the policy to hold it to; on failure says why (with the hint) and gives null.</summary>
    internal static (ExportedLog Log, Policy Trust)? Load(string dir, FileInfo? policy, TextWriter stderr, string hint)
    {
        try
        {
            var log = ExportedLog.Read(Path.GetFullPath(dir));
            return (log, Policy.Load(policy, log));
        }
        catch (Exception e) when (e is IOException or VotingFormatException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scrutineer: error: {e.Message}");
            stderr.WriteLine($"hint: {hint}");
            return null;
        }
    }

    /// <summary>Every check, with a progress bar on a terminal.</summary>
    internal static LogVerifier Verified(ExportedLog log, Policy trust, TextWriter stderr)
    {
        var bar = ProgressLine.For(stderr, "verify", log.Records.Count);
        var result = LogVerifier.Run(log, trust, bar.Reached);
        bar.Finish();
        return result;
    }

    /// <summary>Prints the checks (text or JSON), names the first failure on stderr, and gives the exit code.</summary>
    internal static int Report(LogVerifier result, Policy trust, ExportedLog log, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (json) stdout.Write(Json(result, trust));
        else Text(result, trust, log, stdout);
        if (result.FirstProblem is { } first) stderr.WriteLine($"scrutineer: error: {LogVerifier.Describe(first)}");
        return result.Passed ? 0 : 1;
    }

    private static void Text(LogVerifier v, Policy trust, ExportedLog log, TextWriter o)
    {
        o.WriteLine($"log {trust.LogKey.Name}: {log.Records.Count} records, {log.Checkpoints.Count} checkpoints");
        if (trust.FromExport) o.WriteLine("trust: the keys named by the export itself (pass --policy to pin the log and witness keys)");
        o.WriteLine($"witnesses: {trust.Witnesses.Count} named, quorum {trust.Quorum}");
        foreach (var r in v.Results)
        {
            var tag = r.Verdict switch { Verdict.Pass => "PASS   ", Verdict.Fail => "FAIL   ", Verdict.NotApplicable => "N/A    ", _ => "NOT RUN" };
            o.Write($"{tag} {r.Name,-28} {r.Examined,9} examined");
            if (r.Verdict == Verdict.Fail) o.Write($"  {r.Failures} failed; first at {(r.FailedAt is { } a ? $"record {a}" : "the log")}: {r.Evidence}");
            else if (r.Verdict is Verdict.NotRun or Verdict.NotApplicable) o.Write($"  {r.Evidence ?? "nothing to check"}");
            o.WriteLine();
        }
        o.WriteLine(!v.Passed ? "NOT VERIFIED"
            : v.Results.Any(r => r.Verdict == Verdict.NotApplicable) ? "VERIFIED: every check ran and passed, or does not apply to this election (N/A)"
            : "VERIFIED: every check ran and passed");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal static string Json(LogVerifier v, Policy trust)
    {
        var doc = new
        {
            verified = v.Passed,
            log = trust.LogKey.ToVkey(),
            trust_from_export = trust.FromExport,
            checks = v.Results.Select(r => new
            {
                number = AuditCatalogue.Of(r.Name).Number,
                name = r.Name,
                section = AuditCatalogue.Of(r.Name).Section,
                verdict = r.Verdict switch { Verdict.Pass => "pass", Verdict.Fail => "fail", Verdict.NotApplicable => "not-applicable", _ => "not-run" },
                examined = r.Examined,
                failures = r.Failures,
                first_failure_record = r.FailedAt,
                evidence = r.Evidence,
            }),
        };
        return JsonSerializer.Serialize(doc, Indented) + "\n";
    }
}
