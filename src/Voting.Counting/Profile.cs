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

    /// <summary>
    /// The most ballots a profile holds (counting.md §9). Meek's votes carry 9 decimal places, so 10^9 ballots of
    /// value 1 are 10^18, within a signed 64-bit integer with room to spare; every other rule set has fewer places.
    /// More would overflow the arithmetic mid-count.
    /// </summary>
    public const long MaxTotalWeight = 1_000_000_000;

    private readonly List<int[]> _rankings = [];
    private readonly List<long> _weights = [];
    private readonly Dictionary<int[], int> _index = new(RankingComparer.Instance);
    private readonly Dictionary<ulong, int> _packedIndex = [];

    public Profile(int candidates, int expectedRankings = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidates);
        Candidates = candidates;
        if (expectedRankings > 0)
        {
            _packedIndex.EnsureCapacity(expectedRankings);
            _rankings.Capacity = expectedRankings;
            _weights.Capacity = expectedRankings;
        }
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
        AddUnchecked(ranking, weight);
    }

    /// <summary>Adds a ranking the caller has already checked (BltReader does); allocates only for a new distinct ranking.</summary>
    internal void AddUnchecked(ReadOnlySpan<int> ranking, long weight)
    {
        if (weight == 0) return;
        int i;
        if (TryPack(ranking, out ulong packed))
        {
            if (!_packedIndex.TryGetValue(packed, out i)) _packedIndex[packed] = i = NewRanking(ranking);
        }
        else
        {
            var lookup = _index.GetAlternateLookup<ReadOnlySpan<int>>();
            if (!lookup.TryGetValue(ranking, out i)) { i = NewRanking(ranking); _index[_rankings[i]] = i; }
        }
        if (weight > MaxTotalWeight - TotalWeight)
            throw new ArgumentOutOfRangeException(nameof(weight), $"the ballots' total weight would pass {MaxTotalWeight:N0}, the most a count can hold (counting.md §9)");
        _weights[i] = _weights[i] + weight;
        TotalWeight += weight;
    }

    private int NewRanking(ReadOnlySpan<int> ranking)
    {
        _rankings.Add(ranking.ToArray());
        _weights.Add(0);
        return _rankings.Count - 1;
    }

    /// <summary>
    /// Short rankings of few candidates fit one 64-bit key (5 bits a preference, 4 bits of length),
    /// which hashes and compares far faster than an array; the rest use the array index.
    /// </summary>
    private bool TryPack(ReadOnlySpan<int> ranking, out ulong key)
    {
        key = 0;
        if (Candidates > 31 || ranking.Length > 11) return false;
        key = (ulong)ranking.Length;
        foreach (var c in ranking) key = key << 5 | (uint)(c + 1);
        return true;
    }

    /// <summary>Rankings compare by content; a span can be looked up without allocating an array.</summary>
    private sealed class RankingComparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
    {
        public static readonly RankingComparer Instance = new();
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(int[] obj) => Hash(obj);
        public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);
        public int GetHashCode(ReadOnlySpan<int> alternate) => Hash(alternate);
        public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<int> r)
        {
            var h = new HashCode();
            h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(r));
            return h.ToHashCode();
        }
    }
}
