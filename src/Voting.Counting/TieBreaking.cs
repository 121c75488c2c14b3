using System.Buffers.Binary;
using System.Security.Cryptography;
using Voting.Core.Records;
using Voting.Counting.Results;

namespace Voting.Counting;

/// <summary>
/// Ties by lot (counting.md §7): a deterministic generator seeded from values committed in the log before Open
/// (LotSeeds.LotSeed: the organisers' tie-break seed and every lot contribution), so every recount draws the same
/// lots and nobody can steer them once the ballots are fixed.
///   key(d, c) = SHA-256(lot_seed || uint32_be(d) || uint32_be(c))   for draw d = 0, 1, …, candidate c (0-based)
/// Draw d chooses, among the tied candidates, the one with the smallest key (bytewise).
/// Draws are numbered across the whole election (one sequence, so no two contests reuse a key); each contest's
/// count takes its own <see cref="Scope"/>, so its result lists only the lots drawn for it (counting.md §7).
/// </summary>
public sealed class Lots
{
    private readonly byte[] _seed;
    private readonly DrawNumbers _numbers;
    private readonly List<LotDraw> _draws = [];

    /// <summary>The election-wide draw counter that every scope of one generator shares.</summary>
    private sealed class DrawNumbers { public int Next; }

    private Lots(byte[] seed, DrawNumbers numbers)
    {
        _seed = seed;
        _numbers = numbers;
    }

    /// <param name="lotSeed">The 32-byte lot_seed of counting.md §7 (LotSeeds.LotSeed).</param>
    public Lots(ReadOnlySpan<byte> lotSeed)
    {
        if (lotSeed.Length != LotSeeds.SeedBytes) throw new ArgumentException($"the lot seed is {lotSeed.Length} bytes, not {LotSeeds.SeedBytes}", nameof(lotSeed));
        _numbers = new DrawNumbers();
        _seed = lotSeed.ToArray();
    }

    /// <summary>A generator for counts outside a log (BLT files): the tie-break seed is 32 zero bytes unless given, with no contributions.</summary>
    public static Lots ForStandalone(byte[]? seed = null) => new(LotSeeds.LotSeed(seed ?? new byte[32], []));

    /// <summary>
    /// A generator that continues this one's draw numbers but records its own draws: for one contest's count (or one
    /// top-up rule's), whose result must list its own lots and no other contest's.
    /// </summary>
    public Lots Scope() => new(_seed, _numbers);

    /// <summary>The draws made through this generator so far, as a copy (a result keeps it; later draws do not change it).</summary>
    public IReadOnlyList<LotDraw> Draws => [.. _draws];

    public int Choose(IReadOnlyList<int> tied, string purpose)
    {
        ArgumentNullException.ThrowIfNull(tied);
        if (tied.Count == 0) throw new ArgumentException("nothing to choose from", nameof(tied));
        int d = _numbers.Next++;
        int best = -1;
        byte[]? bestKey = null;
        Span<byte> input = stackalloc byte[40];
        _seed.CopyTo(input);
        BinaryPrimitives.WriteUInt32BigEndian(input[32..], (uint)d);
        foreach (var c in tied.Order())
        {
            BinaryPrimitives.WriteUInt32BigEndian(input[36..], (uint)c);
            var key = SHA256.HashData(input);
            if (bestKey is null || key.AsSpan().SequenceCompareTo(bestKey) < 0) { best = c; bestKey = key; }
        }
        _draws.Add(new LotDraw(d, purpose, [.. tied.Order()], best));
        return best;
    }
}
