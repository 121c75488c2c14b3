using System.Security.Cryptography;
using Voting.Core.Merkle;

namespace Voting.Core.Tests;

/// <summary>Every proof on every tree of 1..100 leaves verifies, and any flipped bit of any proof hash breaks it.</summary>
public class MerkleExhaustiveTests
{
    private const int MaxLeaves = 100;

    private static readonly byte[][] Leaves = [.. Enumerable.Range(0, MaxLeaves).Select(i => BitConverter.GetBytes(i * 7919 + 1))];

    private static MemoryTree Tree()
    {
        var t = new MemoryTree();
        foreach (var l in Leaves) t.AppendLeaf(l);
        return t;
    }

    /// <summary>MTH straight from RFC 6962 §2.1's recursive definition, independent of the stored-hash code.</summary>
    private static byte[] Mth(ReadOnlySpan<byte[]> d)
    {
        if (d.Length == 0) return SHA256.HashData(ReadOnlySpan<byte>.Empty);
        if (d.Length == 1) return Rfc6962.HashLeaf(d[0]);
        int k = 1;
        while (k * 2 < d.Length) k *= 2;
        return Rfc6962.HashChildren(Mth(d[..k]), Mth(d[k..]));
    }

    [Fact]
    public void RootsMatchTheRecursiveDefinitionForEverySize()
    {
        var tree = Tree();
        for (int n = 0; n <= MaxLeaves; n++)
            Assert.Equal(Mth(Leaves.AsSpan(0, n)), tree.RootAt((ulong)n));
    }

    [Fact]
    public void FrontierRootAndStoredHashesAgreeWithTheFullTree()
    {
        var tree = Tree();
        var f = new Frontier();
        for (int n = 0; n < MaxLeaves; n++)
        {
            foreach (var s in f.Append(Rfc6962.HashLeaf(Leaves[n])))
                Assert.Equal(tree.Hash(s.Level, s.Index), s.Hash);
            Assert.Equal(tree.RootAt((ulong)n + 1), f.Root());
            Assert.Equal(f.Root(), Frontier.FromSource(f.Size, tree).Root());
        }
    }

    [Fact]
    public void EveryInclusionProofVerifiesAndEveryBitFlipFails()
    {
        var tree = Tree();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(1, MaxLeaves + 1, size =>
        {
            var root = tree.RootAt((ulong)size);
            for (int index = 0; index < size; index++)
            {
                var leaf = tree.Hash(0, (ulong)index);
                var proof = tree.InclusionProof((ulong)index, (ulong)size);
                if (!InclusionProof.Verify((ulong)index, (ulong)size, leaf, proof, root)) failures.Add($"valid {index}/{size}");
                if (size > 1 && InclusionProof.Verify((ulong)((index + 1) % size), (ulong)size, leaf, proof, root)) failures.Add($"wrong index {index}/{size}");
                if (InclusionProof.Verify((ulong)index, (ulong)size, Rfc6962.HashLeaf([0xff]), proof, root)) failures.Add($"wrong leaf {index}/{size}");
                for (int p = 0; p < proof.Length; p++)
                    for (int bit = 0; bit < 256; bit++)
                    {
                        var flipped = proof.Select(h => (byte[])h.Clone()).ToArray();
                        flipped[p][bit / 8] ^= (byte)(1 << (bit % 8));
                        if (InclusionProof.Verify((ulong)index, (ulong)size, leaf, flipped, root)) failures.Add($"flip {index}/{size} hash {p} bit {bit}");
                    }
            }
        });
        Assert.Empty(failures);
    }

    [Fact]
    public void EveryConsistencyProofVerifiesAndEveryBitFlipFails()
    {
        var tree = Tree();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(1, MaxLeaves + 1, size2 =>
        {
            var root2 = tree.RootAt((ulong)size2);
            for (int size1 = 1; size1 <= size2; size1++)
            {
                var root1 = tree.RootAt((ulong)size1);
                var proof = tree.ConsistencyProof((ulong)size1, (ulong)size2);
                if (!ConsistencyProof.Verify((ulong)size1, (ulong)size2, root1, root2, proof)) failures.Add($"valid {size1}->{size2}");
                if (size1 < size2 && ConsistencyProof.Verify((ulong)size1, (ulong)size2, root2, root2, proof)) failures.Add($"wrong root1 {size1}->{size2}");
                for (int p = 0; p < proof.Length; p++)
                    for (int bit = 0; bit < 256; bit++)
                    {
                        var flipped = proof.Select(h => (byte[])h.Clone()).ToArray();
                        flipped[p][bit / 8] ^= (byte)(1 << (bit % 8));
                        if (ConsistencyProof.Verify((ulong)size1, (ulong)size2, root1, root2, flipped)) failures.Add($"flip {size1}->{size2} hash {p} bit {bit}");
                    }
            }
        });
        Assert.Empty(failures);
    }

    [Fact]
    public void ConsistencyFromSizeZeroIsAnError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tree().ConsistencyProof(0, 5));
        Assert.False(ConsistencyProof.Verify(0, 5, Rfc6962.EmptyRoot(), Tree().RootAt(5), [new byte[32]]));
    }

    [Fact]
    public void ProofHashesOfTheWrongLengthAreRejected()
    {
        var tree = Tree();
        var proof = tree.InclusionProof(3, 10);
        proof[0] = proof[0][..31];
        Assert.False(InclusionProof.Verify(3, 10, tree.Hash(0, 3), proof, tree.RootAt(10)));
    }
}
