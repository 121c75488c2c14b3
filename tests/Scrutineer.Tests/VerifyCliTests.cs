using System.Text.Json;

namespace Scrutineer.Tests;

/// <summary>scrutineer verify in script style, on an export written to disk.</summary>
public class VerifyCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static (string Dir, string Policy) Export()
    {
        var builder = new LogBuilder();
        var dir = Directory.CreateTempSubdirectory("scrutineer-verify-").FullName;
        LogBuilder.Write(builder.Valid(), Path.Combine(dir, "log"));
        var policy = Path.Combine(dir, "election.policy");
        File.WriteAllText(policy, $"# trust\nlog {builder.LogKey.ToVkey()}\n" + string.Concat(builder.Witnesses.Select(w => $"witness {w.ToVkey()}\n")) + "quorum 2\n");
        return (dir, policy);
    }

    [Fact]
    public void AValidExportVerifies()
    {
        var (dir, policy) = Export();
        var (code, o, e) = Run("verify", "--policy", policy, Path.Combine(dir, "log"));
        Assert.True(code == 0, o + e);
        Assert.Equal("", e);
        Assert.Contains("PASS    count.matches-declaration", o, StringComparison.Ordinal);
        // A plain election: the split-roll checks say they do not apply, and why.
        Assert.Contains("N/A     roll.attested", o, StringComparison.Ordinal);
        Assert.Contains("a plain roll: the definition names no independent issuer", o, StringComparison.Ordinal);
        Assert.EndsWith("VERIFIED: every check ran and passed, or does not apply to this election (N/A)\n", o, StringComparison.Ordinal);
        var json = JsonDocument.Parse(Run("verify", "--json", "--policy", policy, Path.Combine(dir, "log")).Out).RootElement;
        Assert.True(json.GetProperty("verified").GetBoolean());
        Assert.Equal(Scrutineer.Verify.AuditCatalogue.Checks.Count, json.GetProperty("checks").GetArrayLength());
        Assert.Equal("not-applicable", json.GetProperty("checks")[29].GetProperty("verdict").GetString());
    }

    [Fact]
    public void ATamperedBundleFailsNamingTheCheckAndRecord()
    {
        var (dir, policy) = Export();
        var bundle = Directory.GetFiles(Path.Combine(dir, "log", "tile", "entries"), "*", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(bundle);
        bytes[^10] ^= 0x01; // inside the last record (the Declaration)
        File.WriteAllBytes(bundle, bytes);
        var (code, o, e) = Run("verify", "--policy", policy, Path.Combine(dir, "log"));
        Assert.Equal(1, code);
        Assert.Contains("FAIL    merkle.root", o, StringComparison.Ordinal);
        Assert.EndsWith("NOT VERIFIED\n", o, StringComparison.Ordinal);
        Assert.StartsWith("scrutineer: error: ", e, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenOrMissingBundleIsRefusedUpFrontAsAnInputError()
    {
        // 300 voters: several bundles, so the truncated one is not the only one read.
        var builder = new LogBuilder(voters: 300, every: 50);
        var dir = Path.Combine(Directory.CreateTempSubdirectory("scrutineer-verify-").FullName, "log");
        LogBuilder.Write(builder.Valid(), dir);
        var first = Path.Combine(dir, "tile", "entries", "000");
        var bytes = File.ReadAllBytes(first);
        File.WriteAllBytes(first, bytes[..^3]); // the last entry loses its tail
        var (code, o, e) = Run("verify", dir);
        Assert.Equal(2, code);
        Assert.Equal("", o);
        Assert.Contains("scrutineer: error: tile/entries/000: entry 255 claims", e, StringComparison.Ordinal);
        Assert.Contains("hint: ", e, StringComparison.Ordinal);
        File.Delete(first);
        (code, o, e) = Run("verify", dir);
        Assert.Equal(2, code);
        Assert.Equal("", o);
        Assert.StartsWith("scrutineer: error: entry bundle tile/entries/000 is missing\n", e, StringComparison.Ordinal);
    }

    [Fact]
    public void AStrayFileAmongTheCheckpointsIsAnInputError()
    {
        var (dir, _) = Export();
        File.WriteAllText(Path.Combine(dir, "log", "voting", "checkpoints", "notes.txt"), "not a checkpoint\n");
        var (code, o, e) = Run("verify", Path.Combine(dir, "log"));
        Assert.Equal(2, code);
        Assert.Equal("", o);
        Assert.StartsWith("scrutineer: error: voting/checkpoints/notes.txt is not named by a tree size (export.md §4)\nhint: ", e, StringComparison.Ordinal);
    }

    /// <summary>
    /// A copy of the latest checkpoint in voting/checkpoints/ that is not the same checkpoint (garbled signed text) is an
    /// input error; it used to be replaced by `checkpoint` unread, and the log said VERIFIED.
    /// </summary>
    [Theory]
    [InlineData("garble")]
    [InlineData("unparsable")]
    public void ACopyOfTheLatestCheckpointThatDiffersIsAnInputError(string how)
    {
        var (dir, policy) = Export();
        var log = Path.Combine(dir, "log");
        var latest = File.ReadAllText(Path.Combine(log, "checkpoint"));
        var size = latest.Split('\n')[1];
        var copy = Path.Combine(log, "voting", "checkpoints", size);
        Assert.True(File.Exists(copy));
        File.WriteAllText(copy, how == "garble" ? latest.Replace("\n" + size + "\n", "\n" + size + "0\n", StringComparison.Ordinal) : "not a note at all");
        var (code, o, e) = Run("verify", "--policy", policy, log);
        Assert.Equal(2, code);
        Assert.DoesNotContain("VERIFIED: every check", o, StringComparison.Ordinal);
        Assert.StartsWith($"scrutineer: error: voting/checkpoints/{size} is not the checkpoint in `checkpoint`: their signed texts differ (export.md §4)", e, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("86401")]
    [InlineData("-5")]
    public void ACloseToleranceOutOfRangeIsAPolicyError(string seconds)
    {
        var (dir, policy) = Export();
        File.AppendAllText(policy, $"close-tolerance {seconds}\n");
        var (code, o, e) = Run("verify", "--policy", policy, Path.Combine(dir, "log"));
        Assert.Equal(2, code);
        Assert.Equal("", o);
        Assert.StartsWith("scrutineer: error: election.policy: line 6: close-tolerance must be 0 to 86400 seconds (a day)", e, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAPolicyTheExportsOwnKeysAreUsedAndSaidSo()
    {
        var (dir, _) = Export();
        var (code, o, _) = Run("verify", Path.Combine(dir, "log"));
        Assert.Equal(0, code);
        Assert.Contains("trust: the keys named by the export itself", o, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongPolicyKeyFailsTheSignatureCheck()
    {
        var (dir, policy) = Export();
        var other = new Voting.Core.Notes.NoteSigner(new LogBuilder().LogKey.Name, new byte[32]);
        File.WriteAllText(policy, $"log {other.ToVkey()}\n");
        var (code, o, e) = Run("verify", "--policy", policy, Path.Combine(dir, "log"));
        Assert.Equal(1, code);
        Assert.Contains("FAIL    checkpoint.signature", o, StringComparison.Ordinal);
        Assert.Contains("NOT RUN time.witness-bounds", o, StringComparison.Ordinal);
        Assert.Contains("scrutineer: error: checkpoint.signature failed", e, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/nonexistent/log", "is not a directory")]
    [InlineData("/tmp", "has no keys file")]
    public void UnreadableInputIsAUsageError(string dir, string message)
    {
        var (code, o, e) = Run("verify", dir);
        Assert.Equal(2, code);
        Assert.Equal("", o);
        Assert.Contains(message, e, StringComparison.Ordinal);
        Assert.Contains("hint:", e, StringComparison.Ordinal);
    }
}
