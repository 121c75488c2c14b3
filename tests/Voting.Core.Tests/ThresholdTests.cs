using FsCheck;
using FsCheck.Fluent;
using Voting.Core.Group;
using Voting.Core.Sealed;

namespace Voting.Core.Tests;

/// <summary>
/// k-of-n trustees (docs/spec/sealed.md §3–§4): a Pedersen-style key generation from Feldman commitments, shares
/// checked against them, decryption shares with Chaum–Pedersen proofs, and any k shares (never fewer) recovering the
/// plaintext; each proof field tampered.
/// </summary>
public class ThresholdTests
{
    private sealed record Trustees(Point Key, Scalar[] Secrets, Point[] VerificationKeys, List<Point[]> Commitments);

    /// <summary>n trustees each deal a degree k − 1 polynomial; trustee j's secret is the sum of the shares dealt to it.</summary>
    private static Trustees Deal(int n, int k)
    {
        var polynomials = Enumerable.Range(0, n).Select(_ => Threshold.NewPolynomial(k)).ToList();
        var commitments = polynomials.Select(p => Threshold.Commitments(p)).ToList();
        var secrets = new Scalar[n];
        for (uint j = 1; j <= n; j++)
        {
            var x = Scalar.Zero;
            foreach (var (p, c) in polynomials.Zip(commitments))
            {
                var share = Threshold.Evaluate(p, j);
                Assert.True(Threshold.ShareMatches(share, c, j, k)); // what trustee j checks before it confirms
                x += share;
            }
            secrets[j - 1] = x;
        }
        var keys = Enumerable.Range(1, n).Select(j => Threshold.VerificationKey(commitments, (uint)j, k)).ToArray();
        return new(Threshold.ElectionKey(commitments, k), secrets, keys, commitments);
    }

    private static readonly byte[] Context = "share context"u8.ToArray();

    [Fact]
    public void AnyTwoOfThreeDecryptAndOneCannot()
    {
        var t = Deal(3, 2);
        for (int j = 0; j < 3; j++) Assert.Equal(t.VerificationKeys[j], Point.MultiplyBase(t.Secrets[j]));
        var m = ContestEncoding.Encode([2, 0], 5)[0];
        var (ct, _) = Ciphertext.Encrypt(m, t.Key);
        var shares = new Dictionary<uint, Point>();
        for (uint j = 1; j <= 3; j++)
        {
            var d = t.Secrets[j - 1] * ct.Alpha;
            var proof = EqualityProof.Prove(Context, ct.Alpha, t.Secrets[j - 1]);
            Assert.True(proof.Verifies(Context, t.VerificationKeys[j - 1], ct.Alpha, d));
            shares[j] = d;
        }
        foreach (var set in new uint[][] { [1, 2], [1, 3], [2, 3], [1, 2, 3] })
            Assert.Equal(m, ct.Beta - Threshold.Combine(set.ToDictionary(j => j, j => shares[j]), 2));
        foreach (uint j in new uint[] { 1, 2, 3 })
        {
            Assert.Throws<ArgumentException>(() => Threshold.Combine(new Dictionary<uint, Point> { [j] = shares[j] }, 2)); // fewer than k: refused
            Assert.NotEqual(m, ct.Beta - Threshold.Combine(new Dictionary<uint, Point> { [j] = shares[j] }, 1)); // and interpolating one gives nothing
        }
        var wrong = new Dictionary<uint, Point> { [1] = shares[1], [2] = shares[3] }; // a share under another trustee's number
        Assert.NotEqual(m, ct.Beta - Threshold.Combine(wrong, 2));
    }

    [Fact]
    public void AShareThatIsNotTheDealtPolynomialsIsFound()
    {
        var p = Threshold.NewPolynomial(3);
        var c = Threshold.Commitments(p);
        Assert.True(Threshold.ShareMatches(Threshold.Evaluate(p, 2), c, 2, 3));
        Assert.False(Threshold.ShareMatches(Threshold.Evaluate(p, 2) + Scalar.One, c, 2, 3));
        Assert.False(Threshold.ShareMatches(Threshold.Evaluate(p, 3), c, 2, 3));
        // A polynomial of another degree than k − 1 passes the algebra but not the check (it would break every k-subset).
        Assert.False(Threshold.ShareMatches(Threshold.Evaluate(p, 2), c, 2, 2));
        Assert.False(Threshold.ShareMatches(Scalar.Zero, [Point.Identity, c[1], c[2]], 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Threshold.Evaluate(p, 0));
        Assert.Throws<ArgumentException>(() => Threshold.Lagrange(1, [1, 1, 2]));
    }

    [Fact]
    public void AnyKOfNRecoverThePlaintext()
    {
        Prop.ForAll(Gen.Choose(1, 5).SelectMany(k => Gen.Choose(k, 6).Select(n => (k, n))).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (kn, pick) =>
        {
            var (k, n) = kn;
            var t = Deal(n, k);
            var m = ContestEncoding.Encode([(uint)pick % 200], 1)[0];
            var (ct, _) = Ciphertext.Encrypt(m, t.Key);
            var set = Enumerable.Range(1, n).OrderBy(j => (j * 7919 + pick) % 101).Take(k).Select(j => (uint)j).ToList();
            return ct.Beta - Threshold.Combine(set.ToDictionary(j => j, j => t.Secrets[j - 1] * ct.Alpha), k) == m;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TheDecryptionShareProofBindsEveryField()
    {
        var x = Scalar.Random();
        var key = Point.MultiplyBase(x);
        var alpha = Point.MultiplyBase(Scalar.Random());
        var share = x * alpha;
        var proof = EqualityProof.Prove(Context, alpha, x);
        Assert.True(proof.Verifies(Context, key, alpha, share));
        var other = Point.MultiplyBase(Scalar.Random());
        Assert.False(proof.Verifies("another context"u8, key, alpha, share));
        Assert.False(proof.Verifies(Context, other, alpha, share));
        Assert.False(proof.Verifies(Context, key, other, share));
        Assert.False(proof.Verifies(Context, key, alpha, other));
        Assert.False(proof.Verifies(Context, key, alpha, share + Point.Generator)); // a share that would shift the plaintext
        Assert.False((proof with { Challenge = proof.Challenge + Scalar.One }).Verifies(Context, key, alpha, share));
        Assert.False((proof with { Response = proof.Response + Scalar.One }).Verifies(Context, key, alpha, share));
        Assert.False(proof.Verifies(Context, Point.Identity, alpha, share));
        // A share by another secret, with an honest proof for that secret, fails under this trustee's key.
        var y = Scalar.Random();
        Assert.False(EqualityProof.Prove(Context, alpha, y).Verifies(Context, key, alpha, y * alpha));
    }

    [Fact]
    public void ThePublishedThresholdVectorsHold()
    {
        var th = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestPaths.Repo("docs", "spec", "vectors", "sealed-vectors.json"))).RootElement.GetProperty("threshold");
        Scalar S(System.Text.Json.JsonElement e) => Scalar.Decode(Convert.FromHexString(e.GetString()!), "a vector scalar");
        Point Pt(System.Text.Json.JsonElement e) => Point.Decode(Convert.FromHexString(e.GetString()!), "a vector point", allowIdentity: true);
        var trustees = th.GetProperty("by").EnumerateArray().ToList();
        var commitments = trustees.Select(t => (IReadOnlyList<Point>)[.. t.GetProperty("commitments_hex").EnumerateArray().Select(Pt)]).ToList();
        Assert.Equal(Pt(th.GetProperty("election_key_hex")), Threshold.ElectionKey(commitments, 2));
        var alpha = Pt(th.GetProperty("alpha_hex"));
        var context = Convert.FromHexString(th.GetProperty("share_context_hex").GetString()!);
        var shares = new Dictionary<uint, Point>();
        foreach (var t in trustees)
        {
            uint j = t.GetProperty("index").GetUInt32();
            var key = Threshold.VerificationKey(commitments, j, 2);
            Assert.Equal(Pt(t.GetProperty("verification_key_hex")), key);
            var dealt = t.GetProperty("shares_dealt_hex").EnumerateArray().Select(S).ToList();
            for (int to = 0; to < dealt.Count; to++) Assert.True(Threshold.ShareMatches(dealt[to], commitments[(int)j - 1], (uint)to + 1, 2));
            var d = Pt(t.GetProperty("decryption_share_hex"));
            Assert.True(new EqualityProof(S(t.GetProperty("proof_challenge_hex")), S(t.GetProperty("proof_response_hex"))).Verifies(context, key, alpha, d));
            shares[j] = d;
        }
        Assert.Equal(Pt(th.GetProperty("plaintext_hex")), Pt(th.GetProperty("beta_hex")) - Threshold.Combine(new Dictionary<uint, Point> { [1] = shares[1], [3] = shares[3] }, 2));
    }

    /// <summary>
    /// The rogue-key attack (2 of 2): the last trustee publishes C_0 = x·G − (the other's C_0) and a C_1 its share to
    /// the other matches, so the election key would be x·G, known to it alone. It cannot prove knowledge of its
    /// constant term; an honest trustee can, bound to its index and commitments.
    /// </summary>
    [Fact]
    public void ATrusteeMustKnowItsConstantTermSoNoneCanChooseTheKey()
    {
        var context = "rogue key"u8.ToArray();
        var honest = Threshold.NewPolynomial(2);
        var c1 = Threshold.Commitments(honest);
        var (ch, z) = Threshold.ProveConstantTerm(context, 1, honest);
        Assert.True(Threshold.ConstantTermProofVerifies(context, 1, c1, 2, ch, z));
        Assert.False(Threshold.ConstantTermProofVerifies(context, 2, c1, 2, ch, z)); // for another trustee
        Assert.False(Threshold.ConstantTermProofVerifies("another election"u8, 1, c1, 2, ch, z));
        Assert.False(Threshold.ConstantTermProofVerifies(context, 1, [c1[0], c1[1] + Point.Generator], 2, ch, z));
        Assert.False(Threshold.ConstantTermProofVerifies(context, 1, c1, 3, ch, z));

        var x = Scalar.Random();
        var s = Scalar.Random();
        var rogue0 = Point.MultiplyBase(x) - c1[0];
        Point[] rogue = [rogue0, Point.MultiplyBase(s) - rogue0];
        Assert.True(Threshold.ShareMatches(s, rogue, 1, 2)); // the share check alone would accept it
        Assert.Equal(Point.MultiplyBase(x), Threshold.ElectionKey([c1, rogue], 2)); // and the key would be the rogue's
        // Its best try at a proof (it knows no a_0 for rogue0): a proof of x for C_0 = x·G does not verify for rogue0.
        var (rc, rz) = Threshold.ProveConstantTerm(context, 2, [x, s]);
        Assert.False(Threshold.ConstantTermProofVerifies(context, 2, rogue, 2, rc, rz));
    }

    [Fact]
    public void AnIdentityKeyOrAlphaIsRefused()
    {
        var m = ContestEncoding.Encode([1], 1)[0];
        Assert.Throws<ArgumentException>(() => Ciphertext.Encrypt(m, Point.Identity));
        var key = Point.MultiplyBase(Scalar.Random());
        var context = new KnowledgeProof.Context("identity", key, new byte[32], 0, 0);
        // With α the identity anyone could "prove" knowledge of r: pick z, A = z·G.
        var forged = new Ciphertext(Point.Identity, m);
        var z = Scalar.Random();
        Assert.False(new KnowledgeProof(Scalar.FromHash(KnowledgeProof.Label, [.. context.Bytes(), .. new byte[32], .. m.ToArray(), .. Point.MultiplyBase(z).ToArray()]), z).Verifies(context, forged));
        Assert.False(KnowledgeProof.Prove(context with { ElectionKey = Point.Identity }, Ciphertext.Encrypt(m, key).Ciphertext, Scalar.One).Verifies(context with { ElectionKey = Point.Identity }, Ciphertext.Encrypt(m, key).Ciphertext));
        Assert.Throws<ArgumentException>(() => Threshold.ElectionKey([[Point.Identity, Point.Generator]], 2));
        Assert.Throws<ArgumentException>(() => new KnowledgeProof.Context("é", key, new byte[32], 0, 0).Bytes());
    }
}
