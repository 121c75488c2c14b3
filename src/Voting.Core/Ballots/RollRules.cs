using System.Security.Cryptography;
using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Voting.Core.Ballots;

/// <summary>
/// The roll's rules (log.md §7, §7.2; audit checks roll.distinct and roll.committed-before-open), pure: the server calls
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

    /// <summary>
    /// Entry `index` of a styled roll (log.md §7.2, §7.3): a 32-byte key; a 32-byte issuer half exactly when the
    /// definition names an issuer; a style the definition has; and no 32-byte value — office half or issuer half — that
    /// any earlier entry holds in either place (`earlierKey`, `earlierIssuer`: the index of one that does), nor the same
    /// value in both halves, so no code's key serves two entries or both halves of one.
    /// </summary>
    public static RuleViolation? StyledEntryProblem(int index, RollEntry entry, ElectionDefinition d, int? earlierKey, int? earlierIssuer)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(d);
        if (entry.Key.Length != Ed25519.PublicKeySize) return new(Distinct, $"roll entry {index}: key is {entry.Key.Length} bytes, not a 32-byte public key");
        bool issuer = SplitRoll.HasIssuer(d);
        if (issuer && entry.IssuerKey.Length != Ed25519.PublicKeySize) return new(Distinct, $"roll entry {index}: issuer half is {entry.IssuerKey.Length} bytes; this election's independent issuer gives every entry a 32-byte key");
        if (!issuer && !entry.IssuerKey.IsEmpty) return new(Distinct, $"roll entry {index} has an issuer half, but the definition names no independent issuer");
        if (entry.Style >= SplitRoll.StyleCount(d)) return new(Distinct, $"roll entry {index}: style {entry.Style} is not one of the definition's {SplitRoll.StyleCount(d)} ballot styles");
        if (earlierKey is { } k) return new(Distinct, $"roll entry {index} repeats a key of entry {k}");
        if (earlierIssuer is { } j) return new(Distinct, $"roll entry {index} repeats a key of entry {j}");
        if (issuer && entry.Key.Span.SequenceEqual(entry.IssuerKey.Span)) return new(Distinct, $"roll entry {index} has the same key in both halves");
        return null;
    }

    /// <summary>A chunk holds entries in the form the definition calls for: plain keys, or RollEntry messages (log.md §7.2).</summary>
    public static RuleViolation? ChunkFormProblem(RollChunk chunk, ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(d);
        bool styled = SplitRoll.IsStyled(d);
        if (styled && chunk.Entries.Count > 0) return new(Distinct, $"roll chunk {chunk.ChunkIndex} holds plain keys; this election's roll entries carry an issuer half or a ballot style");
        if (!styled && chunk.StyledEntries.Count > 0) return new(Distinct, $"roll chunk {chunk.ChunkIndex} holds styled entries; this election has no independent issuer and no ballot styles");
        int count = styled ? chunk.StyledEntries.Count : chunk.Entries.Count, most = ChunkSize(d);
        return count > most ? new(Distinct, $"roll chunk {chunk.ChunkIndex} holds {count} entries; at most {most}") : null;
    }

    /// <summary>Entries per chunk for this definition's roll format.</summary>
    public static int ChunkSize(ElectionDefinition d) => SplitRoll.IsStyled(d) ? SplitRoll.ChunkEntries : RollMath.ChunkEntries;

    /// <summary>How many RollChunk records a plain roll of `entries` takes (at most ChunkEntries each).</summary>
    public static uint ChunkCount(long entries) => ChunkCount(entries, RollMath.ChunkEntries);

    /// <summary>How many RollChunk records a roll of `entries` takes under this definition's format.</summary>
    public static uint ChunkCount(long entries, ElectionDefinition d) => ChunkCount(entries, ChunkSize(d));

    private static uint ChunkCount(long entries, int perChunk) => (uint)((entries + perChunk - 1) / perChunk);

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

    /// <summary>
    /// A roll offered with its commitment in the form the definition calls for (log.md §7.2): plain keys, or entries
    /// with an issuer half or a style — a CommitRoll request on the server, an act file a co-signer checks.
    /// </summary>
    public static RuleViolation? OfferedProblem(IReadOnlyList<Google.Protobuf.ByteString> entries, IReadOnlyList<RollEntry> styledEntries, RollCommitment commitment, ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(styledEntries);
        bool styled = SplitRoll.IsStyled(d);
        if (styled && entries.Count > 0) return new(Distinct, "this election's roll entries carry an issuer half or a ballot style: send them as styled_entries, not entries");
        if (!styled && styledEntries.Count > 0) return new(Distinct, "this election has no independent issuer and no ballot styles: send the roll as entries, not styled_entries");
        return styled ? OfferedStyledRollProblem(styledEntries, commitment, d) : OfferedRollProblem(entries, commitment);
    }

    /// <summary>
    /// A whole styled roll offered with its commitment (log.md §7.2): every entry well formed and distinct in both
    /// halves (StyledEntryProblem), and the commitment sealing exactly these entries. The first problem, or null.
    /// </summary>
    public static RuleViolation? OfferedStyledRollProblem(IReadOnlyList<RollEntry> entries, RollCommitment commitment, ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(commitment);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            int? k = e.Key.Length == Ed25519.PublicKeySize && seen.TryGetValue(e.Key.ToBase64(), out var a) ? a : null;
            int? j = e.IssuerKey.Length == Ed25519.PublicKeySize && seen.TryGetValue(e.IssuerKey.ToBase64(), out var b) ? b : null;
            if (StyledEntryProblem(i, e, d, k, j) is { } bad) return bad;
            seen.Add(e.Key.ToBase64(), i);
            if (!e.IssuerKey.IsEmpty) seen.Add(e.IssuerKey.ToBase64(), i);
        }
        return CommitmentProblem(commitment, entries.Count, ChunkCount(entries.Count, d), SplitRoll.Digest(entries));
    }

    /// <summary>Entries per ballot style, in the definition's order (what the issuer attests, log.md §7.2).</summary>
    public static ulong[] StyleCounts(IEnumerable<RollEntry> entries, ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var counts = new ulong[SplitRoll.StyleCount(d)];
        foreach (var e in entries) if (e.Style < counts.Length) counts[e.Style]++;
        return counts;
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
