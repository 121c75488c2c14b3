using Scrutineer.Verify;
using Voting.Core.Records;

namespace Scrutineer.Tests;

/// <summary>
/// The dispute window is held to the witnesses' clocks, not only to the log's own times (log.md §10.1, audit.md
/// check 33): a server that claims the times it likes cannot cut the window short; and a hostile time near 2^64 is a
/// finding, never a crash.
/// </summary>
public class DisputeWindowTests
{
    private static readonly LogBuilder Builder = new();

    /// <summary>The split log declared, with record times and cosignature times as given.</summary>
    private static ExportedLog Declared(Func<int, ulong>? timeMs, Func<ulong, ulong, ulong>? cosignedAt)
    {
        var bodies = Builder.Split.Bodies();
        var closed = Builder.Build(bodies, timeMs: timeMs, cosignedAt: cosignedAt);
        bodies.Add(new LogRecord { Declaration = Builder.DeclarationFor(closed, d => d.CountedBallots = (ulong)Builder.Election.Voters - 1) });
        return Builder.Build(bodies, timeMs: timeMs, cosignedAt: cosignedAt);
    }

    [Fact]
    public void TheWitnessesMustSeeTheWholeWindowBetweenCloseAndTheDeclaration()
    {
        var honest = LogVerifier.Run(Declared(null, null), Builder.Policy());
        Assert.True(honest.Passed, honest.FirstProblem is { } p ? LogVerifier.Describe(p) : "");
        // The Declaration claims a time well after the window, but the witnesses cosigned it in the same second as the
        // Close: the log's times say the window passed, the witnesses' say it did not.
        int close = Builder.Split.Bodies().FindIndex(b => b.BodyCase == LogRecord.BodyOneofCase.Close);
        ulong closeSecond = (LogBuilder.BaseMs + (ulong)close * 1000) / 1000 + 1;
        var log = Declared(i => LogBuilder.BaseMs + (ulong)i * 1000 + (i > close + 2 ? 10_000UL : 0), (size, t) => size > (ulong)close ? closeSecond : t);
        var v = LogVerifier.Run(log, Builder.Policy());
        var check = v.Results.Single(r => r.Name == "dispute.valid");
        Assert.Equal(Verdict.Fail, check.Verdict);
        Assert.Equal((ulong)log.Records.Count - 1, check.FailedAt);
        Assert.Contains("less than the 2 s dispute window after it first cosigned Close", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void ACloseClaimingATimeNear2To64IsAFindingNotACrash()
    {
        var bodies = Builder.Split.Bodies();
        int close = bodies.FindIndex(b => b.BodyCase == LogRecord.BodyOneofCase.Close);
        var log = Builder.Build(bodies, timeMs: i => i >= close ? ulong.MaxValue - 1000 : LogBuilder.BaseMs + (ulong)i * 1000);
        var v = LogVerifier.Run(log, Builder.Policy());
        Assert.False(v.Passed);
        Assert.Equal(Verdict.Fail, v.Results.Single(r => r.Name == "time.witness-bounds").Verdict);
    }

    /// <summary>A Close claiming a time well before a witness had cosigned the tree without it is back-dated: time.witness-bounds fails at Close.</summary>
    [Fact]
    public void ACloseBackDatedBeforeTheWitnessesSawTheTreeWithoutItFails()
    {
        var bodies = Builder.Split.Bodies();
        int close = bodies.FindIndex(b => b.BodyCase == LogRecord.BodyOneofCase.Close);
        // Every record up to Close claims a day earlier than the witnesses' clocks: the records before Close are only
        // early (allowed: times are bounded from above), Close is early against a cosignature it cannot precede.
        const ulong Day = 86_400_000;
        var log = Builder.Build(bodies, timeMs: i => LogBuilder.BaseMs + (ulong)i * 1000 - (i <= close ? Day : 0),
            cosignedAt: (size, t) => size <= (ulong)close ? (LogBuilder.BaseMs + size * 1000) / 1000 : t);
        var check = LogVerifier.Run(log, Builder.Policy()).Results.Single(r => r.Name == "time.witness-bounds");
        Assert.Equal(Verdict.Fail, check.Verdict);
        Assert.Equal((ulong)close, check.FailedAt);
        Assert.Contains("back-dated", check.Evidence, StringComparison.Ordinal);
    }

    /// <summary>
    /// Each witness is held to its own clock: one whose clock stepped back before it cosigned Close cannot lengthen a
    /// window the other witness saw to be too short (the earliest cosignature of all would have hidden it), and an
    /// honest log whose witnesses' clocks differ by far more than the window still passes.
    /// </summary>
    [Fact]
    public void EachWitnessShowsTheWindowByItsOwnClock()
    {
        var builder = new LogBuilder();
        var bodies = builder.Split.Bodies();
        int close = bodies.FindIndex(b => b.BodyCase == LogRecord.BodyOneofCase.Close);
        builder.WitnessClock = (w, _, t) => w == 1 ? t - 200 : t; // witness 2 is 200 s behind, always (within the tolerance)
        var skewed = builder.Declared(bodies, builder.Election.Voters - 1);
        var honest = LogVerifier.Run(skewed, builder.Policy());
        Assert.True(honest.Passed, honest.FirstProblem is { } p ? LogVerifier.Describe(p) : "");

        // Witness 1 cosigned Close and the Declaration within the same second; witness 2 cosigned Close as if 100 s earlier.
        ulong closeSecond = (LogBuilder.BaseMs + (ulong)close * 1000) / 1000 + 1;
        builder.WitnessClock = (w, size, t) => size > (ulong)close ? (w == 1 && size <= (ulong)close + 1 ? closeSecond - 100 : closeSecond) : t;
        var log = builder.Declared(builder.Split.Bodies(), builder.Election.Voters - 1);
        var check = LogVerifier.Run(log, builder.Policy()).Results.Single(r => r.Name == "dispute.valid");
        Assert.Equal(Verdict.Fail, check.Verdict);
        // Witness 2's stepped-back clock shows 100 s: the earliest cosignature of all would have passed the log.
        Assert.Contains("the window is shown by 1 witness; the quorum is 2", check.Evidence, StringComparison.Ordinal);
    }
}
