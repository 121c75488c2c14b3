using Voting.Counting.Results;

namespace Voting.Counting.Stv;

internal enum Status { Hopeful, Elected, Excluded, Withdrawn }

/// <summary>
/// The working state of a Gregory-style STV count on a compressed profile: each distinct ranking
/// is a parcel with a weight, a per-paper value (fixed point) and the position of its current holder.
/// </summary>
internal sealed class StvState
{
    private readonly int[][] _rank;
    private readonly long[] _weight;
    private readonly long[] _value;
    private readonly int[] _pos;
    private readonly List<int>[] _held;
    private readonly long _scale;

    public int N { get; }
    public int Seats { get; }
    public IReadOnlyList<string> Names { get; }
    public Status[] Status { get; }
    public long[] Votes { get; }
    public bool[] SurplusDone { get; }
    public long ValidPoll { get; }
    /// <summary>Value set aside as non-transferable, tracked as it happens (exhausted papers and rounding losses), never derived from the totals.</summary>
    public long NonTransferable { get; private set; }
    public List<int> ElectedOrder { get; } = [];
    public List<Stage> Stages { get; } = [];
    public int ElectedCount => ElectedOrder.Count;
    /// <summary>The parcels each candidate received, in the order of the transfers that brought them (ERS97 needs the last one; kept only when asked for).</summary>
    public List<List<int>>[] Batches { get; }

    private readonly bool _trackBatches;

    public StvState(Profile profile, int seats, IReadOnlyList<string> names, IReadOnlySet<int>? withdrawn, long scale, bool trackBatches = false)
    {
        _trackBatches = trackBatches;
        N = profile.Candidates;
        if (seats < 1) throw new ArgumentOutOfRangeException(nameof(seats), "at least one seat");
        Seats = seats;
        Names = names.Count == N ? names : throw new ArgumentException($"{names.Count} names for {N} candidates", nameof(names));
        _scale = scale;
        Status = new Status[N];
        Votes = new long[N];
        SurplusDone = new bool[N];
        _held = new List<int>[N];
        Batches = new List<List<int>>[N];
        for (int c = 0; c < N; c++)
        {
            _held[c] = [];
            Batches[c] = [];
            if (withdrawn?.Contains(c) == true) Status[c] = Stv.Status.Withdrawn;
        }
        int g = profile.Rankings.Count;
        _rank = new int[g][];
        _weight = new long[g];
        _value = new long[g];
        _pos = new int[g];
        var first = new List<int>[N];
        for (int c = 0; c < N; c++) first[c] = [];
        long valid = 0;
        for (int i = 0; i < g; i++)
        {
            _rank[i] = profile.Rankings[i];
            _weight[i] = profile.Weights[i];
            _value[i] = scale;
            _pos[i] = -1;
            if (Advance(i) is int holder)
            {
                valid += _weight[i];
                _held[holder].Add(i);
                if (trackBatches) first[holder].Add(i);
                Votes[holder] += _weight[i] * scale;
            }
        }
        for (int c = 0; c < N; c++) Batches[c].Add(first[c]);
        ValidPoll = valid;
    }

    /// <summary>Moves a parcel to its next hopeful preference; null when none remains.</summary>
    private int? Advance(int g)
    {
        var r = _rank[g];
        int p = _pos[g] + 1;
        while (p < r.Length && Status[r[p]] != Stv.Status.Hopeful) p++;
        _pos[g] = p;
        return p < r.Length ? r[p] : null;
    }

    public IEnumerable<int> Hopefuls()
    {
        for (int c = 0; c < N; c++) if (Status[c] == Stv.Status.Hopeful) yield return c;
    }

    public void Elect(int c) { Status[c] = Stv.Status.Elected; ElectedOrder.Add(c); }

    public void Exclude(int c) => Status[c] = Stv.Status.Excluded;

    /// <summary>Transfers every parcel of c at new per-paper values; returns the value they now carry, to candidates or to the non-transferable pile.</summary>
    public long TransferAll(int c, Func<long, long> newValue)
    {
        var moving = _held[c];
        _held[c] = [];
        return Move(moving, newValue);
    }

    /// <summary>
    /// One transfer of the given parcels from whichever candidates hold them: what each recipient gets from it is
    /// one batch (ERS97 glossary 6.1), so candidates excluded together give one batch per value, not one each (5.4.1).
    /// </summary>
    public long Transfer(IReadOnlyList<int> parcels, Func<long, long> newValue)
    {
        var set = parcels.ToHashSet();
        foreach (int from in parcels.Select(Holder).Distinct().ToList()) _held[from].RemoveAll(set.Contains);
        return Move(parcels, newValue);
    }

    private int Holder(int g) => _rank[g][_pos[g]];

    private long Move(IReadOnlyList<int> moving, Func<long, long> newValue)
    {
        var received = new Dictionary<int, List<int>>();
        long moved = 0;
        foreach (var g in moving)
        {
            Votes[Holder(g)] -= _weight[g] * _value[g];
            _value[g] = newValue(_value[g]);
            if (Advance(g) is int next)
            {
                _held[next].Add(g);
                Votes[next] += _weight[g] * _value[g];
                if (_trackBatches)
                {
                    if (!received.TryGetValue(next, out var batch)) received[next] = batch = [];
                    batch.Add(g);
                }
            }
            else NonTransferable += _weight[g] * _value[g];
            moved += _weight[g] * _value[g];
        }
        foreach (var (to, batch) in received) Batches[to].Add(batch);
        return moved;
    }

    /// <summary>Value that leaves the count without being carried by any paper: truncation of transfer values, papers set aside with an elected candidate.</summary>
    public void AddLoss(long value)
    {
        if (value < 0) throw new InvalidOperationException($"a negative loss {value} would create votes");
        NonTransferable += value;
    }

    /// <summary>Parcels held by c grouped by per-paper value, highest value first (ERS97 exclusions).</summary>
    public List<List<int>> HeldByValueDescending(int c) =>
        [.. _held[c].GroupBy(g => _value[g]).OrderByDescending(x => x.Key).Select(x => x.ToList())];

    public long WeightOf(IEnumerable<int> parcels) => parcels.Sum(g => _weight[g]);
    public long ValueOf(IEnumerable<int> parcels) => parcels.Sum(g => _weight[g] * _value[g]);
    public long PaperValue(int g) => _value[g];
    public bool HasNextHopeful(int g)
    {
        var r = _rank[g];
        for (int p = _pos[g] + 1; p < r.Length; p++) if (Status[r[p]] == Stv.Status.Hopeful) return true;
        return false;
    }

    public Stage RecordStage(StageKind kind, string action, int? candidate, string? constraint = null)
    {
        var stage = new Stage(kind, action, candidate, (long[])Votes.Clone(), NonTransferable, new List<int>(), constraint);
        Stages.Add(stage);
        return stage;
    }

    public void MarkLastStageElected()
    {
        var list = (List<int>)Stages[^1].ElectedAfter;
        foreach (var c in ElectedOrder) if (!Stages.Any(s => s.ElectedAfter.Contains(c))) list.Add(c);
    }

    public void RecordForced(IReadOnlyList<(int Candidate, string Constraint)> forced)
    {
        // All are excluded before any papers move, so none of them receives the others' papers.
        foreach (var (c, _) in forced) Exclude(c);
        foreach (var (c, rule) in forced)
        {
            TransferAll(c, v => v);
            RecordStage(StageKind.DeemedExclusion, $"{Names[c]} excluded: every remaining seat is needed for {rule}", c, rule);
        }
    }

    /// <summary>Breaks a tie by the most recent earlier stage at which the tied candidates' votes differed, then by lot.</summary>
    public int PickLowest(IReadOnlyList<int> tied, Lots lots, string purpose) => PickByHistory(tied, lots, purpose, lowest: true);

    public int PickHighest(IReadOnlyList<int> tied, Lots lots, string purpose)
    {
        long max = tied.Max(c => Votes[c]);
        return PickByHistory([.. tied.Where(c => Votes[c] == max)], lots, purpose, lowest: false);
    }

    private int PickByHistory(IReadOnlyList<int> tied, Lots lots, string purpose, bool lowest) =>
        History.Break(Enumerable.Reverse(Stages).Select(st => st.Votes), tied, lowest, lots, purpose);

    /// <summary>Highest votes first; equal votes by history (most recent stage first), then by lot.</summary>
    public List<int> OrderForElection(List<int> reached, Lots lots) =>
        OrderDescending(reached, top => PickByHistory(top, lots, "order of election", lowest: false));

    /// <summary>Highest votes first; a group with equal votes is ordered by repeatedly asking the rule set's tie-break.</summary>
    public List<int> OrderDescending(List<int> reached, Func<List<int>, int> breakTie)
    {
        var order = new List<int>();
        var rest = reached.ToList();
        while (rest.Count > 0)
        {
            long max = rest.Max(c => Votes[c]);
            var top = rest.Where(c => Votes[c] == max).ToList();
            int pick = top.Count == 1 ? top[0] : breakTie(top);
            order.Add(pick);
            rest.Remove(pick);
        }
        return order;
    }
}
