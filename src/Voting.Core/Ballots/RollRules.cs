using System.Security.Cryptography;
using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Voting.Core.Ballots;

/// <summary>
/// The roll's rules (log.md §7; audit checks roll.distinct and roll.committed-before-open), pure: the server calls
/// them before it appends a roll, the scrutineer's walk on every roll record, with the same messages.
/// </summary>
public static class RollRules
{
    public const string Distinct = "roll.distinct";
    public const string Committed = "roll.committed-before-open";

    /// <summary>Entry `index` must be a 32-byte key that no earlier entry holds (`earlier`: the index of one that does).</summary>
    public static RuleViolation? EntryProblem(int index, ReadOnlySpan<byte> entry, int? earlier)
    {
        if (entry.Length != Ed25519.PublicKeySize) return new(Distinct, $"roll entry {index} is {entry.Length} bytes, not a 32-byte public key");
        if (earlier is { } e) return new(Distinct, $"roll entry {index} repeats entry {e}");
        return null;
    }

    /// <summary>How many RollChunk records a roll of `entries` takes (at most ChunkEntries each).</summary>
    public static uint ChunkCount(long entries) => (uint)((entries + RollMath.ChunkEntries - 1) / RollMath.ChunkEntries);

    /// <summary>The chunk that should come next: chunks are numbered from 0, all before the commitment.</summary>
    public static RuleViolation? ChunkProblem(uint chunkIndex, uint expected, bool committed) =>
        committed ? new(Committed, "a roll chunk after the commitment")
        : chunkIndex != expected ? new(Committed, $"roll chunk {chunkIndex} where chunk {expected} was due")
        : null;

    /// <summary>A commitment comes once, before Open.</summary>
    public static RuleViolation? CommitmentPhaseProblem(bool committed, bool opened) =>
        committed ? new(Committed, "a second roll commitment")
        : opened ? new(Committed, "the roll was committed after Open")
        : null;

    /// <summary>
    /// A whole roll offered with its commitment (a CommitRoll request, or an organiser's act file a co-signer checks):
    /// every entry a distinct 32-byte key, and the commitment sealing exactly these entries. The first problem, or null.
    /// </summary>
    public static RuleViolation? OfferedRollProblem(IReadOnlyList<Google.Protobuf.ByteString> entries, RollCommitment commitment)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(commitment);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            int? earlier = entry.Length == Ed25519.PublicKeySize && seen.TryGetValue(entry.ToBase64(), out var j) ? j : null;
            if (EntryProblem(i, entry.Span, earlier) is { } bad) return bad;
            seen.Add(entry.ToBase64(), i);
        }
        var digest = RollMath.Digest(entries.Select(e => e.Memory));
        return CommitmentProblem(commitment, entries.Count, ChunkCount(entries.Count), digest);
    }

    /// <summary>The commitment must count the published entries and chunks and seal their digest (RollMath.Digest).</summary>
    public static RuleViolation? CommitmentProblem(RollCommitment c, long entries, uint chunks, ReadOnlySpan<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (entries == 0) return new(Committed, "the roll is empty");
        if (c.EntryCount != (ulong)entries || c.ChunkCount != chunks)
            return new(Committed, $"the commitment says {c.EntryCount} entries in {c.ChunkCount} chunks; the roll has {entries} in {chunks}");
        if (!CryptographicOperations.FixedTimeEquals(digest, c.RollDigest.Span)) return new(Committed, "roll_digest does not match the published entries");
        return null;
    }
}
