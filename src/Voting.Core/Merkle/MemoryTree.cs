namespace Voting.Core.Merkle;

/// <summary>
/// A whole tree in memory: every complete-subtree hash, level by level. For tests,
/// vector generation, exports and the scrutineer; 64 bytes per leaf in all.
/// </summary>
public sealed class MemoryTree : IHashSource
{
    private readonly List<List<byte[]>> _levels = [];
    private readonly Frontier _frontier = new();

    public ulong Size => _frontier.Size;

    public void AppendLeafHash(byte[] leafHash)
    {
        foreach (var stored in _frontier.Append(leafHash))
        {
            if (_levels.Count == stored.Level) _levels.Add([]);
            _levels[stored.Level].Add(stored.Hash);
        }
    }

    public void AppendLeaf(ReadOnlySpan<byte> leaf) => AppendLeafHash(Rfc6962.HashLeaf(leaf));

    public byte[] Hash(int level, ulong index)
    {
        if (level < 0 || level >= _levels.Count || index >= (ulong)_levels[level].Count)
            throw new KeyNotFoundException($"no complete subtree ({level}, {index}) in a tree of size {Size}");
        return _levels[level][checked((int)index)];
    }

    public byte[] Root() => TreeMath.Root(Size, this);

    public byte[] RootAt(ulong size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
        return TreeMath.Root(size, this);
    }

    public byte[][] InclusionProof(ulong index, ulong size) => Merkle.InclusionProof.Generate(index, size, this);

    public byte[][] ConsistencyProof(ulong size1, ulong size2) => Merkle.ConsistencyProof.Generate(size1, size2, this);
}
