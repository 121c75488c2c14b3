using System.Globalization;
using System.Security.Cryptography;
using Voting.Client.Api;
using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Voting.Client.Organiser;

/// <summary>
/// One-time enrollment codes (log.md §7): "N-XXXXX-XXXXX-XXXXX-XXXXX", where N is the member's roll entry and the
/// 20 Crockford base-32 characters carry 100 random bits. The whole code (N included) names the entry's key through
/// HKDF (RollMath.EnrollmentSeed); the server and the log only ever see the public key.
/// </summary>
public static class EnrollmentCodes
{
    public const int RandomBits = 100;

    public static string New(int rollIndex)
    {
        return $"{rollIndex.ToString(CultureInfo.InvariantCulture)}-{RollMath.RandomCodeGroups()}";
    }

    /// <summary>The roll entry a code is for, and the entry's Ed25519 seed.</summary>
    public static (ulong RollIndex, byte[] Seed) Open(string electionId, string code)
    {
        var trimmed = (code ?? "").Trim();
        int dash = trimmed.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !ulong.TryParse(trimmed[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !RollMath.IsCodeGroups(trimmed[(dash + 1)..]))
            throw new ClientException($"\"{code}\" is not an enrollment code", "a code looks like 17-ABCDE-FGHJK-MNPQR-STVWX, as printed in your letter");
        return (index, RollMath.EnrollmentSeed(electionId, trimmed));
    }

    public static byte[] PublicKey(string electionId, string code) => Ed25519.PublicKeyFromSeed(Open(electionId, code).Seed);

    /// <summary>
    /// Codes for n members, in the members' order, on roll entries in a uniformly random order: the roll is public and
    /// each enrollment names its entry, so entry i must not be the members file's row i — whoever holds the member list
    /// would read off who enrolled (and, with ballots in clear, how they voted). Only the codes file keeps the mapping.
    /// </summary>
    public static List<string> Issue(int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        RandomNumberGenerator.Shuffle(order.AsSpan());
        return [.. order.Select(New)];
    }

    /// <summary>
    /// The roll entries for issued codes, each at the roll index its code names; codes that do not name every index
    /// from 0 to n−1 exactly once (a hand-edited codes file) are refused, since the roll would not be theirs.
    /// </summary>
    public static byte[][] RollEntries(string electionId, IReadOnlyList<string> codes, string codesFile)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var entries = new byte[codes.Count][];
        var opened = new (ulong Index, byte[] Seed)[codes.Count];
        Parallel.For(0, codes.Count, i => opened[i] = Open(electionId, codes[i]));
        for (int i = 0; i < codes.Count; i++)
        {
            var (index, _) = opened[i];
            if (index >= (ulong)codes.Count || entries[index] is not null)
                throw new ClientException($"{codesFile}: code {i + 1} names roll entry {index}, {(index >= (ulong)codes.Count ? $"beyond the {codes.Count} entries" : "which another code names too")}", "the codes file is written by roll import; restore it from your backup");
            entries[index] = [];
        }
        Parallel.For(0, codes.Count, i => entries[opened[i].Index] = Ed25519.PublicKeyFromSeed(opened[i].Seed));
        return entries;
    }
}
