using System.Collections;
using Voting.Core.Records;

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
            for (int k = 0; k < _contests; k++) _choices.Add(0);
        }
        for (int k = 0; k < _contests; k++)
        {
            uint[] ranking = [.. ballot.Votes[k].Choices];
            if (!_ids[k].TryGetValue(ranking, out int id))
            {
                id = _rankings[k].Count;
                _ids[k][ranking] = id;
                _rankings[k].Add(ranking);
            }
            _choices[slot * _contests + k] = id;
        }
    }

    private sealed class RankingComparer : IEqualityComparer<uint[]>
    {
        public static readonly RankingComparer Instance = new();
        public bool Equals(uint[]? x, uint[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(uint[] obj)
        {
            var h = new HashCode();
            h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return h.ToHashCode();
        }
    }

    /// <summary>The counted ballots as Ballot messages, made when read (ElectionCount reads each contest's choices).</summary>
    public IReadOnlyList<Ballot> AsBallots(string electionId) => new Ballots(this, electionId);

    private sealed class Ballots(CountedChoices c, string electionId) : IReadOnlyList<Ballot>
    {
        public int Count => c.Count;

        public Ballot this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
                var plain = new PlainBallot();
                for (int k = 0; k < c._contests; k++) plain.Votes.Add(new ContestVote { Choices = { c._rankings[k][c._choices[index * c._contests + k]] } });
                return new Ballot { ElectionId = electionId, Plain = plain };
            }
        }

        public IEnumerator<Ballot> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
