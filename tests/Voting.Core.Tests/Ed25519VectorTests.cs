using System.Text.Json;
using Voting.Core.Crypto;
using Voting.Core.Tests.Oracles;

namespace Voting.Core.Tests;

/// <summary>
/// C2SP CCTV Ed25519 edge cases (../shared/vectors/ed25519): Voting's rules (log.md §8.1) give one
/// verdict per vector, the same from the shipped backend (NSec over libsodium) as from an independent implementation
/// (BouncyCastle, a test-only oracle).
/// </summary>
public class Ed25519VectorTests
{
    private sealed record Vector(int Number, byte[] Key, byte[] Sig, byte[] Msg, string[] Flags);

    private static List<Vector> Load()
    {
        var doc = JsonDocument.Parse(File.ReadAllText(SharedVectors.Require("ed25519", "ed25519vectors.json")));
        return [.. doc.RootElement.EnumerateArray().Select(e => new Vector(
            e.GetProperty("number").GetInt32(),
            Convert.FromHexString(e.GetProperty("key").GetString()!),
            Convert.FromHexString(e.GetProperty("sig").GetString()!),
            System.Text.Encoding.UTF8.GetBytes(e.GetProperty("msg").GetString()!),
            e.GetProperty("flags").ValueKind == JsonValueKind.Array ? [.. e.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)] : []))];
    }

    /// <summary>The verdict log.md §8.1 promises: reject non-canonical or small-order A and R, and residues the cofactorless equation rejects.</summary>
    private static bool Expected(Vector v) =>
        !v.Flags.Any(f => f is "low_order_A" or "low_order_R" or "non_canonical_A" or "non_canonical_R" or "low_order_residue");

    [Fact]
    public void TheShippedBackendGivesTheSpecifiedVerdictOnEveryVector()
    {
        var vectors = Load();
        Assert.NotEmpty(vectors);
        var wrong = vectors.Where(v => Ed25519.Verify(SodiumEd25519.Instance, v.Key, v.Msg, v.Sig) != Expected(v)).Select(v => v.Number).ToList();
        Assert.Empty(wrong);
    }

    /// <summary>
    /// BouncyCastle.Cryptography 2.x checks the cofactored equation, so it accepts a signature whose only defect is a
    /// low-order residue, which RFC 8032's cofactorless check (libsodium's, and log.md §8.1's) rejects. On every other
    /// vector the two independent implementations must agree under Voting's rules; and they must disagree somewhere, or
    /// this test would no longer know which equation each one checks.
    /// </summary>
    [Fact]
    public void BouncyCastleAgreesWithTheShippedBackendExceptOnLowOrderResidues()
    {
        var vectors = Load();
        var differ = vectors.Where(v => Ed25519.Verify(BouncyCastleEd25519.Instance, v.Key, v.Msg, v.Sig) != Ed25519.Verify(SodiumEd25519.Instance, v.Key, v.Msg, v.Sig)).ToList();
        Assert.All(differ, v => Assert.True(v.Flags.Contains("low_order_residue"), $"vector {v.Number} [{string.Join(",", v.Flags)}]"));
        Assert.NotEmpty(differ);
    }

    [Fact]
    public void BackendsProduceIdenticalKeysAndSignatures()
    {
        var sodium = SodiumEd25519.Instance;
        var rng = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            var seed = new byte[32];
            rng.NextBytes(seed);
            var msg = new byte[rng.Next(0, 300)];
            rng.NextBytes(msg);
            var pk1 = new byte[32]; var pk2 = new byte[32];
            BouncyCastleEd25519.Instance.PublicKeyFromSeed(seed, pk1);
            sodium.PublicKeyFromSeed(seed, pk2);
            Assert.Equal(pk1, pk2);
            var s1 = new byte[64]; var s2 = new byte[64];
            BouncyCastleEd25519.Instance.Sign(seed, pk1, msg, s1);
            sodium.Sign(seed, pk1, msg, s2);
            Assert.Equal(s1, s2);
            Assert.True(Ed25519.Verify(sodium, pk1, msg, s1));
            Assert.True(Ed25519.Verify(BouncyCastleEd25519.Instance, pk1, msg, s2));
        }
    }

    /// <summary>RFC 8032 §7.1 TEST 1 (empty message).</summary>
    [Fact]
    public void Rfc8032FirstTestVector()
    {
        var seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var pk = Ed25519.PublicKeyFromSeed(seed);
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(pk));
        var sig = Ed25519.Sign(seed, pk, []);
        Assert.Equal("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            Convert.ToHexStringLower(sig));
    }
}
