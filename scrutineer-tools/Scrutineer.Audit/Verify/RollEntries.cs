using Voting.Core.Merkle;
using Voting.Core.Records;

namespace Scrutineer.Verify;

/// <summary>
/// The roll's entries as published, in order: the 32-byte keys packed (a million entries, no million arrays) and,
/// for a split or styled roll (log.md §7.2), each entry's issuer half and style beside them; and the roll's digest
/// (RollMath.Digest fed a block of plain entries at a time, or SplitRoll.Digest for a styled roll).
/// </summary>
internal sealed class RollEntries
{
    private static readonly byte[] Placeholder = new byte[32];
    private readonly PackedHashes _packed;
    /// <summary>Entries that are not 32 bytes (a failed roll.distinct), kept as they are so that every check sees the published bytes.</summary>
    private readonly SortedDictionary<int, byte[]> _odd;
    /// <summary>A styled roll's issuer halves (empty entries where the election has no issuer) and styles; empty for a plain roll.</summary>
    private readonly List<byte[]> _issuer;
    private readonly List<uint> _styles;

    public RollEntries() : this(new PackedHashes(), [], [], []) { }

    private RollEntries(PackedHashes packed, SortedDictionary<int, byte[]> odd, List<byte[]> issuer, List<uint> styles) =>
        (_packed, _odd, _issuer, _styles) = (packed, odd, issuer, styles);

    public int Count => (int)_packed.Count;

    /// <summary>A read-only copy of the roll as it is now, for the workers to read while the walk goes on adding.</summary>
    public RollEntries Snapshot() => new(_packed.Snapshot(), new SortedDictionary<int, byte[]>(_odd), [.. _issuer], [.. _styles]);

    public void Add(ReadOnlySpan<byte> entry)
    {
        if (entry.Length != 32) _odd[Count] = entry.ToArray();
        _packed.Add(entry.Length == 32 ? entry : Placeholder);
    }

    /// <summary>An entry of a styled roll (RollChunk.styled_entries).</summary>
    public void Add(RollEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _issuer.Add(entry.IssuerKey.ToByteArray());
        _styles.Add(entry.Style);
        Add(entry.Key.Span);
    }

    public ReadOnlySpan<byte> this[int index] => _odd.TryGetValue(index, out var odd) ? odd : _packed[(ulong)index];

    /// <summary>Entry `index`'s issuer half: empty on a plain roll or where the entry has none.</summary>
    public ReadOnlySpan<byte> IssuerKey(int index) => index < _issuer.Count ? _issuer[index] : [];

    /// <summary>Entry `index`'s ballot style: 0 on a plain roll.</summary>
    public uint Style(int index) => index < _styles.Count ? _styles[index] : 0;

    /// <summary>Entry `index` as a RollEntry message, for the rules that take one.</summary>
    public RollEntry Entry(int index) => new()
    {
        Key = Google.Protobuf.ByteString.CopyFrom(this[index]),
        IssuerKey = Google.Protobuf.ByteString.CopyFrom(IssuerKey(index)),
        Style = Style(index),
    };

    /// <summary>The digest a RollCommitment must carry for these entries: the styled digest when the definition calls for a styled roll.</summary>
    public byte[] Digest(bool styled) => styled ? SplitRoll.Digest(Enumerable.Range(0, Count).Select(Entry)) : RollMath.Digest(Pieces());

    /// <summary>Entries per style, in the definition's order (styleCount of them).</summary>
    public ulong[] StyleCounts(int styleCount)
    {
        var counts = new ulong[styleCount];
        for (int i = 0; i < Count; i++) if (Style(i) < styleCount) counts[Style(i)]++;
        return counts;
    }

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
