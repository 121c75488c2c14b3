using BenchmarkDotNet.Attributes;
using Voting.Core.Merkle;

namespace Voting.Benchmarks;

[MemoryDiagnoser]
public class MerkleBenchmarks
{
    private byte[] _record = [];
    private MemoryTree _tree = new();
    private byte[][] _leafHashes = [];

    [GlobalSetup]
    public void Setup()
    {
        _record = new byte[300];
        new Random(1).NextBytes(_record);
        _leafHashes = [.. Enumerable.Range(0, 1 << 20).Select(i => Rfc6962.HashLeaf(BitConverter.GetBytes(i)))];
        _tree = new MemoryTree();
        foreach (var h in _leafHashes) _tree.AppendLeafHash(h);
    }

    [Benchmark(Description = "leaf hash (300-byte record)")]
    public byte[] LeafHash() => Rfc6962.HashLeaf(_record);

    [Benchmark(Description = "Merkle append (frontier, per leaf)", OperationsPerInvoke = 4096)]
    public byte[] FrontierAppend()
    {
        var f = new Frontier();
        for (int i = 0; i < 4096; i++) f.Append(_leafHashes[i]);
        return f.Root();
    }

    [Benchmark(Description = "inclusion proof, 2^20 leaves")]
    public byte[][] InclusionProofGeneration() => _tree.InclusionProof(123_457, (1 << 20) - 3);

    [Benchmark(Description = "inclusion proof verify, 2^20 leaves")]
    public bool InclusionProofVerify() =>
        InclusionProof.Verify(123_457, (1 << 20) - 3, _leafHashes[123_457], _proof ??= _tree.InclusionProof(123_457, (1 << 20) - 3), _root ??= _tree.RootAt((1 << 20) - 3));

    [Benchmark(Description = "consistency proof, 2^20 leaves")]
    public byte[][] ConsistencyProofGeneration() => _tree.ConsistencyProof(700_001, (1 << 20) - 3);

    private byte[][]? _proof;
    private byte[]? _root;
}
