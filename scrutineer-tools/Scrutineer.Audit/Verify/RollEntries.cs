using Voting.Core.Merkle;
using Voting.Core.Records;

namespace Scrutineer.Verify;

/// <summary>
/// The roll's entries as published, in order: the 32-byte ones packed (a million entries, no million arrays), and
/// its digest (RollMath.Digest) fed a block of entries at a time instead of one hashing call per entry.
/// </summary>
internal sealed class RollEntries
{
    private static readonly byte[] Placeholder = new byte[32];
    private readonly PackedHashes _packed;
    /// <summary>Entries that are not 32 bytes (a failed roll.distinct), kept as they are so that every check sees the published bytes.</summary>
    private readonly SortedDictionary<int, byte[]> _odd;

    public RollEntries() : this(new PackedHashes(), []) { }

    private RollEntries(PackedHashes packed, SortedDictionary<int, byte[]> odd) => (_packed, _odd) = (packed, odd);

    public int Count => (int)_packed.Count;

    /// <summary>A read-only copy of the roll as it is now, for the workers to read while the walk goes on adding.</summary>
    public RollEntries Snapshot() => new(_packed.Snapshot(), new SortedDictionary<int, byte[]>(_odd));

    public void Add(ReadOnlySpan<byte> entry)
    {
        if (entry.Length != 32) _odd[Count] = entry.ToArray();
        _packed.Add(entry.Length == 32 ? entry : Placeholder);
    }

    public ReadOnlySpan<byte> this[int index] => _odd.TryGetValue(index, out var odd) ? odd : _packed[(ulong)index];

    /// <summary>RollMath.Digest of every entry so far: it hashes the entries' concatenation, so whole runs of packed entries can go in at once.</summary>
    public byte[] Digest() => RollMath.Digest(Pieces());

    private IEnumerable<ReadOnlyMemory<byte>> Pieces()
    {
        ulong from = 0;
        foreach (var (at, odd) in _odd)
        {
            foreach (var run in _packed.Runs(from, (ulong)at)) yield return run;
            yield return odd;
            from = (ulong)at + 1;
        }
        foreach (var run in _packed.Runs(from, _packed.Count)) yield return run;
    }
}
