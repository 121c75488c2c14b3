using System.Globalization;
using System.Text;
using Voting.Core.Merkle;
using Voting.Core.Records;

namespace Voting.Core.Notes;

/// <summary>
/// A receipt in C2SP tlog-proof form (log.md §8.7): the record bytes as the "extra" line,
/// the leaf index, the inclusion proof, and the signed checkpoint it leads to. An empty Record is a receipt without
/// its record (no "extra" line, which tlog-proof makes optional): what GetReceipt answers before Close for a record
/// after Open, whose bytes only its sender may see; it verifies once the record is put back (`with { Record = … }`).
/// </summary>
public sealed record Receipt(ulong Index, byte[] Record, IReadOnlyList<byte[]> Proof, string CheckpointNote)
{
    public const string Header = "c2sp.org/tlog-proof@v1";

    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append(Header).Append('\n');
        if (Record.Length > 0) sb.Append("extra ").Append(Convert.ToBase64String(Record)).Append('\n');
        sb.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var h in Proof) sb.Append(Convert.ToBase64String(h)).Append('\n');
        sb.Append('\n').Append(CheckpointNote);
        return sb.ToString();
    }

    public static Receipt Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0) throw new VotingFormatException("receipt has no blank line before its checkpoint");
        var lines = text[..blank].Split('\n');
        var note = text[(blank + 2)..];
        if (lines[0] != Header) throw new VotingFormatException($"receipt must start with \"{Header}\"");
        int i = 1;
        byte[] record = [];
        if (i < lines.Length && lines[i].StartsWith("extra ", StringComparison.Ordinal))
        {
            record = StrictBase64.Decode(lines[i]["extra ".Length..], "receipt extra");
            if (record.Length == 0) throw new VotingFormatException("receipt \"extra\" line is empty; a receipt without its record has no \"extra\" line");
            i++;
        }
        if (i >= lines.Length || !lines[i].StartsWith("index ", StringComparison.Ordinal))
            throw new VotingFormatException("receipt has no \"index\" line");
        var idx = lines[i]["index ".Length..];
        if (idx.Length == 0 || !idx.All(char.IsAsciiDigit) || (idx.Length > 1 && idx[0] == '0')
            || !ulong.TryParse(idx, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            throw new VotingFormatException($"receipt index \"{StrictBase64.Truncate(idx)}\" is not a decimal number");
        var proof = new List<byte[]>();
        for (i++; i < lines.Length; i++)
        {
            var h = StrictBase64.Decode(lines[i], $"receipt proof line {proof.Count + 1}");
            if (h.Length != Rfc6962.HashSize) throw new VotingFormatException($"receipt proof line {proof.Count + 1} is not a 32-byte hash");
            proof.Add(h);
        }
        SignedNote.Parse(note);
        return new Receipt(index, record, proof, note);
    }

    /// <summary>Checks the log signature, the record's canonical form and height, and the inclusion proof. Returns the checkpoint.</summary>
    public Checkpoint Verify(NoteVerifier logKey, IEnumerable<NoteVerifier>? witnesses = null) =>
        Verify(new WitnessPolicy(logKey, [.. witnesses ?? []], 0));

    /// <summary>
    /// As <see cref="Verify(NoteVerifier, IEnumerable{NoteVerifier})"/>, and the checkpoint must carry the policy's
    /// witness quorum: a receipt against a checkpoint the witnesses never saw proves nothing about what others see.
    /// </summary>
    public Checkpoint Verify(WitnessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var (checkpoint, _) = policy.Verify(CheckpointNote);
        if (Record.Length == 0)
            throw new NoteVerificationException($"the receipt of record {Index} carries no record (the server withholds records after Open until Close): verify it with the record you sent");
        var record = Canonical.Parse(Record);
        if (record.Height != Index) throw new NoteVerificationException($"receipt index {Index} but the record's height is {record.Height}");
        if (!InclusionProof.Verify(Index, checkpoint.Size, Rfc6962.HashLeaf(Record), Proof, checkpoint.Root))
            throw new NoteVerificationException($"inclusion proof of record {Index} does not lead to the checkpoint root at size {checkpoint.Size}");
        return checkpoint;
    }
}
