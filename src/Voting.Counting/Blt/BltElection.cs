namespace Voting.Counting.Blt;

/// <summary>The contents of a BLT file. Withdrawn candidates are 0-based indices; the profile already omits them from rankings.</summary>
public sealed record BltElection(int Seats, IReadOnlyList<string> Names, string Title, IReadOnlySet<int> Withdrawn, Profile Profile)
{
    public int Candidates => Names.Count;
}
