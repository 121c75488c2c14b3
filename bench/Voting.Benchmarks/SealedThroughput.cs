using System.Diagnostics;
using Voting.Core.Group;
using Voting.Core.Sealed;

namespace Voting.Benchmarks;

/// <summary>
/// The sealed-ballot cryptography on one core (docs/spec/sealed.md §1–§2; docs/benchmarks.md): per one-part contest,
/// encode + encrypt + prove, and verify the proof; and the group operations they are made of. Against SEALED.md's
/// measurements of the same libsodium in C (encrypt + proof 149 µs, verify 105 µs; variable-base mult 16–20k/s).
/// </summary>
internal static class SealedThroughput
{
    public static int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5000;
        var key = Point.MultiplyBase(Scalar.Random());
        var credential = Voting.Core.Crypto.Ed25519.PublicKeyFromSeed(new byte[32]);
        var context = new KnowledgeProof.Context("bench-2026", key, credential, 0, 0);
        Measure("warm-up", 200, _ => Seal(key, context));
        var sealedOnes = new (Ciphertext, KnowledgeProof)[n];
        double seal = Measure("encode + encrypt + prove", n, i => sealedOnes[i] = Seal(key, context));
        double verify = Measure("verify the proof", n, i => { if (!sealedOnes[i].Item2.Verifies(context, sealedOnes[i].Item1)) throw new InvalidOperationException("a proof failed"); });
        var s = Scalar.Random();
        var sink = new Point[1];
        Measure("variable-base mult", n, _ => sink[0] = s * key);
        Measure("base mult", n, _ => sink[0] = Point.MultiplyBase(s));
        Console.WriteLine($"per ballot of one one-part contest: seal {seal:0} µs, verify {verify:0} µs (one core)");
        // One mixer's shuffle of m one-part ballots and its check (sealed.md §5), per ballot.
        int m = Math.Min(n, 2000);
        var input = sealedOnes.Take(m).Select(x => new[] { x.Item1 }).ToList();
        var sw = Stopwatch.StartNew();
        var (output, proof) = ShuffleProof.Run("bench"u8, key, input);
        double mix = sw.Elapsed.TotalMicroseconds / m;
        sw.Restart();
        if (!proof.Verifies("bench"u8, key, input, output)) throw new InvalidOperationException("the shuffle did not verify");
        double check = sw.Elapsed.TotalMicroseconds / m;
        Console.WriteLine($"shuffle of {m} ballots: mix + prove {mix:0} µs, verify {check:0} µs per ballot (one core)");
        return 0;
    }

    private static (Ciphertext, KnowledgeProof) Seal(Point key, KnowledgeProof.Context context)
    {
        var m = ContestEncoding.Encode([3, 1, 4, 0, 2], 10)[0];
        var (ct, r) = Ciphertext.Encrypt(m, key);
        return (ct, KnowledgeProof.Prove(context, ct, r));
    }

    private static double Measure(string what, int n, Action<int> step)
    {
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < n; i++) step(i);
        double us = sw.Elapsed.TotalMicroseconds / n;
        Console.WriteLine($"{what,-28} {n,7} × {us,8:0.0} µs = {n / sw.Elapsed.TotalSeconds,9:N0}/s");
        return us;
    }
}
