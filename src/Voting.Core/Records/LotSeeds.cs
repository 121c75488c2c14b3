using System.Security.Cryptography;

namespace Voting.Core.Records;

/// <summary>
/// The seed of every lot an election draws (counting.md §7, log.md §7.1): the organisers' tie-break seed and each
/// lot contributor's seed, every one committed in the definition before Open, and nothing the server chooses.
/// </summary>
public static class LotSeeds
{
    public const int SeedBytes = 32;

    /// <summary>lot_contribution_commitment = SHA-256("voting/v1/lot-contribution\n" || seed).</summary>
    public static byte[] Commitment(ReadOnlySpan<byte> seed) =>
        SHA256.HashData(Labels.Prefix(Labels.LotContribution, seed));

    /// <summary>
    /// lot_seed = SHA-256("voting/v1/lot\n" || tie_break_seed || contribution_0 || … || contribution_{k−1}), in the
    /// definition's order of contributors. Every part is 32 bytes, so no two lists of parts give the same input.
    /// </summary>
    public static byte[] LotSeed(ReadOnlySpan<byte> tieBreakSeed, IReadOnlyList<byte[]> contributions)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        if (tieBreakSeed.Length != SeedBytes) throw new ArgumentException($"the tie-break seed is {tieBreakSeed.Length} bytes, not {SeedBytes}", nameof(tieBreakSeed));
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(System.Text.Encoding.ASCII.GetBytes(Labels.Lot));
        h.AppendData(tieBreakSeed);
        foreach (var c in contributions)
        {
            if (c is null || c.Length != SeedBytes) throw new ArgumentException($"a lot contribution is {c?.Length ?? 0} bytes, not {SeedBytes}", nameof(contributions));
            h.AppendData(c);
        }
        return h.GetHashAndReset();
    }
}
