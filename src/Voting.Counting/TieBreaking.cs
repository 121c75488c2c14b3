using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Voting.Counting.Results;

namespace Voting.Counting;

/// <summary>
/// Ties by lot (counting.md §7): a deterministic generator seeded from values fixed in the log
/// before the count, so every recount draws the same lots.
///   lot_seed = SHA-256("voting/v1/lot\n" || tie_break_seed || close checkpoint text)
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

    public Lots(ReadOnlySpan<byte> tieBreakSeed, string closeCheckpointText)
    {
        _numbers = new DrawNumbers();
        ArgumentNullException.ThrowIfNull(closeCheckpointText);
        var label = Encoding.ASCII.GetBytes("voting/v1/lot\n");
        var cp = Encoding.UTF8.GetBytes(closeCheckpointText);
        var buffer = new byte[label.Length + tieBreakSeed.Length + cp.Length];
        label.CopyTo(buffer, 0);
        tieBreakSeed.CopyTo(buffer.AsSpan(label.Length));
        cp.CopyTo(buffer, label.Length + tieBreakSeed.Length);
        _seed = SHA256.HashData(buffer);
    }

    /// <summary>A generator for counts outside a log (BLT files): the seed is 32 zero bytes and an empty checkpoint unless given.</summary>
    public static Lots ForStandalone(byte[]? seed = null) => new(seed ?? new byte[32], "");

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
