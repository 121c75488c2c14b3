using FsCheck;
using FsCheck.Fluent;
using Voting.Core.Group;
using Voting.Core.Sealed;

namespace Voting.Core.Tests;

/// <summary>
/// The verifiable shuffle (docs/spec/sealed.md §5): an honest shuffle verifies and decrypts to the same multiset of
/// plaintexts, for any size and width; every kind of cheating — a dropped, added, replaced or re-encrypted-wrongly
/// tuple, parts of two tuples swapped, another key or context, any response or commitment changed — fails.
/// </summary>
public class ShuffleTests
{
    private static readonly Scalar Secret = Scalar.FromHash("voting/v2/test\n", "mix secret"u8);
    private static readonly Point Key = Point.MultiplyBase(Secret);
    private static readonly byte[] Context = "shuffle test"u8.ToArray();

    private static List<Ciphertext[]> Ballots(int n, int w) =>
        [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, w).Select(k => Ciphertext.Encrypt(ContestEncoding.Encode([(uint)(i % 250), (uint)k], 30)[0], Key).Ciphertext).ToArray())];

    private static List<string> Plaintexts(IEnumerable<Ciphertext[]> tuples) =>
        [.. tuples.Select(t => string.Join(",", t.Select(c => c.Decrypt(Secret).ToString()))).Order(StringComparer.Ordinal)];

    [Fact]
    public void AnHonestShuffleVerifiesAndKeepsThePlaintexts()
    {
        Prop.ForAll(Gen.Choose(1, 12).ToArbitrary(), Gen.Choose(1, 3).ToArbitrary(), (n, w) =>
        {
            var input = Ballots(n, w);
            var (output, proof) = ShuffleProof.Run(Context, Key, input);
            return proof.Verifies(Context, Key, input, output)
                && Plaintexts(input).SequenceEqual(Plaintexts(output))
                && (n == 1 || !input.Zip(output).All(p => p.First.SequenceEqual(p.Second))); // re-encrypted: no tuple is the same bytes
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void EveryWayOfCheatingFails()
    {
        var input = Ballots(6, 2);
        var (output, proof) = ShuffleProof.Run(Context, Key, input);
        Assert.True(proof.Verifies(Context, Key, input, output));
        var forged = Ballots(1, 2)[0];
        var outputs = new List<IReadOnlyList<Ciphertext[]>>
        {
            Replace(output, 3, forged),                                   // a ballot replaced
            Replace(output, 3, input[0]),                                 // an input copied twice (another dropped)
            output.Take(5).ToList(),                                      // one dropped
            output.Append(forged).ToList(),                               // one added
            Replace(output, 2, [output[2][0], output[4][1]]),            // parts of two tuples mixed
            Replace(output, 1, [output[1][0] with { Beta = output[1][0].Beta + Point.Generator }, output[1][1]]), // a plaintext shifted
            Replace(output, 0, [output[0][0] with { Alpha = output[0][0].Alpha + Point.Generator }, output[0][1]]),
        };
        foreach (var o in outputs) Assert.False(proof.Verifies(Context, Key, input, o));
        Assert.False(proof.Verifies("another context"u8, Key, input, output));
        Assert.False(proof.Verifies(Context, Point.MultiplyBase(Scalar.FromUInt64(9)), input, output));
        Assert.False(proof.Verifies(Context, Key, Replace(input, 0, forged), output)); // another input
        var one = Scalar.One;
        var tampered = new[]
        {
            proof with { Challenge = proof.Challenge + one },
            proof with { S1 = proof.S1 + one },
            proof with { S2 = proof.S2 + one },
            proof with { S3 = proof.S3 + one },
            proof with { S4 = [proof.S4[0], proof.S4[1] + one] },
            proof with { SHat = [.. proof.SHat.Select((s, i) => i == 4 ? s + one : s)] },
            proof with { SPrime = [.. proof.SPrime.Select((s, i) => i == 2 ? s + one : s)] },
            proof with { PermutationCommitments = [.. proof.PermutationCommitments.Select((p, i) => i == 1 ? p + Point.Generator : p)] },
            proof with { ChainCommitments = [.. proof.ChainCommitments.Select((p, i) => i == 5 ? p + Point.Generator : p)] },
            proof with { PermutationCommitments = [.. proof.PermutationCommitments.Reverse()] },
            proof with { S4 = [proof.S4[0]] },
            proof with { SPrime = [.. proof.SPrime.Take(5)] },
            proof with { S4 = null! },
        };
        foreach (var t in tampered) Assert.False(t.Verifies(Context, Key, input, output));
        // A hostile record's nulls are a refusal, not a crash.
        Assert.False(proof.Verifies(Context, Key, input, Replace(output, 3, null!)));
        Assert.False(proof.Verifies(Context, Key, Replace(input, 3, null!), output));
    }

    /// <summary>A mixer that knows no permutation cannot make the proof: the proof of one shuffle does not verify another's output, even of the same inputs.</summary>
    [Fact]
    public void AProofIsForItsOwnOutputOnly()
    {
        var input = Ballots(5, 1);
        var (output1, proof1) = ShuffleProof.Run(Context, Key, input);
        var (output2, _) = ShuffleProof.Run(Context, Key, input);
        Assert.False(proof1.Verifies(Context, Key, input, output2));
        Assert.True(proof1.Verifies(Context, Key, input, output1));
        // The identity permutation, proven, verifies too: a shuffle proof says a permutation exists, not which.
        var r = Enumerable.Range(0, 5).Select(_ => new[] { Scalar.Random() }).ToArray();
        var (same, proof) = ShuffleProof.Prove(Context, Key, input, [0, 1, 2, 3, 4], r);
        Assert.True(proof.Verifies(Context, Key, input, same));
        Assert.Throws<ArgumentException>(() => ShuffleProof.Prove(Context, Key, input, [0, 0, 2, 3, 4], r));
    }

    private static List<Ciphertext[]> Replace(IReadOnlyList<Ciphertext[]> list, int at, Ciphertext[] with) => [.. list.Select((t, i) => i == at ? with : t)];

    [Fact]
    public void ThePublishedShuffleVerifies()
    {
        var v = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestPaths.Repo("docs", "spec", "vectors", "sealed-vectors.json"))).RootElement;
        var sh = v.GetProperty("shuffle");
        Point Pt(System.Text.Json.JsonElement e) => Point.Decode(Convert.FromHexString(e.GetString()!), "a vector point", allowIdentity: true);
        Scalar S(System.Text.Json.JsonElement e) => Scalar.Decode(Convert.FromHexString(e.GetString()!), "a vector scalar");
        List<Ciphertext[]> Tuples(string name) => [.. sh.GetProperty(name).EnumerateArray().Select(t => t.EnumerateArray().Select(c => new Ciphertext(Pt(c.GetProperty("alpha_hex")), Pt(c.GetProperty("beta_hex")))).ToArray())];
        var proof = new ShuffleProof([.. sh.GetProperty("permutation_commitments_hex").EnumerateArray().Select(Pt)], [.. sh.GetProperty("chain_commitments_hex").EnumerateArray().Select(Pt)],
            S(sh.GetProperty("challenge_hex")), S(sh.GetProperty("s1_hex")), S(sh.GetProperty("s2_hex")), S(sh.GetProperty("s3_hex")),
            [.. sh.GetProperty("s4_hex").EnumerateArray().Select(S)], [.. sh.GetProperty("s_hat_hex").EnumerateArray().Select(S)], [.. sh.GetProperty("s_prime_hex").EnumerateArray().Select(S)]);
        var key = Pt(v.GetProperty("election_key_hex"));
        var context = Convert.FromHexString(sh.GetProperty("context_hex").GetString()!);
        Assert.True(proof.Verifies(context, key, Tuples("input"), Tuples("output")));
        Assert.False(proof.Verifies(context, key, Tuples("output"), Tuples("input")));
    }
}
