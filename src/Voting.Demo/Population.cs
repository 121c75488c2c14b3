using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Voting.Core.Records;

namespace Voting.Demo;

/// <summary>
/// A deterministic membership and its votes (seeds/README.md): member i has id M00001…, a synthetic name, a region,
/// and for each election whether they vote and how. Every draw is SHA-256 of (seed, member, purpose), so the same
/// seed always gives the same roll and the same ballots.
/// Preferences follow a Plackett–Luce model: each candidate has a popularity (drawn once per seed, stronger in
/// its own region), a member ranks by popularity times a personal Gumbel draw, and stops after a random length.
/// </summary>
public sealed class Population(int members, string seed = "voting-demo-2026")
{
    public static readonly string[] Regions = ["north", "south", "east", "west", "central"];
    private static readonly string[] First = ["Alex", "Sam", "Jo", "Robin", "Kim", "Morgan", "Charlie", "Jamie", "Taylor", "Casey", "Riley", "Avery", "Quinn", "Rowan", "Sasha", "Drew"];
    private static readonly string[] Last = ["Smith", "Brown", "Wilson", "Campbell", "Stewart", "Thomson", "Robertson", "Anderson", "Macdonald", "Scott", "Reid", "Murray", "Taylor", "Clark", "Ross", "Young"];

    public int Members { get; } = members;

    public static string Id(int i) => $"M{i + 1:D5}";
    public static int Region(int i) => i % Regions.Length;

    public string Csv()
    {
        // style: the member's ballot style (log.md §7.3), named after their region in every seed election.
        var sb = new StringBuilder("member_id,name,region,style\n");
        for (int i = 0; i < Members; i++)
        {
            var h = Draw(i, "name");
            sb.Append(Id(i)).Append(',').Append(First[h[0] % First.Length]).Append(' ').Append(Last[h[1] % Last.Length]).Append(',').Append(Regions[Region(i)]).Append(',').Append(Regions[Region(i)]).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Whether member i votes in the election, with the given turnout (0–1).</summary>
    public bool Votes(int i, string electionId, double turnout) => Uniform(Draw(i, "turnout/" + electionId), 0) < turnout;

    /// <summary>Member i's choices (candidate ids per contest) for a definition; a member votes only in their own region's contest.</summary>
    public Dictionary<string, string[]> Choices(int i, ElectionDefinition d)
    {
        var choices = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var contest in d.Contests)
        {
            int region = Array.IndexOf(Regions, contest.ContestId);
            if (region >= 0 && region != Region(i)) continue;
            var h = Draw(i, $"prefs/{d.ElectionId}/{contest.ContestId}");
            var scored = contest.Candidates.Select((c, k) => (c.CandidateId, Score: Math.Log(Popularity(d.ElectionId, contest.ContestId, k, Region(i))) - Math.Log(-Math.Log(Uniform(h, k % 7, k / 7 + 1)))))
                .OrderByDescending(x => x.Score).Select(x => x.CandidateId).ToList();
            int length = contest.Method switch
            {
                Method.Stv => 1 + (int)(Uniform(h, 7) * contest.Candidates.Count),
                Method.Block or Method.Approval => 1 + (int)(Uniform(h, 7) * Voting.Core.Ballots.BallotRules.MaxMarks(contest)),
                _ => 1,
            };
            choices[contest.ContestId] = [.. scored.Take(Math.Min(length, scored.Count))];
        }
        return choices;
    }

    private double Popularity(string election, string contest, int candidate, int region)
    {
        var h = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/popularity/{election}/{contest}/{candidate}"));
        double baseline = 0.5 + 2.5 * Uniform(h, 0);
        // Regional loyalty: candidates do a little better with members of their home region.
        return baseline * (1 + 0.3 * Uniform(h, 1) * (candidate % Regions.Length == region ? 1 : 0));
    }

    private byte[] Draw(int member, string purpose) => SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{member.ToString(CultureInfo.InvariantCulture)}/{purpose}"));

    /// <summary>A uniform in (0, 1) from four bytes of a hash (rehashed for more draws than one hash holds).</summary>
    private static double Uniform(byte[] h, int slot, int round = 0)
    {
        var bytes = round == 0 ? h : SHA256.HashData([.. h, (byte)round]);
        uint v = BitConverter.ToUInt32(bytes, (slot % 8) * 4);
        return (v + 0.5) / 4294967296.0;
    }
}
