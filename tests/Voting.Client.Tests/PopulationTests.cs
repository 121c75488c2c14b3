using Voting.Client.Member;
using Voting.Client.Organiser;
using Voting.Demo;

namespace Voting.Client.Tests;

/// <summary>The seeds: every seed definition is well formed, and the generated members' ballots are valid and deterministic.</summary>
public class PopulationTests
{
    [Theory]
    [InlineData("national-committee.json", 6)]
    [InlineData("referendum.json", 1)]
    [InlineData("chair.json", 1)]
    public void SeedsAreWellFormedAndGeneratedBallotsAreValid(string file, int contests)
    {
        var d = ElectionFile.Read(TestPaths.Repo("seeds", file));
        ElectionFile.AddLotContributor(d, "scrutineer-1=" + Convert.ToBase64String(new byte[32]));
        Assert.Empty(ElectionFile.Complete(d, new byte[32].Select((_, i) => (byte)(i + 1)).ToArray(), new byte[32]));
        Assert.Equal(contests, d.Contests.Count);
        var a = new Population(500);
        var b = new Population(500);
        for (int i = 0; i < 500; i++)
        {
            var choices = a.Choices(i, d);
            Assert.Equal(choices.Keys, b.Choices(i, d).Keys);
            Assert.All(choices, kv => Assert.Equal(kv.Value, b.Choices(i, d)[kv.Key]));
            BallotChoices.Build(d, choices, new byte[32]); // throws if the rules refuse it
        }
        Assert.Equal(a.Csv(), b.Csv());
        Assert.NotEqual(a.Csv(), new Population(500, "another seed").Csv());
    }

    [Fact]
    public void EnrollmentCodesCarryTheirEntryAndAHundredRandomBits()
    {
        var code = EnrollmentCodes.New(41);
        Assert.Matches(@"^41-[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$", code);
        Assert.Equal(100, EnrollmentCodes.RandomBits);
        var (index, seed) = EnrollmentCodes.Open("e", code.ToLowerInvariant().Replace("-", " - ", StringComparison.Ordinal).Replace(" - ", "-", StringComparison.Ordinal));
        Assert.Equal(41UL, index);
        Assert.Equal(seed, EnrollmentCodes.Open("e", code).Seed);
        Assert.NotEqual(seed, EnrollmentCodes.Open("f", code).Seed);
        Assert.NotEqual(code, EnrollmentCodes.New(41));
    }
}
