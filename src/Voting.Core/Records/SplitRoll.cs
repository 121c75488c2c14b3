using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace Voting.Core.Records;

/// <summary>
/// The split and styled roll (log.md §7.2, §7.3): which format an election's roll takes, its digest, its chunks and the
/// independent issuer's codes. A definition naming neither an issuer nor ballot styles keeps the plain roll of §7.
/// </summary>
public static class SplitRoll
{
    /// <summary>Entries per RollChunk of a styled roll: 512 × at most 75 bytes stays well inside the record limit.</summary>
    public const int ChunkEntries = 512;

    /// <summary>True when the roll's entries are RollEntry messages (styled_entries), false for the plain 32-byte keys.</summary>
    public static bool IsStyled(ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return HasIssuer(d) || d.BallotStyles.Count > 0;
    }

    /// <summary>An independent issuer holds the second half of every entry (log.md §7.2).</summary>
    public static bool HasIssuer(ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return !d.IssuerKey.IsEmpty;
    }

    /// <summary>How many ballot styles the entries choose from: the definition's, or the one implicit style of every contest.</summary>
    public static int StyleCount(ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return Math.Max(1, d.BallotStyles.Count);
    }

    /// <summary>
    /// roll_digest of a styled roll = SHA-256("voting/v1/roll-entries\n" || for each entry: key || issuer_key ||
    /// uint32_be(style)). Every key is 32 bytes and issuer_key is 32 bytes in every entry or in none (the rules
    /// check it), so the concatenation has one reading.
    /// </summary>
    public static byte[] Digest(IEnumerable<RollEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(Encoding.ASCII.GetBytes(Labels.StyledRollDigest));
        Span<byte> style = stackalloc byte[4];
        foreach (var e in entries)
        {
            h.AppendData(e.Key.Span);
            h.AppendData(e.IssuerKey.Span);
            BinaryPrimitives.WriteUInt32BigEndian(style, e.Style);
            h.AppendData(style);
        }
        return h.GetHashAndReset();
    }

    /// <summary>The styled roll's entries as RollChunk bodies of at most ChunkEntries entries, numbered from 0.</summary>
    public static List<RollChunk> Chunks(string electionId, IReadOnlyList<RollEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var chunks = new List<RollChunk>();
        for (int start = 0; start < entries.Count; start += ChunkEntries)
        {
            var chunk = new RollChunk { ElectionId = electionId, ChunkIndex = (uint)chunks.Count };
            for (int i = start; i < Math.Min(entries.Count, start + ChunkEntries); i++) chunk.StyledEntries.Add(entries[i]);
            chunks.Add(chunk);
        }
        return chunks;
    }

    /// <summary>The RollCommitment (unsigned) sealing a styled roll.</summary>
    public static RollCommitment Seal(string electionId, IReadOnlyList<RollEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new RollCommitment
        {
            ElectionId = electionId,
            EntryCount = (ulong)entries.Count,
            ChunkCount = (uint)((entries.Count + ChunkEntries - 1) / ChunkEntries),
            RollDigest = ByteString.CopyFrom(Digest(entries)),
        };
    }

    /// <summary>
    /// The independent issuer's code names an Ed25519 key as the office's does (log.md §7), under its own salt:
    /// seed = HKDF-SHA256(ikm = normalised code, salt = "voting/v1/issuer-code\n", info = election id, 32 bytes), so a
    /// code typed into the other half's place names no key of the roll.
    /// </summary>
    public static byte[] IssuerSeed(string electionId, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalised = RollMath.NormaliseCode(code);
        if (normalised.Length == 0) throw new VotingFormatException("issuer code is empty");
        return NSec.Cryptography.KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(Encoding.UTF8.GetBytes(normalised),
            Encoding.ASCII.GetBytes(Labels.IssuerCode), Encoding.UTF8.GetBytes(electionId), 32);
    }

    /// <summary>A new issuer code: "I-" and 100 random bits (log.md §7.2). It names no roll index: the office's code does.</summary>
    public static string NewIssuerCode() => "I-" + RollMath.RandomCodeGroups();

    /// <summary>Whether text has an issuer code's form (I-XXXXX-XXXXX-XXXXX-XXXXX, spaces and case aside).</summary>
    public static bool IsIssuerCode(string text)
    {
        var n = RollMath.NormaliseCode(text ?? "");
        return n.Length == 21 && n[0] == 'I' && RollMath.IsCodeGroups(n[1..]);
    }

    /// <summary>roll_audit_commitment = SHA-256("voting/v1/roll-audit-seed\n" || seed) (log.md §7.4).</summary>
    public static byte[] AuditSeedCommitment(ReadOnlySpan<byte> seed) => SHA256.HashData(Labels.Prefix(Labels.RollAuditSeed, seed));

    /// <summary>
    /// The roll audit's sample (log.md §7.4): min(size, entries) distinct roll indexes drawn from the seed and the roll
    /// digest. Candidate k is the first 8 bytes, big-endian, of SHA-256("voting/v1/roll-audit-sample\n" || seed ||
    /// roll_digest || uint32_be(k)); values at or above the largest multiple of `entries` below 2^64 are skipped (no
    /// bias), the rest taken modulo `entries`, repeats skipped, in the order drawn.
    /// </summary>
    public static List<ulong> AuditSample(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> rollDigest, ulong entries, uint size)
    {
        var sample = new List<ulong>();
        if (entries == 0) return sample;
        ulong want = Math.Min(entries, size);
        ulong limit = ulong.MaxValue - (ulong.MaxValue % entries + 1) % entries; // values ≤ limit are unbiased mod entries
        var seen = new HashSet<ulong>();
        var label = Encoding.ASCII.GetBytes(Labels.RollAuditSample);
        var input = new byte[label.Length + seed.Length + rollDigest.Length + 4];
        label.CopyTo(input, 0);
        seed.CopyTo(input.AsSpan(label.Length));
        rollDigest.CopyTo(input.AsSpan(label.Length + seed.Length));
        Span<byte> hash = stackalloc byte[32];
        for (uint k = 0; (ulong)sample.Count < want; k++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(input.Length - 4), k);
            SHA256.HashData(input, hash);
            ulong v = BinaryPrimitives.ReadUInt64BigEndian(hash);
            if (v > limit) continue;
            if (seen.Add(v % entries)) sample.Add(v % entries);
        }
        return sample;
    }
}
