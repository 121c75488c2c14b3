using System.Text.Json;
using System.Xml.Linq;

namespace Scrutineer.Tests;

/// <summary>scrutineer report in script style: the HTML and JSON it writes, and that a failure leaves no file.</summary>
public class ReportCliTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrutineer-report-").FullName;
    private readonly LogBuilder _builder = new(voters: 40);

    private string Log()
    {
        var log = Path.Combine(_dir, "log");
        LogBuilder.Write(_builder.Valid(), log);
        return log;
    }

    private string Policy()
    {
        var policy = Path.Combine(_dir, "election.policy");
        File.WriteAllText(policy, $"log {_builder.LogKey.ToVkey()}\n" + string.Concat(_builder.Witnesses.Select(w => $"witness {w.ToVkey()}\n")) + "quorum 2\n");
        return policy;
    }

    [Fact]
    public void AVerifiedLogGivesASelfContainedReportWithResultsChartAndEveryCheck()
    {
        var html = Path.Combine(_dir, "report.html");
        var json = Path.Combine(_dir, "report.json");
        var (code, stdout, stderr) = CliRunner.Run("report", Log(), "--policy", Policy(), "--html", html, "--json", json);
        Assert.True(code == 0, stdout + stderr);
        Assert.Equal("", stderr);
        Assert.StartsWith("VERIFIED: report written to", stdout, StringComparison.Ordinal);
        var page = File.ReadAllText(html);
        Assert.Contains("<strong>Verified.</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        // The chart is inline SVG that parses as XML, with Open and Close marked.
        var svg = page[page.IndexOf("<svg xmlns", StringComparison.Ordinal)..(page.IndexOf("</svg>", page.IndexOf("<svg xmlns", StringComparison.Ordinal), StringComparison.Ordinal) + 6)];
        var chart = XElement.Parse(svg);
        Assert.Contains(chart.Descendants(), e => e.Name.LocalName == "text" && e.Value == "Open");
        Assert.Contains(chart.Descendants(), e => e.Name.LocalName == "text" && e.Value == "Close");
        Assert.Contains(chart.Descendants(), e => e.Name.LocalName == "polyline");
        // Every check is listed, in the order of audit.md.
        int at = 0;
        foreach (var name in Scrutineer.Verify.LogVerifier.CheckNames)
        {
            int next = page.IndexOf($"<code>{name}</code></td>", at, StringComparison.Ordinal);
            Assert.True(next > at, $"{name} is listed after the check before it");
            at = next;
        }
        var doc = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.True(doc.GetProperty("verified").GetBoolean());
        Assert.Equal(40, doc.GetProperty("election").GetProperty("roll_size").GetInt32());
        Assert.Equal(40, doc.GetProperty("election").GetProperty("counted_ballots").GetInt32());
        Assert.Equal(40, doc.GetProperty("timeline").GetProperty("ballots_per_bin").EnumerateArray().Sum(b => b.GetInt64()));
        var contests = doc.GetProperty("contests");
        Assert.Equal(2, contests.GetArrayLength());
        // The HTML's figures are the recount's: every elected candidate of the JSON result is named on the page.
        foreach (var c in contests.EnumerateArray())
            Assert.Contains(System.Net.WebUtility.HtmlEncode(c.GetProperty("title").GetString()!), page, StringComparison.Ordinal);
        Assert.Contains("Stage 1", page, StringComparison.Ordinal);
        Assert.Contains("first past the post", page, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedCheckIsReportedAndExitsOne()
    {
        var log = Log();
        var bundle = Directory.GetFiles(Path.Combine(log, "tile", "entries"), "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Last();
        var bytes = File.ReadAllBytes(bundle);
        bytes[^10] ^= 0x01;
        File.WriteAllBytes(bundle, bytes);
        var html = Path.Combine(_dir, "report.html");
        var (code, stdout, stderr) = CliRunner.Run("report", log, "--policy", Policy(), "--html", html);
        Assert.Equal(1, code);
        Assert.StartsWith("NOT VERIFIED: report written to", stdout, StringComparison.Ordinal);
        Assert.StartsWith("scrutineer: error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("<strong>Not verified.</strong>", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadableLogWritesNoFileAtAll()
    {
        var html = Path.Combine(_dir, "report.html");
        var json = Path.Combine(_dir, "report.json");
        var (code, _, stderr) = CliRunner.Run("report", Path.Combine(_dir, "missing"), "--html", html, "--json", json);
        Assert.Equal(2, code);
        Assert.Contains("no report was written", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(html));
        Assert.False(File.Exists(json));
        Assert.Empty(Directory.GetFiles(_dir));
        var usage = CliRunner.Run("report", Path.Combine(_dir, "missing"));
        Assert.Equal(2, usage.Code);
        Assert.Contains("--html", usage.Err, StringComparison.Ordinal);
    }
}
