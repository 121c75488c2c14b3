using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Voting.Core.Group;
using Voting.Core.Sealed;

namespace Voting.Core.Tests;

/// <summary>
/// A contest's marks encoded, encrypted and proven (docs/spec/sealed.md §2): round trips for any marks, every bad
/// encoding refused, the proof of knowledge failing for each field changed and for a ciphertext copied into another
/// member's ballot, the published vectors, and those recomputed by @noble/curves.
/// </summary>
public class SealedContestTests
{
    private static readonly Scalar Secret = Scalar.FromHash("voting/v2/test\n", "secret"u8);
    private static readonly Point Key = Point.MultiplyBase(Secret);
    private static readonly byte[] Credential = Crypto.Ed25519.PublicKeyFromSeed(new byte[32]);
    private static readonly KnowledgeProof.Context Here = new("sealed-test", Key, Credential, 2, 0);

    private static readonly Gen<uint[]> Rankings =
        Gen.Choose(0, 70).SelectMany(n => Gen.Shuffle(Enumerable.Range(0, 255).Select(i => (uint)i).ToArray()).Select(all => all.Take(n).ToArray()));

    [Fact]
    public void AnyMarksEncodeDecryptAndDecodeToThemselves()
    {
        Prop.ForAll(Rankings.ToArbitrary(), marks =>
        {
            var parts = ContestEncoding.Encode(marks, 70);
            var decrypted = parts.Select(m => Ciphertext.Encrypt(m, Key).Ciphertext.Decrypt(Secret)).ToList();
            return parts.Length == 3 && ContestEncoding.Decode(decrypted)!.SequenceEqual(marks);
        }).QuickCheckThrowOnFailure();
        Assert.Single(ContestEncoding.Encode([], 1)); // a blank vote is one element too
        Assert.Empty(ContestEncoding.Decode(ContestEncoding.Encode([], 1))!);
    }

    [Fact]
    public void AnElementThatIsNotAnEncodingDecodesToNothing()
    {
        var good = ContestEncoding.Encode([4, 1], 30)[0].ToArray();
        Assert.Equal([4u, 1u], ContestEncoding.Decode([Point.Decode(good, "x", true)])!);
        // Another k than the smallest, a gap between marks, byte 31 set: each found by trying k until one decodes.
        foreach (var change in new Action<byte[]>[] { e => { e[4] = 9; }, e => { e[31] = 1; }, e => { e[0] += 2; } })
        {
            var e = (byte[])good.Clone();
            change(e);
            for (int k = 0; k < 128; k++)
            {
                if (Point.TryDecode(e, allowIdentity: true) is { } p) { Assert.Null(ContestEncoding.Decode([p])); break; }
                e[0] = (byte)(e[0] + 2);
            }
        }
        // A mark in a later part after a part that was not full.
        var split = ContestEncoding.Encode([.. Enumerable.Range(0, 31).Select(i => (uint)i)], 60);
        var shortFirst = ContestEncoding.Encode([1], 30)[0];
        Assert.Null(ContestEncoding.Decode([shortFirst, split[1]]));
        Assert.Throws<ArgumentException>(() => ContestEncoding.Encode([255], 1));
        Assert.Throws<ArgumentException>(() => ContestEncoding.Encode([1, 2], 1));
    }

    [Fact]
    public void TheProofBindsEveryFieldAndTheVoter()
    {
        var m = ContestEncoding.Encode([3], 1)[0];
        var (ct, r) = Ciphertext.Encrypt(m, Key);
        var proof = KnowledgeProof.Prove(Here, ct, r);
        Assert.True(proof.Verifies(Here, ct));
        var other = Ciphertext.Encrypt(m, Key).Ciphertext;
        var otherKey = Point.MultiplyBase(Scalar.FromUInt64(3));
        var otherCredential = Crypto.Ed25519.PublicKeyFromSeed(Enumerable.Repeat((byte)1, 32).ToArray());
        var tampered = new (KnowledgeProof.Context Context, Ciphertext Ct, KnowledgeProof Proof)[]
        {
            (Here, ct with { Alpha = other.Alpha }, proof),
            (Here, ct with { Beta = other.Beta }, proof),
            (Here, ct, proof with { Challenge = proof.Challenge + Scalar.One }),
            (Here, ct, proof with { Response = proof.Response + Scalar.One }),
            (Here with { ElectionId = "sealed-test2" }, ct, proof),
            (Here with { ElectionKey = otherKey }, ct, proof),
            (Here with { CredentialKey = otherCredential }, ct, proof), // copied into another member's ballot
            (Here with { Contest = 3 }, ct, proof),
            (Here with { Part = 1 }, ct, proof),
        };
        foreach (var (context, c, p) in tampered) Assert.False(p.Verifies(context, c));
        // A proof made without r (any z, c) does not verify: here, one for another ciphertext's randomness.
        var (ct2, r2) = Ciphertext.Encrypt(m, Key);
        Assert.False(KnowledgeProof.Prove(Here, ct, r2).Verifies(Here, ct));
        Assert.True(KnowledgeProof.Prove(Here, ct2, r2).Verifies(Here, ct2));
    }

    [Fact]
    public void TheCiphertextDecodesStrictly()
    {
        var (ct, _) = Ciphertext.Encrypt(ContestEncoding.Encode([0], 1)[0], Key);
        Assert.Equal(ct, Ciphertext.Decode(ct.Alpha.ToArray(), ct.Beta.ToArray()));
        Assert.Throws<VotingFormatException>(() => Ciphertext.Decode(new byte[32], ct.Beta.ToArray())); // α the identity
        var bad = ct.Beta.ToArray();
        bad[31] |= 0x80;
        Assert.Throws<VotingFormatException>(() => Ciphertext.Decode(ct.Alpha.ToArray(), bad));
        Assert.Throws<ArgumentException>(() => Ciphertext.Encrypt(Point.Generator, Key, Scalar.Zero));
    }

    private static JsonElement Vectors => JsonDocument.Parse(File.ReadAllText(TestPaths.Repo("docs", "spec", "vectors", "sealed-vectors.json"))).RootElement;

    [Fact]
    public void ThePublishedVectorsHold()
    {
        var v = Vectors;
        var key = Point.Decode(Convert.FromHexString(v.GetProperty("election_key_hex").GetString()!), "key");
        var credential = Convert.FromHexString(v.GetProperty("credential_key_hex").GetString()!);
        foreach (var c in v.GetProperty("contests").EnumerateArray())
        {
            var marks = c.GetProperty("marks").EnumerateArray().Select(x => x.GetUInt32()).ToArray();
            var elements = ContestEncoding.Encode(marks, c.GetProperty("max_marks").GetInt32());
            var decoded = new List<Point>();
            uint p = 0;
            foreach (var part in c.GetProperty("parts").EnumerateArray())
            {
                Assert.Equal(part.GetProperty("element_hex").GetString(), elements[p].ToString());
                var ct = Ciphertext.Decode(Convert.FromHexString(part.GetProperty("alpha_hex").GetString()!), Convert.FromHexString(part.GetProperty("beta_hex").GetString()!));
                var proof = new KnowledgeProof(Scalar.Decode(Convert.FromHexString(part.GetProperty("challenge_hex").GetString()!), "c"), Scalar.Decode(Convert.FromHexString(part.GetProperty("response_hex").GetString()!), "z"));
                var context = new KnowledgeProof.Context(v.GetProperty("election_id").GetString()!, key, credential, c.GetProperty("contest").GetUInt32(), p);
                Assert.Equal(part.GetProperty("context_hex").GetString(), Convert.ToHexStringLower(context.Bytes()));
                Assert.True(proof.Verifies(context, ct));
                decoded.Add(ct.Decrypt(Scalar.Decode(Convert.FromHexString(v.GetProperty("election_secret_hex").GetString()!), "x")));
                p++;
            }
            Assert.Equal(marks, ContestEncoding.Decode(decoded));
        }
    }

    [Fact]
    public Task NobleCurvesRecomputesEveryVector() => NobleCheck.Run("sealed-vectors.mjs", "sealed-vectors.json", 75);
}
