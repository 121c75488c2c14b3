using System.Security.Cryptography;

namespace Voting.Core.Records;

/// <summary>
/// The seed of every lot an election draws (counting.md §7, log.md §7.1): the organisers' tie-break seed and each
/// lot contributor's seed, every one committed in the definition before Open, and nothing the server chooses.
/// </summary>
public static class LotSeeds
{
    public const int SeedBytes = 32;

    /// <summary>
    /// lot_contribution_commitment = SHA-256("voting/v1/lot-contribution\n" || uint8(len(election_id)) || election_id || seed).
    /// Bound to the election, so organisers cannot reuse a commitment whose seed an earlier election revealed.
    /// </summary>
    public static byte[] Commitment(string electionId, ReadOnlySpan<byte> seed)
    {
        ArgumentNullException.ThrowIfNull(electionId);
        var id = System.Text.Encoding.UTF8.GetBytes(electionId);
        if (id.Length > 255) throw new ArgumentException("an election id is at most 64 characters", nameof(electionId));
        var body = new byte[1 + id.Length + seed.Length];
        body[0] = (byte)id.Length;
        id.CopyTo(body, 1);
        seed.CopyTo(body.AsSpan(1 + id.Length));
        return SHA256.HashData(Labels.Prefix(Labels.LotContribution, body));
    }

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
