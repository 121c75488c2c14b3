using System.Diagnostics;
using System.Text.Json;

namespace Voting.Core.Tests;

/// <summary>Runs one of web/vote/test's @noble/curves checkers over a vectors file: an implementation that is not libsodium recomputes every value.</summary>
internal static class NobleCheck
{
    public static async Task Run(string script, string vectors, int atLeast)
    {
        if (!Directory.Exists(TestPaths.Repo("web", "vote", "node_modules", "@noble", "curves")))
        {
            if (Environment.GetEnvironmentVariable("VOTING_REQUIRE_BROWSER") == "1") Assert.Fail("@noble/curves (web/vote: npm ci) is missing but VOTING_REQUIRE_BROWSER=1 (the test command installs it)");
            Assert.Skip("@noble/curves is not installed (web/vote: npm ci); the independent check cannot run here");
        }
        var psi = new ProcessStartInfo("node", [TestPaths.Repo("web", "vote", "test", script), TestPaths.Repo("docs", "spec", "vectors", vectors)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(psi)!;
        var stdout = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, await stderr);
        Assert.True(JsonDocument.Parse(await stdout).RootElement.GetProperty("checked").GetInt32() >= atLeast);
    }
}
