using System.Security.Cryptography;
using System.Text;

namespace Voting.Core.Records;

/// <summary>The roll digest, enrollment-code keys and the tie-break seed commitment (log.md §7, §9).</summary>
public static class RollMath
{
    /// <summary>Entries per RollChunk: 1024 × 34 bytes stays well inside the 65,535-byte record limit.</summary>
    public const int ChunkEntries = 1024;

    /// <summary>roll_digest = SHA-256("voting/v1/roll\n" || entry_0 || entry_1 || ...).</summary>
    public static byte[] Digest(IEnumerable<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(Encoding.ASCII.GetBytes(Labels.RollDigest));
        foreach (var e in entries) h.AppendData(e.Span);
        return h.GetHashAndReset();
    }

    /// <summary>The roll's entries as RollChunk bodies of at most ChunkEntries entries, numbered from 0 (log.md §7).</summary>
    public static List<RollChunk> Chunks(string electionId, IReadOnlyList<Google.Protobuf.ByteString> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var chunks = new List<RollChunk>();
        for (int start = 0; start < entries.Count; start += ChunkEntries)
        {
            var chunk = new RollChunk { ElectionId = electionId, ChunkIndex = (uint)chunks.Count };
            for (int i = start; i < Math.Min(entries.Count, start + ChunkEntries); i++) chunk.Entries.Add(entries[i]);
            chunks.Add(chunk);
        }
        return chunks;
    }

    /// <summary>
    /// The roll as the log holds it (log.md §7): RollChunk bodies of at most ChunkEntries entries, in order, and the
    /// RollCommitment (unsigned) that seals them.
    /// </summary>
    public static (List<RollChunk> Chunks, RollCommitment Commitment) Seal(string electionId, IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var chunks = Chunks(electionId, [.. entries.Select(Google.Protobuf.ByteString.CopyFrom)]);
        var commitment = new RollCommitment
        {
            ElectionId = electionId,
            EntryCount = (ulong)entries.Count,
            ChunkCount = (uint)chunks.Count,
            RollDigest = Google.Protobuf.ByteString.CopyFrom(Digest(entries.Select(e => (ReadOnlyMemory<byte>)e))),
        };
        return (chunks, commitment);
    }

    /// <summary>seed_commitment = SHA-256("voting/v1/tie-break-seed\n" || seed).</summary>
    public static byte[] SeedCommitment(ReadOnlySpan<byte> seed) =>
        SHA256.HashData(Labels.Prefix(Labels.TieBreakSeed, seed));

    /// <summary>
    /// An enrollment code names an Ed25519 key: seed = HKDF-SHA256(ikm = normalised code,
    /// salt = "voting/v1/enrollment-code\n", info = election id, 32 bytes). The roll holds
    /// the public key, so the code itself never reaches the log or the server.
    /// </summary>
    public static byte[] EnrollmentSeed(string electionId, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalised = NormaliseCode(code);
        if (normalised.Length == 0) throw new VotingFormatException("enrollment code is empty");
        return NSec.Cryptography.KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(Encoding.UTF8.GetBytes(normalised),
            Encoding.ASCII.GetBytes(Labels.EnrollmentCode), Encoding.UTF8.GetBytes(electionId), 32);
    }

    /// <summary>The 32 characters of codes (Crockford's base32: no I, L, O, U), 5 bits each.</summary>
    public const string CodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>20 random characters of CodeAlphabet (100 bits) in four groups of five, from a CSPRNG.</summary>
    public static string RandomCodeGroups()
    {
        var chars = new char[20];
        for (int i = 0; i < chars.Length; i++) chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(32)];
        var s = new string(chars);
        return $"{s[..5]}-{s[5..10]}-{s[10..15]}-{s[15..]}";
    }

    /// <summary>True when the text, normalised, is exactly 20 characters of CodeAlphabet.</summary>
    public static bool IsCodeGroups(string text)
    {
        var n = NormaliseCode(text ?? "");
        return n.Length == 20 && n.All(c => CodeAlphabet.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>Upper case, without spaces or dashes: how people retype codes from a letter.</summary>
    public static string NormaliseCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var sb = new StringBuilder(code.Length);
        foreach (char c in code)
            if (c != '-' && !char.IsWhiteSpace(c)) sb.Append(char.ToUpperInvariant(c));
        return sb.ToString();
    }
}
