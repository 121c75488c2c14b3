using Voting.Core.Records;
using Voting.Counting;

namespace Scrutineer.Verify;

/// <summary>
/// Each voter's counted choices, stored as one small integer per contest: the index of that contest's ranking in a
/// table of the distinct rankings seen. A million ballots over a few thousand distinct rankings cost a few bytes
/// each. A voter is their roll entry's index (a credential roll's entry, or the entry an enrollment bound the
/// credential to), so no second table of credentials is kept. Voters keep the order of their first vote (the order
/// counting.md §8.2 counts them in).
/// </summary>
internal sealed class CountedChoices(int rollSize)
{
    private readonly int[] _slotOf = Enumerable.Repeat(-1, rollSize).ToArray(); // roll entry → slot, -1 before its first vote
    private int _count;
    private readonly List<int> _voterOf = []; // slot → roll entry
    private readonly List<int> _choices = []; // slot × contests → ranking id
    private readonly List<Dictionary<uint[], int>> _ids = [];
    private readonly List<List<uint[]>> _rankings = [];
    private int _contests = -1;

    public int Count => _count;
    public bool Has(int voter) => _slotOf[voter] >= 0;

    public void Set(int voter, PlainBallot ballot)
    {
        if (_contests < 0)
        {
            _contests = ballot.Votes.Count;
            for (int k = 0; k < _contests; k++) { _ids.Add(new(RankingComparer.Instance)); _rankings.Add([]); }
        }
        int slot = _slotOf[voter];
        if (slot < 0)
        {
            slot = _slotOf[voter] = _count++;
            _voterOf.Add(voter);
            for (int k = 0; k < _contests; k++) _choices.Add(0);
        }
        // Rankings are looked up as spans, so that one already seen (nearly every ballot's) allocates nothing.
        Span<uint> buffer = stackalloc uint[256];
        for (int k = 0; k < _contests; k++)
        {
            var choices = ballot.Votes[k].Choices;
            Span<uint> ranking = choices.Count <= buffer.Length ? buffer[..choices.Count] : new uint[choices.Count];
            for (int i = 0; i < ranking.Length; i++) ranking[i] = choices[i];
            var ids = _ids[k].GetAlternateLookup<ReadOnlySpan<uint>>();
            if (!ids.TryGetValue(ranking, out int id))
            {
                id = _rankings[k].Count;
                var kept = ranking.ToArray();
                _ids[k][kept] = id;
                _rankings[k].Add(kept);
            }
            _choices[slot * _contests + k] = id;
        }
    }

    private sealed class RankingComparer : IEqualityComparer<uint[]>, IAlternateEqualityComparer<ReadOnlySpan<uint>, uint[]>
    {
        public static readonly RankingComparer Instance = new();
        public bool Equals(uint[]? x, uint[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(uint[] obj) => GetHashCode(obj.AsSpan());
        public bool Equals(ReadOnlySpan<uint> alternate, uint[] other) => alternate.SequenceEqual(other);
        public int GetHashCode(ReadOnlySpan<uint> alternate)
        {
            var h = new HashCode();
            h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(alternate));
            return h.ToHashCode();
        }
        public uint[] Create(ReadOnlySpan<uint> alternate) => alternate.ToArray();
    }

    /// <summary>
    /// Contest k's counted rankings as a counting profile: each distinct ranking once, weighted by its voters, in the
    /// order of its first voter — the profile adding every voter's ballot in order would make, without a Ballot each.
    /// </summary>
    /// <param name="counts">Whether a voter (roll entry) counts in contest k: in its ballot style, not disputed.</param>
    public Profile ProfileOf(int k, int candidates, Func<int, bool> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var profile = new Profile(candidates);
        if (_count == 0) return profile;
        var weights = new long[_rankings[k].Count];
        var firstSeen = new List<int>();
        for (int slot = 0; slot < _count; slot++)
        {
            if (!counts(_voterOf[slot])) continue;
            int id = _choices[slot * _contests + k];
            if (weights[id]++ == 0) firstSeen.Add(id);
        }
        foreach (int id in firstSeen) profile.Add([.. _rankings[k][id].Select(c => (int)c)], weights[id]);
        return profile;
    }
}
