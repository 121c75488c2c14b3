using Voting.Core.Records;

namespace Scrutineer.Tests;

/// <summary>
/// Exported logs a hostile publisher could hand a scrutineer (issue 13 item 6): verify and report must answer each
/// with findings — NOT VERIFIED, exit 1, a report that says so — never an exception's stack trace.
/// </summary>
public class HostileLogTests
{
    private readonly LogBuilder _builder = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("scrutineer-hostile-").FullName;

    private string Write(Scrutineer.Verify.ExportedLog log)
    {
        var dir = Path.Combine(_dir, "log");
        LogBuilder.Write(log, dir);
        return dir;
    }

    private string Policy()
    {
        var policy = Path.Combine(_dir, "election.policy");
        File.WriteAllText(policy, $"log {_builder.LogKey.ToVkey()}\n" + string.Concat(_builder.Witnesses.Select(w => $"witness {w.ToVkey()}\n")) + "quorum 2\n");
        return policy;
    }

    /// <summary>A log whose definition is changed (and re-signed by the organiser, as a dishonest one would), the rest rebuilt around it.</summary>
    private string WithDefinition(Action<ElectionDefinition> change, Func<int, ulong>? timeMs = null)
    {
        var bodies = _builder.BodiesBeforeDeclaration();
        var d = bodies[0].Election;
        change(d);
        d.Signatures.Clear();
        OrganiserSigning.Sign(d, 0, _builder.Election.Organiser);
        return Write(_builder.Build(bodies, timeMs: timeMs));
    }

    /// <summary>verify and report both give findings: exit 1, one diagnostic line, no stack trace; the report says Not verified.</summary>
    private void BothAnswerWithFindings(string log, string? failedCheck = null)
    {
        var verify = CliRunner.Run("verify", "--policy", Policy(), log);
        var said = verify.Out + verify.Err;
        Assert.True(verify.Code == 1, said);
        Assert.True(verify.Out.EndsWith("NOT VERIFIED\n", StringComparison.Ordinal), said);
        Assert.Matches(@"^scrutineer: error: [^\n]+\n$", verify.Err);
        if (failedCheck is not null) Assert.True(verify.Out.Contains($"FAIL    {failedCheck}", StringComparison.Ordinal), said);
        var html = Path.Combine(_dir, "report.html");
        var json = Path.Combine(_dir, "report.json");
        var report = CliRunner.Run("report", log, "--policy", Policy(), "--html", html, "--json", json);
        said = report.Out + report.Err;
        Assert.True(report.Code == 1, said);
        Assert.True(report.Out.StartsWith("NOT VERIFIED: report written to", StringComparison.Ordinal), said);
        Assert.Matches(@"^scrutineer: error: [^\n]+\n$", report.Err);
        Assert.Contains("<strong>Not verified.</strong>", File.ReadAllText(html), StringComparison.Ordinal);
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
    }

    [Theory]
    [InlineData(2_147_483_648u)]
    [InlineData(uint.MaxValue)]
    public void ASeatCountPast32BitSignedIsAFinding(uint seats)
    {
        BothAnswerWithFindings(WithDefinition(d => d.Contests[0].Seats = seats), "election.well-formed");
        BothAnswerWithFindings(WithDefinition(d => { d.Contests[1].Method = Method.Block; d.Contests[1].Seats = seats; }), "election.well-formed");
    }

    [Fact]
    public void ADefinitionWithoutAScheduleGivesAFailedReport() =>
        BothAnswerWithFindings(WithDefinition(d => d.Schedule = null), "election.well-formed");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void AContestWithNoCandidatesGivesAFailedReport(int contest) =>
        BothAnswerWithFindings(WithDefinition(d => d.Contests[contest].Candidates.Clear()), "election.well-formed");

    [Theory]
    [InlineData(253_402_300_800L)]
    [InlineData(long.MaxValue / 1000 + 1)]
    [InlineData(long.MaxValue)]
    public void AScheduleOutsideTheCalendarGivesAFailedReport(long closes) =>
        BothAnswerWithFindings(WithDefinition(d => d.Schedule.ClosesAtUnix = closes), "election.well-formed");

    /// <summary>Record times a log can claim: the report's turnout and timeline must not overflow or allocate a bin per hour of them.</summary>
    [Theory]
    [InlineData("max")]
    [InlineData("past-long")]
    [InlineData("spread")]
    [InlineData("zero-then-max")]
    [InlineData("close-before-open")]
    [InlineData("centuries")]
    public void HostileRecordTimesGiveAFailedReport(string how)
    {
        Func<int, ulong> time = how switch
        {
            "max" => _ => ulong.MaxValue,
            "past-long" => i => (ulong)long.MaxValue + (ulong)i,
            "spread" => i => (ulong)i * 1_000_000_000_000_000UL,
            "zero-then-max" => i => i < 3 ? 0 : ulong.MaxValue - 1,
            "close-before-open" => i => i < 3 ? 1_000_000_000_000UL : 0UL,
            _ => i => (ulong)i * 1_000_000_000_000UL,
        };
        BothAnswerWithFindings(Write(_builder.Build([.. _builder.Valid().Records.Select(r => Canonical.Parse(r))], timeMs: time)));
    }

    /// <summary>
    /// A closed log whose lot contribution was never revealed (the contributor withheld it): the recount cannot be
    /// reproduced, which is NOT RUN naming the contributor, not an accusation; and the log does not verify.
    /// </summary>
    [Fact]
    public void WithoutTheLotRevealTheCountIsNotRunAndNamesTheContributor()
    {
        var bodies = _builder.BodiesBeforeDeclaration();
        bodies.RemoveAt(bodies.Count - 1);
        var log = Write(_builder.Build(bodies));
        var (code, o, e) = CliRunner.Run("verify", "--policy", Policy(), log);
        Assert.True(code == 1, o + e);
        Assert.Contains("NOT RUN count.recount", o, StringComparison.Ordinal);
        Assert.Contains("lot contribution not revealed: 0 (\"scrutineer\")", o, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL ", o, StringComparison.Ordinal);
    }

    /// <summary>Every malformed checkpoint note is a checkpoint.signature finding, wherever it sits: at the Close, before it, or past the log.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("not a note at all")]
    [InlineData("text\n\n")]
    [InlineData("log.test/elections/verify-test\n5\nAAAA\n\n\u2014 log.test/elections/verify-test AAAAAAA=\n")]
    [InlineData("log.test/elections/verify-test\n5\n!!!!\n\n\u2014 log.test/elections/verify-test AAAAAAA=\n")]
    [InlineData("log.test/elections/verify-test\n99999999999999999999\nAAAA\n\n\u2014 a AAAAAAA=\n")]
    [InlineData("\n\n\u2014 a AAAAAAA=\n")]
    [InlineData("x\n\n\u2014 a b\n")]
    [InlineData("x\n\n\u2014  AAAAAAA=\n")]
    [InlineData("x\n\n\u2014 a AAAAAAA=\n\n")]
    public void AMalformedCheckpointNoteIsAFinding(string note)
    {
        var valid = _builder.Valid();
        var closeAt = valid.Records.Select(r => Canonical.Parse(r)).ToList().FindIndex(r => r.BodyCase == LogRecord.BodyOneofCase.Close) + 1;
        foreach (var size in new[] { (ulong)closeAt, valid.Checkpoints.Keys.First(k => k > 0), 1_000_000UL })
        {
            var log = Path.Combine(_dir, $"log-{size}");
            LogBuilder.Write(valid, log);
            File.WriteAllText(Path.Combine(log, "voting", "checkpoints", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), note);
            Directory.Move(log, Path.Combine(_dir, "log"));
            BothAnswerWithFindings(Path.Combine(_dir, "log"), "checkpoint.signature");
            Directory.Delete(Path.Combine(_dir, "log"), recursive: true);
        }
    }

    /// <summary>
    /// A checkpoint note filed under another size (found by the fuzzer, target log: "move checkpoint 7 to 9") was
    /// read as if it were that size's, and the log said VERIFIED; the lots' checkpoint could be swapped so. Now a finding.
    /// </summary>
    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(1, -1)]
    public void ACheckpointFiledUnderAnotherSizeIsAFinding(int which, int by)
    {
        var valid = _builder.Valid();
        var log = Write(valid);
        var sizes = valid.Checkpoints.Keys.Where(k => k > 0).ToList();
        ulong from = sizes[which], to = (ulong)((long)from + by);
        while (valid.Checkpoints.ContainsKey(to)) to++;
        var dir = Path.Combine(log, "voting", "checkpoints");
        File.Move(Path.Combine(dir, from.ToString(System.Globalization.CultureInfo.InvariantCulture)), Path.Combine(dir, to.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        BothAnswerWithFindings(log, "checkpoint.signature");
        Assert.Contains($"the checkpoint filed at size {to} is the checkpoint of size {from}", CliRunner.Run("verify", "--policy", Policy(), log).Out, StringComparison.Ordinal);
    }

    /// <summary>
    /// A `checkpoint` claiming more records than the export holds (found by the fuzzer, target export): near 2^64 the
    /// bundle count overflowed (a stack trace), and near 2^31 every one of millions of bundles was looked up (a hang).
    /// Either is an input error naming the problem, exit 2, at once.
    /// </summary>
    [Theory]
    [InlineData("18446744073709551615", "checkpoint claims 18446744073709551615 records; an export holds at most 2147483647")]
    [InlineData("2147483648", "checkpoint claims 2147483648 records; an export holds at most 2147483647")]
    [InlineData("2147483647", "entry bundle tile/entries/000 is missing")]
    public void ACheckpointClaimingMoreRecordsThanTheExportHoldsIsAnInputError(string size, string message)
    {
        var valid = _builder.Valid();
        var log = Write(valid);
        var lines = valid.LatestCheckpoint.Split('\n');
        lines[1] = size;
        File.WriteAllText(Path.Combine(log, "checkpoint"), string.Join('\n', lines));
        foreach (var args in new[] { new[] { "verify", log }, ["report", log, "--html", Path.Combine(_dir, "r.html")] })
        {
            var (code, o, e) = CliRunner.Run(args);
            Assert.True(code == 2, o + e);
            Assert.StartsWith($"scrutineer: error: {message}\nhint: ", e, StringComparison.Ordinal);
        }
    }
}
