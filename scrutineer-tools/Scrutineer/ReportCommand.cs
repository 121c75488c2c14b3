using System.CommandLine;
using Scrutineer.Report;
using Scrutineer.Verify;
using Voting.Core;
using Voting.Core.IO;

namespace Scrutineer;

/// <summary>scrutineer report DIR --html FILE [--json FILE]: every check and the results, for people.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var policy = new Option<FileInfo?>("--policy") { Description = "the keys to trust (as for verify); default: the log's keys file" };
        var html = new Option<FileInfo>("--html") { Description = "where to write the self-contained HTML report", Required = true };
        var json = new Option<FileInfo?>("--json") { Description = "also write the report as JSON" };
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "an exported or fetched log" };
        var cmd = new Command("report", """
            Verify a log and write a plain-language report: the verdict of every check, each contest's result with full
            figures and STV stages, turnout, and a chart of ballots over time with Open and Close marked. The report is
            written even when checks fail (it says which); exit 0 only if every check passed. Nothing is written when the
            log cannot be read.
            example: scrutineer report ./chair-log --html chair-report.html --json chair-report.json
            """) { policy, html, json, dir };
        cmd.SetAction(parse =>
        {
            if (VerifyCommand.Load(parse.GetValue(dir)!.FullName, parse.GetValue(policy), stderr,
                    "DIR must hold an exported log (scrutineer fetch makes one); no report was written") is not { } loaded) return 2;
            var (log, trust) = loaded;
            var v = VerifyCommand.Verified(log, trust, stderr);
            // Both documents are rendered before either is written, and each is written atomically: never a partial report.
            var htmlText = HtmlReport.Render(v, log, trust);
            var jsonText = parse.GetValue(json) is null ? null : JsonReport.Render(v, trust);
            try
            {
                AtomicFile.WriteText(parse.GetValue(html)!.FullName, htmlText);
                if (jsonText is not null) AtomicFile.WriteText(parse.GetValue(json)!.FullName, jsonText);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"scrutineer: error: cannot write the report: {e.Message}");
                return 2;
            }
            stdout.WriteLine($"{(v.Passed ? "VERIFIED" : "NOT VERIFIED")}: report written to {parse.GetValue(html)!.FullName}" + (jsonText is null ? "" : $" and {parse.GetValue(json)!.FullName}"));
            if (v.FirstProblem is { } first) stderr.WriteLine($"scrutineer: error: {LogVerifier.Describe(first)}");
            return v.Passed ? 0 : 1;
        });
        return cmd;
    }
}
