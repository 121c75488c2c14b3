using BenchmarkDotNet.Attributes;
using Voting.Core.Crypto;

namespace Voting.Benchmarks;

public class Ed25519Benchmarks
{
    private readonly SodiumEd25519 _backend = SodiumEd25519.Instance;
    private readonly byte[] _seed = new byte[32];
    private readonly byte[] _pk = new byte[32];
    private readonly byte[] _msg = new byte[200];
    private readonly byte[] _sig = new byte[64];

    [GlobalSetup]
    public void Setup()
    {
        new Random(3).NextBytes(_seed);
        _backend.PublicKeyFromSeed(_seed, _pk);
        _backend.Sign(_seed, _pk, _msg, _sig);
    }

    [Benchmark(Description = "Ed25519 sign (200 bytes)")]
    public byte[] Sign()
    {
        _backend.Sign(_seed, _pk, _msg, _sig);
        return _sig;
    }

    [Benchmark(Description = "Ed25519 verify with Voting's rules (200 bytes)")]
    public bool Verify() => Ed25519.Verify(_backend, _pk, _msg, _sig);
}
