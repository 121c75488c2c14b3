using System.Text.RegularExpressions;
using Voting.Protocol;

namespace Voting.Server.Tests;

/// <summary>docs/spec/errors.md and the catalogue the server raises refusals from (ErrorRows) list the same rows with the same statuses.</summary>
public partial class ErrorRowsDocumentTests
{
    // A table row: | G1 | ... | `NOT_FOUND` ... | — the id in the first cell, the status opening the last cell.
    [GeneratedRegex(@"^\| ([GOVLK]\d+) \|.*\| `([A-Z_]+)`[^|]*\|[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Row();

    private static string Screaming(Grpc.Core.StatusCode code) =>
        Regex.Replace(code.ToString(), "(?<=[a-z])(?=[A-Z])", "_").ToUpperInvariant();

    [Fact]
    public void EveryDocumentedRefusalIsInTheCatalogueWithItsStatus()
    {
        var doc = File.ReadAllText(TestPaths.Repo("docs", "spec", "errors.md"));
        var documented = Row().Matches(doc).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.NotEmpty(documented);
        Assert.Equal(documented.Select(d => d.Item1).Distinct().Count(), documented.Count);
        var catalogue = ErrorRows.All.Select(r => (r.Id, Screaming(r.Status))).ToList();
        Assert.Equal(documented.OrderBy(d => d.Item1, StringComparer.Ordinal), catalogue.OrderBy(c => c.Item1, StringComparer.Ordinal));
    }
}
