using System.Text.Json;
using Voting.Counting.Blt;
using Voting.Counting.Stv;

namespace Voting.Counting.Tests;

/// <summary>700 real Scottish council wards: elected set, quota and every stage's totals to 5 dp, as the reference.</summary>
public class ScottishConformanceTests
{
    public static TheoryData<string> Wards() => SharedElections.Names();

    [Theory]
    [MemberData(nameof(Wards))]
    public void ScottishStvMatchesTheReferenceStageByStage(string ward)
    {
        var blt = BltReader.Read(File.ReadAllBytes(SharedElections.Require(ward + ".blt")));
        var expected = JsonDocument.Parse(File.ReadAllText(SharedElections.Require(ward + ".expected.json"))).RootElement.GetProperty("scottish-stv");
        var result = ScottishStv.Count(blt.Profile, blt.Seats, blt.Names, Lots.ForStandalone(), blt.Withdrawn);
        Assert.Equal(expected.GetProperty("quota").GetString(), result.Format(result.Quota));
        Assert.Equal(expected.GetProperty("elected").EnumerateArray().Select(e => e.GetInt32()), result.Elected.Select(c => c + 1).Order());
        var stages = expected.GetProperty("stages").EnumerateArray().ToList();
        for (int i = 0; i < Math.Min(stages.Count, result.Stages.Count); i++)
        {
            foreach (var v in stages[i].GetProperty("votes").EnumerateObject())
            {
                int c = int.Parse(v.Name) - 1;
                Assert.True(v.Value.GetString() == result.Format(result.Stages[i].Votes[c]),
                    $"stage {i + 1} ({stages[i].GetProperty("action").GetString()} / {result.Stages[i].Action}): candidate {c + 1} expected {v.Value.GetString()}, got {result.Format(result.Stages[i].Votes[c])}");
            }
        }
        Assert.Equal(stages.Count, result.Stages.Count);
    }
}
