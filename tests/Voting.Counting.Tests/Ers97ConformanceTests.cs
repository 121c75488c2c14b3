using System.Text.Json;
using Voting.Counting.Blt;
using Voting.Counting.Stv;

namespace Voting.Counting.Tests;

/// <summary>
/// 700 real Scottish council wards under ERS97: elected set, the quota in force at the end and every row of the
/// reference's stage table (each candidate's votes and the non-transferable vote, 2 dp; an exclusion one row per batch).
/// </summary>
public class Ers97ConformanceTests
{
    public static TheoryData<string> Wards() => SharedElections.Names();

    [Theory]
    [MemberData(nameof(Wards))]
    public void Ers97MatchesTheReferenceStageByStage(string ward)
    {
        var blt = BltReader.Read(File.ReadAllBytes(SharedElections.Require(ward + ".blt")));
        var expected = JsonDocument.Parse(File.ReadAllText(SharedElections.Require(ward + ".expected.json"))).RootElement.GetProperty("ers97");
        var result = Ers97.Count(blt.Profile, blt.Seats, blt.Names, Lots.ForStandalone(), blt.Withdrawn);
        var stages = expected.GetProperty("stages").EnumerateArray().ToList();
        // Stages first: where a count goes astray, the first differing stage says why; the elected set only that it did.
        for (int i = 0; i < Math.Min(stages.Count, result.Stages.Count); i++)
        {
            string where = $"stage {i + 1} ({stages[i].GetProperty("action").GetString()} / {result.Stages[i].Action})";
            Assert.Equal(blt.Candidates, stages[i].GetProperty("votes").EnumerateObject().Count());
            foreach (var v in stages[i].GetProperty("votes").EnumerateObject())
            {
                int c = int.Parse(v.Name, System.Globalization.CultureInfo.InvariantCulture) - 1;
                Assert.True(v.Value.GetString() == result.Format(result.Stages[i].Votes[c]),
                    $"{where}: candidate {c + 1} expected {v.Value.GetString()}, got {result.Format(result.Stages[i].Votes[c])}");
            }
            Assert.True(stages[i].GetProperty("non_transferable").GetString() == result.Format(result.Stages[i].NonTransferable),
                $"{where}: non-transferable expected {stages[i].GetProperty("non_transferable").GetString()}, got {result.Format(result.Stages[i].NonTransferable)}");
        }
        Assert.Equal(stages.Count, result.Stages.Count);
        Assert.Equal(expected.GetProperty("quota").GetString(), result.Format(result.Quota));
        Assert.Equal(expected.GetProperty("elected").EnumerateArray().Select(e => e.GetInt32()), result.Elected.Select(c => c + 1).Order());
    }
}
