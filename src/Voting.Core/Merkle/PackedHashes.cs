namespace Voting.Core.Merkle;

/// <summary>
/// 32-byte values (hashes, keys) in order, packed into 128 KiB blocks of 4,096 rather than an array each: a million
/// of them cost 32 MB and no objects for the GC to trace. The Merkle tree keeps a level in one; the scrutineer the roll.
/// </summary>
public sealed class PackedHashes
{
    private const int Size = 32;
    private const int PerBlock = 4096;
    private readonly List<byte[]> _blocks;
    private readonly bool _readOnly;

    public PackedHashes() => _blocks = [];

    private PackedHashes(List<byte[]> blocks, ulong count)
    {
        _blocks = blocks;
        Count = count;
        _readOnly = true;
    }

    public ulong Count { get; private set; }

    public void Add(ReadOnlySpan<byte> value)
    {
        if (_readOnly) throw new InvalidOperationException("a snapshot is read-only");
        if (value.Length != Size) throw new ArgumentException($"a packed value is {Size} bytes, got {value.Length}", nameof(value));
        int slot = (int)(Count % PerBlock);
        if (slot == 0) _blocks.Add(new byte[PerBlock * Size]);
        value.CopyTo(_blocks[^1].AsSpan(slot * Size, Size));
        Count++;
    }

    public ReadOnlySpan<byte> this[ulong index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _blocks[(int)(index / PerBlock)].AsSpan((int)(index % PerBlock) * Size, Size);
        }
    }

    /// <summary>
    /// A read-only view of the values added so far, for other threads to read while this one keeps adding: it shares
    /// the blocks, because values already added never change and later ones land in slots the view does not reach.
    /// </summary>
    public PackedHashes Snapshot() => new([.. _blocks], Count);

    /// <summary>Values [from, to) as contiguous pieces of memory, one per block they touch, in order.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Runs(ulong from, ulong to)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(to, Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        while (from < to)
        {
            int block = (int)(from / PerBlock), slot = (int)(from % PerBlock);
            int n = (int)Math.Min(to - from, (ulong)(PerBlock - slot));
            yield return _blocks[block].AsMemory(slot * Size, n * Size);
            from += (ulong)n;
        }
    }
}
