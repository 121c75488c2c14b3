using Google.Protobuf;
using Scrutineer.Verify;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Counting;

namespace Scrutineer.Tests;

/// <summary>
/// Lots nobody can steer (issue 14 item 3; counting.md §7, log.md §7.1, audit check lot.reveal): the lots depend on
/// the organisers' seed and each contributor's, never on what the server chooses at Close; every reveal rule fails
/// the check where it is broken.
/// </summary>
public class LotRevealTests
{
    // Two voters who split the chair 1–1, so its count draws a lot: 0 definition, 1 chunk, 2 commitment, 3 Open,
    // 4–5 ballots, 6 Close, 7 LotReveal.
    private static readonly LogBuilder Builder = new(voters: 2, every: 100);

    private static List<LogRecord> TiedBodies()
    {
        var bodies = Builder.BodiesBeforeDeclaration();
        for (int voter = 0; voter < 2; voter++)
        {
            var b = bodies[4 + voter].Ballot.Clone();
            b.Plain.Votes[1].Choices[0] = (uint)voter;
            b.Signature = ByteString.Empty;
            VoterSigning.SignBallot(b, Builder.Election.CredentialSeed(voter));
            bodies[4 + voter] = new LogRecord { Ballot = b };
        }
        return bodies;
    }

    private static LogVerifier Verify(IReadOnlyList<LogRecord> bodies, Func<int, ulong>? timeMs = null) =>
        LogVerifier.Run(Builder.Build(bodies, timeMs: timeMs), Builder.Policy());

    private static string Documents(LogVerifier v) => string.Concat(v.Counts!.Select(c => System.Text.Encoding.UTF8.GetString(c.Document)));

    [Fact]
    public void TheCloseTimeChangesNoLot()
    {
        var bodies = TiedBodies();
        var first = Verify(bodies);
        Assert.NotNull(first.Counts);
        var chair = first.Counts!.Single(c => c.Contest.ContestId == "chair");
        Assert.NotEmpty(chair.Result.Lots); // the tie is broken by lot: the test is about something

        // The server stamps Close later (its sequenced_at_ms, hence every checkpoint root from there on, differs),
        // and the organisers close at another second: no lot and no result document changes.
        for (int later = 1; later <= 20; later++)
        {
            var stamped = Verify(bodies, timeMs: i => LogBuilder.BaseMs + (ulong)i * 1000 + (i >= 6 ? (ulong)later : 0));
            Assert.Equal(Documents(first), Documents(stamped));
        }
        var reclosed = bodies.Select(b => b.Clone()).ToList();
        reclosed[6].Close.ClosedAtUnix += 3600;
        reclosed[6].Close.Signatures.Clear();
        OrganiserSigning.Sign(reclosed[6].Close, 0, Builder.Election.Organiser);
        Assert.Equal(Documents(first), Documents(Verify(reclosed)));

        // What the lots do depend on: the contributions. Among other contributions some draw differently.
        var draws = Enumerable.Range(0, 16).Select(k =>
            ElectionCount.Count(Builder.Election.Definition, [.. bodies.Where(b => b.BodyCase == LogRecord.BodyOneofCase.Ballot).Select(b => b.Ballot)],
                LotSeeds.LotSeed(Builder.Election.TieBreakSeed, [Enumerable.Repeat((byte)k, 32).ToArray()]))
            .Single(c => c.Contest.ContestId == "chair").Result.Elected.Single()).ToHashSet();
        Assert.Equal(2, draws.Count);
    }

    public static TheoryData<string, int, string> BrokenReveals() => new()
    {
        // A reveal moved before Close (ballots not yet fixed).
        { "before-close", 6, "only after Close" },
        { "twice", 8, "is already revealed" },
        { "no-such-contributor", 7, "lot contributor 3 does not exist" },
        { "short-seed", 7, "the seed is 31 bytes" },
        { "after-declaration", 9, "after the Declaration" },
        { "declared-unrevealed", 7, "a Declaration before every lot contribution was revealed" },
    };

    [Theory]
    [MemberData(nameof(BrokenReveals))]
    public void ABrokenRevealFailsLotReveal(string how, int at, string evidence)
    {
        var bodies = TiedBodies();
        var reveal = bodies[7];
        var declaration = new LogRecord { Declaration = Builder.DeclarationFor(Builder.Build(bodies)) };
        switch (how)
        {
            case "before-close": bodies.RemoveAt(7); bodies.Insert(6, reveal); break;
            case "twice": bodies.Add(reveal.Clone()); break;
            case "no-such-contributor": bodies[7].LotReveal.ContributorIndex = 3; break;
            case "short-seed": bodies[7].LotReveal.Seed = ByteString.CopyFrom(reveal.LotReveal.Seed.Span[1..]); break;
            case "after-declaration": bodies.Add(declaration); bodies.Add(reveal.Clone()); break;
            case "declared-unrevealed": bodies.RemoveAt(7); bodies.Add(declaration); break;
        }
        var v = Verify(bodies);
        var result = v.Results.Single(r => r.Name == "lot.reveal");
        Assert.True(result.Verdict == Verdict.Fail, $"{how}: {result.Verdict} {result.Evidence}");
        Assert.Equal((ulong)at, result.FailedAt);
        Assert.Contains(evidence, result.Evidence, StringComparison.Ordinal);
        Assert.False(v.Passed);
    }

    [Fact]
    public void AWholeLogWithItsRevealVerifies()
    {
        var bodies = TiedBodies();
        bodies.Add(new LogRecord { Declaration = Builder.DeclarationFor(Builder.Build(bodies)) });
        var v = Verify(bodies);
        Assert.True(v.Passed, v.FirstProblem is { } p ? LogVerifier.Describe(p) : "");
        Assert.Equal(1, v.Results.Single(r => r.Name == "lot.reveal").Examined);
    }

    [Fact]
    public void EvidenceFromAHostileLogCannotWriteControlCharactersToTheTerminal()
    {
        var bodies = TiedBodies();
        bodies[7].LotReveal.ElectionId = "x\u001b[2J\rPASS    count.recount\n";
        var result = Verify(bodies).Results.Single(r => r.Name == "lot.reveal");
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.DoesNotContain(result.Evidence!, char.IsControl);
        Assert.Contains("\\u001b[2J\\u000dPASS", result.Evidence, StringComparison.Ordinal);
    }
}
