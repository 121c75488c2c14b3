using System.Security.Cryptography;
using System.Text;
using Voting.Core.Records;

namespace Scrutineer.Verify;

/// <summary>
/// The roll's entries as published, in order. A million 32-byte entries are kept packed in blocks rather than as a
/// million arrays, and their digest (RollMath.Digest: SHA-256 of the label, then every entry) hashes a block of
/// entries per call instead of one entry per call.
/// </summary>
internal sealed class RollEntries
{
    private const int PerBlock = 4096;
    private readonly List<byte[]> _blocks = [];
    /// <summary>Entries that are not 32 bytes (a failed roll.distinct), kept as they are so that every check sees the published bytes.</summary>
    private readonly Dictionary<int, byte[]> _odd = [];
    public int Count { get; private set; }

    /// <summary>
    /// A copy of the roll as it is now, for the workers to read while the walk goes on: it shares the packed blocks
    /// (entries already written never change; later ones go to slots the copy does not reach) and is never added to.
    /// </summary>
    public RollEntries Snapshot()
    {
        var copy = new RollEntries { Count = Count };
        copy._blocks.AddRange(_blocks);
        foreach (var (i, odd) in _odd) copy._odd[i] = odd;
        return copy;
    }

    /// <summary>Appends one chunk's entries, in order.</summary>
    public void Add(ReadOnlySpan<byte> entry)
    {
        int block = Count / PerBlock, slot = Count % PerBlock;
        if (block == _blocks.Count) _blocks.Add(new byte[PerBlock * 32]);
        if (entry.Length == 32) entry.CopyTo(_blocks[block].AsSpan(slot * 32, 32));
        else _odd[Count] = entry.ToArray();
        Count++;
    }

    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _odd.TryGetValue(index, out var odd) ? odd : _blocks[index / PerBlock].AsSpan(index % PerBlock * 32, 32);
        }
    }

    /// <summary>RollMath.Digest of every entry added so far: the hash is over the entries' concatenation, so runs of packed entries go in whole.</summary>
    public byte[] Digest()
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(Encoding.ASCII.GetBytes(Labels.RollDigest));
        int i = 0;
        while (i < Count)
        {
            if (_odd.TryGetValue(i, out var odd)) { h.AppendData(odd); i++; continue; }
            int block = i / PerBlock, end = Math.Min(Count, (block + 1) * PerBlock), j = i + 1;
            while (j < end && (_odd.Count == 0 || !_odd.ContainsKey(j))) j++;
            h.AppendData(_blocks[block].AsSpan(i % PerBlock * 32, (j - i) * 32));
            i = j;
        }
        return h.GetHashAndReset();
    }
}
