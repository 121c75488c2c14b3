namespace Voting.Core.Merkle;

/// <summary>
/// A whole tree in memory: every complete-subtree hash, level by level, packed 32 bytes apiece into large blocks
/// (no object per hash), so a million-leaf tree costs 64 MB. For tests, vector generation, exports and the
/// scrutineer.
/// </summary>
public sealed class MemoryTree : IHashSource
{
    private readonly List<PackedHashes> _levels = [];

    public ulong Size { get; private set; }

    /// <summary>Stores the leaf hash and every subtree it completes (RFC 6962 §2.1: SHA-256(0x01 || left || right)), without allocating per hash.</summary>
    public void AppendLeafHash(ReadOnlySpan<byte> leafHash)
    {
        Rfc6962.RequireHash(leafHash, nameof(leafHash));
        Span<byte> node = stackalloc byte[1 + 2 * Rfc6962.HashSize];
        Span<byte> hash = stackalloc byte[Rfc6962.HashSize];
        leafHash.CopyTo(hash);
        ulong index = Size;
        int level = 0;
        Column(0).Add(hash);
        while ((index & 1) == 1)
        {
            node[0] = 0x01;
            _levels[level][index - 1].CopyTo(node.Slice(1, Rfc6962.HashSize));
            hash.CopyTo(node[(1 + Rfc6962.HashSize)..]);
            System.Security.Cryptography.SHA256.HashData(node, hash);
            level++;
            index >>= 1;
            Column(level).Add(hash);
        }
        Size++;
    }

    private PackedHashes Column(int level)
    {
        if (_levels.Count == level) _levels.Add(new PackedHashes());
        return _levels[level];
    }

    public void AppendLeaf(ReadOnlySpan<byte> leaf) => AppendLeafHash(Rfc6962.HashLeaf(leaf));

    public byte[] Hash(int level, ulong index)
    {
        if (level < 0 || level >= _levels.Count || index >= _levels[level].Count)
            throw new KeyNotFoundException($"no complete subtree ({level}, {index}) in a tree of size {Size}");
        return _levels[level][index].ToArray();
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
