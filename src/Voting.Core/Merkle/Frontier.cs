namespace Voting.Core.Merkle;

/// <summary>
/// The right edge of a growing tree: for each set bit of Size, the hash of the complete
/// subtree it stands for. That is all an appender needs (log.md §5.2): each new leaf yields
/// the complete-subtree hashes it completes, and the root needs no other reads.
/// </summary>
public sealed class Frontier : IHashSource
{
    // nodes[level] is the complete subtree at that level on the right edge, if bit `level` of Size is set.
    private readonly byte[]?[] _nodes = new byte[64][];

    public ulong Size { get; private set; }

    /// <summary>Appends one leaf hash; returns every complete-subtree hash the leaf completes, lowest level first.</summary>
    public IReadOnlyList<StoredHash> Append(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        Rfc6962.RequireHash(leafHash, nameof(leafHash));
        var created = new List<StoredHash>(2);
        ulong index = Size;
        byte[] hash = leafHash;
        int level = 0;
        created.Add(new StoredHash(0, index, hash));
        // Each trailing one bit of the old size is a left sibling waiting for this right neighbour.
        while (((index >> level) & 1) == 1)
        {
            hash = Rfc6962.HashChildren(_nodes[level]!, hash);
            _nodes[level] = null;
            level++;
            created.Add(new StoredHash(level, index >> level, hash));
        }
        _nodes[level] = hash;
        Size = checked(Size + 1);
        return created;
    }

    /// <summary>MTH(D[0:Size]).</summary>
    public byte[] Root() => TreeMath.Root(Size, this);

    /// <summary>Complete subtrees on the right edge only; anything else is not kept here.</summary>
    public byte[] Hash(int level, ulong index)
    {
        if (TryGet(level, index, out var hash)) return hash;
        throw new KeyNotFoundException($"the frontier of size {Size} holds no subtree ({level}, {index})");
    }

    public bool TryGet(int level, ulong index, out byte[] hash)
    {
        hash = null!;
        if (level < 0 || level >= 64) return false;
        var node = _nodes[level];
        if (node is null) return false;
        // The subtree at this level starts where the higher set bits of Size end.
        ulong start = Size >> (level + 1) << (level + 1);
        if (start >> level != index) return false;
        hash = node;
        return true;
    }

    /// <summary>A copy to roll back to if a batch fails before it is durable.</summary>
    public Frontier Clone()
    {
        var f = new Frontier { Size = Size };
        Array.Copy(_nodes, f._nodes, _nodes.Length);
        return f;
    }

    /// <summary>Rebuilds a frontier from the complete subtrees a store already holds.</summary>
    public static Frontier FromSource(ulong size, IHashSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var f = new Frontier { Size = size };
        for (int level = 63; level >= 0; level--)
        {
            if (((size >> level) & 1) == 0) continue;
            ulong start = size >> (level + 1) << (level + 1);
            f._nodes[level] = source.Hash(level, start >> level);
        }
        return f;
    }
}
