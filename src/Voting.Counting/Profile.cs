namespace Voting.Counting;

/// <summary>
/// A compressed ballot profile (counting.md §2): each distinct ranking once, with its weight.
/// Candidates are numbered 0…Candidates−1 here and 1…Candidates in BLT and in results.
/// </summary>
public sealed class Profile
{
    public int Candidates { get; }
    public IReadOnlyList<int[]> Rankings => _rankings;
    public IReadOnlyList<long> Weights => _weights;
    public long TotalWeight { get; private set; }

    private readonly List<int[]> _rankings = [];
    private readonly List<long> _weights = [];
    private readonly Dictionary<RankingKey, int> _index = [];

    public Profile(int candidates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidates);
        Candidates = candidates;
    }

    /// <summary>Adds weight ballots with this ranking (0-based candidates, no repeats); identical rankings merge.</summary>
    public void Add(ReadOnlySpan<int> ranking, long weight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        if (weight == 0) return;
        Span<bool> seen = Candidates <= 512 ? stackalloc bool[Candidates] : new bool[Candidates];
        foreach (var c in ranking)
        {
            if ((uint)c >= (uint)Candidates) throw new ArgumentOutOfRangeException(nameof(ranking), $"candidate {c + 1} does not exist (there are {Candidates})");
            if (seen[c]) throw new ArgumentException($"candidate {c + 1} is ranked twice", nameof(ranking));
            seen[c] = true;
        }
        var key = new RankingKey(ranking.ToArray());
        if (_index.TryGetValue(key, out var i)) _weights[i] = checked(_weights[i] + weight);
        else
        {
            _index[key] = _rankings.Count;
            _rankings.Add(key.Ranking);
            _weights.Add(weight);
        }
        TotalWeight = checked(TotalWeight + weight);
    }

    private readonly struct RankingKey(int[] ranking) : IEquatable<RankingKey>
    {
        public int[] Ranking { get; } = ranking;
        public bool Equals(RankingKey other) => Ranking.AsSpan().SequenceEqual(other.Ranking);
        public override bool Equals(object? obj) => obj is RankingKey k && Equals(k);
        public override int GetHashCode()
        {
            var h = new HashCode();
            foreach (var c in Ranking) h.Add(c);
            return h.ToHashCode();
        }
    }
}
