using System.Text.Json;
using Voting.Counting.Blt;
using Voting.Counting.Stv;

namespace Voting.Counting.Tests;

/// <summary>The same 700 wards: the elected sets under Meek (PRF reference rule) match the reference implementation (ERS97: Ers97ConformanceTests).</summary>
public class MeekConformanceTests
{
    public static TheoryData<string> Wards() => SharedElections.Names();

    private static (BltElection, JsonElement) Load(string ward) =>
        (BltReader.Read(File.ReadAllBytes(SharedElections.Require(ward + ".blt"))),
         JsonDocument.Parse(File.ReadAllText(SharedElections.Require(ward + ".expected.json"))).RootElement);

    [Theory]
    [MemberData(nameof(Wards))]
    public void MeekElectsTheReferenceSet(string ward)
    {
        var (blt, expected) = Load(ward);
        var result = Meek.Count(blt.Profile, blt.Seats, blt.Names, Lots.ForStandalone(), blt.Withdrawn);
        Assert.Equal(expected.GetProperty("meek-prf").GetProperty("elected").EnumerateArray().Select(e => e.GetInt32()), result.Elected.Select(c => c + 1).Order());
    }
}
