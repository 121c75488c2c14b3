using Google.Protobuf;
using Voting.Client.Api;
using Voting.Core.Ballots;
using Voting.Core.Records;

namespace Voting.Client.Member;

/// <summary>
/// Turns a member's choices into a ballot and checks it against the election's rules before anything is signed.
/// Choices name candidates by candidate_id, per contest: "committee=ann,bob,cat" (a ranking for STV; the marks for
/// block and approval; one choice for FPTP and referendums). A contest left out is a blank vote in it.
/// </summary>
public static class BallotChoices
{
    public static Dictionary<string, string[]> Parse(IEnumerable<string> choices)
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var c in choices)
        {
            int eq = c.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ClientException($"--choice \"{c}\" is not contest=candidate[,candidate…]", "for example: --choice committee=ann,bob --choice chair=cat");
            var contest = c[..eq];
            if (!map.TryAdd(contest, [.. c[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]))
                throw new ClientException($"contest {contest} is given twice");
        }
        return map;
    }

    /// <param name="style">The contests the member's ballot style includes (log.md §7.3); null: every contest.</param>
    public static Ballot Build(ElectionDefinition d, IReadOnlyDictionary<string, string[]> choices, byte[] credentialKey, bool[]? style = null)
    {
        foreach (var name in choices.Keys)
            if (d.Contests.All(c => c.ContestId != name))
                throw new ClientException($"election {d.ElectionId} has no contest \"{name}\"", $"its contests: {string.Join(", ", d.Contests.Select(c => c.ContestId))}");
        for (int k = 0; style is not null && k < d.Contests.Count; k++)
            if (!style[k] && choices.TryGetValue(d.Contests[k].ContestId, out var marked) && marked.Length > 0)
                throw new ClientException($"contest {d.Contests[k].ContestId} is not in your ballot style", $"your contests: {string.Join(", ", d.Contests.Where((_, i) => style[i]).Select(c => c.ContestId))}");
        var plain = new PlainBallot();
        foreach (var contest in d.Contests)
        {
            var vote = new ContestVote();
            foreach (var id in choices.GetValueOrDefault(contest.ContestId, []))
            {
                int index = contest.Candidates.ToList().FindIndex(c => c.CandidateId == id);
                if (index < 0) throw new ClientException($"contest {contest.ContestId} has no candidate \"{id}\"", $"its candidates: {string.Join(", ", contest.Candidates.Select(c => c.CandidateId))}");
                vote.Choices.Add((uint)index);
            }
            // Block and approval marks are a set: the ballot carries them in ascending order (log.md §10).
            if (contest.Method is Method.Block or Method.Approval)
            {
                var sorted = vote.Choices.Order().ToList();
                vote.Choices.Clear();
                vote.Choices.Add(sorted);
            }
            plain.Votes.Add(vote);
        }
        if (BallotRules.CheckContent(plain, d) is { } problem) throw new ClientException($"this ballot is not valid: {problem.Message}");
        return new Ballot
        {
            ElectionId = d.ElectionId,
            CredentialKey = ByteString.CopyFrom(credentialKey),
            Plain = plain,
            ClientNonce = ByteString.CopyFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        };
    }

    /// <summary>How to fill in a contest, in words, for the interactive prompt.</summary>
    public static string Instructions(Contest c) => c.Method switch
    {
        Method.Stv => $"rank as many as you like, in order of preference ({c.Seats} seat{(c.Seats == 1 ? "" : "s")})",
        Method.Fptp => "choose one",
        Method.Referendum => "choose one option",
        Method.Block => $"mark up to {BallotRules.MaxMarks(c)}",
        Method.Approval => $"mark every candidate you approve of (up to {BallotRules.MaxMarks(c)})",
        _ => "",
    };
}
