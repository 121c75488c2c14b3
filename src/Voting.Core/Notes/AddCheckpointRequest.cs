using System.Globalization;
using System.Text;
using Voting.Core.Merkle;

namespace Voting.Core.Notes;

/// <summary>
/// The body of a C2SP tlog-witness add-checkpoint request (log.md §8.8): "old N", the consistency proof from size N
/// to the checkpoint's size (one base64 hash per line), an empty line, then the signed checkpoint. The ballot
/// server's witness quorum formats it; the scrutineer's witness parses it.
/// </summary>
public sealed record AddCheckpointRequest(ulong OldSize, IReadOnlyList<byte[]> Proof, string SignedCheckpoint)
{
    /// <summary>A consistency proof for trees below 2^64 has at most 63 hashes (RFC 9162 §2.1.4).</summary>
    public const int MaxProofHashes = 63;

    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var h in Proof) sb.Append(Convert.ToBase64String(h)).Append('\n');
        return sb.Append('\n').Append(SignedCheckpoint).ToString();
    }

    public static AddCheckpointRequest Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        int blank = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0) throw new VotingFormatException("add-checkpoint: no empty line between the proof and the checkpoint");
        var head = body[..blank].Split('\n');
        if (!head[0].StartsWith("old ", StringComparison.Ordinal)) throw new VotingFormatException("add-checkpoint: the first line must be \"old <size>\"");
        var digits = head[0][4..];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || (digits.Length > 1 && digits[0] == '0')
            || !ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var old))
            throw new VotingFormatException($"add-checkpoint: \"{head[0]}\" is not \"old\" and a decimal size without leading zeros");
        if (head.Length - 1 > MaxProofHashes) throw new VotingFormatException($"add-checkpoint: {head.Length - 1} proof lines, at most {MaxProofHashes}");
        var proof = new List<byte[]>();
        for (int i = 1; i < head.Length; i++)
        {
            var h = StrictBase64.Decode(head[i], $"add-checkpoint proof line {i}");
            if (h.Length != Rfc6962.HashSize) throw new VotingFormatException($"add-checkpoint proof line {i}: a hash is {Rfc6962.HashSize} bytes, got {h.Length}");
            proof.Add(h);
        }
        return new AddCheckpointRequest(old, proof, body[(blank + 2)..]);
    }
}
