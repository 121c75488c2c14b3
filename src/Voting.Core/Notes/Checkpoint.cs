using System.Globalization;
using System.Text;
using Voting.Core.Merkle;

namespace Voting.Core.Notes;

/// <summary>C2SP tlog-checkpoint note text (log.md §8.3): origin, tree size, base64 root, optional extension lines.</summary>
public sealed record Checkpoint(string Origin, ulong Size, byte[] Root, IReadOnlyList<string> Extensions)
{
    public Checkpoint(string origin, ulong size, byte[] root) : this(origin, size, root, []) { }

    public static bool IsValidOrigin(string origin) =>
        !string.IsNullOrEmpty(origin) && KeyName.IsValid(origin);

    public string ToText()
    {
        if (!IsValidOrigin(Origin)) throw new VotingFormatException($"origin \"{Origin}\" is empty or contains a space or '+'");
        Rfc6962.RequireHash(Root, nameof(Root));
        var sb = new StringBuilder();
        sb.Append(Origin).Append('\n')
          .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
          .Append(Convert.ToBase64String(Root)).Append('\n');
        foreach (var e in Extensions)
        {
            if (string.IsNullOrEmpty(e) || e.Contains('\n', StringComparison.Ordinal)) throw new VotingFormatException("extension lines must be non-empty single lines");
            sb.Append(e).Append('\n');
        }
        return sb.ToString();
    }

    public static Checkpoint ParseText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.EndsWith('\n')) throw new VotingFormatException("checkpoint text must end with a newline");
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3) throw new VotingFormatException("checkpoint text needs origin, size and root lines");
        if (!IsValidOrigin(lines[0])) throw new VotingFormatException($"checkpoint origin \"{StrictBase64.Truncate(lines[0])}\" is empty or contains a space or '+'");
        var sizeText = lines[1];
        if (sizeText.Length == 0 || sizeText.Length > 20 || !sizeText.All(char.IsAsciiDigit) || (sizeText.Length > 1 && sizeText[0] == '0')
            || !ulong.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw new VotingFormatException($"checkpoint size \"{StrictBase64.Truncate(sizeText)}\" is not a decimal number without leading zeros");
        var root = StrictBase64.Decode(lines[2], "checkpoint root");
        if (root.Length != Rfc6962.HashSize) throw new VotingFormatException($"checkpoint root is {root.Length} bytes, not 32");
        var ext = lines[3..];
        if (ext.Any(string.IsNullOrEmpty)) throw new VotingFormatException("checkpoint extension lines must be non-empty");
        return new Checkpoint(lines[0], size, root, ext);
    }

    /// <summary>Parses a signed checkpoint and checks it with the log's key (and any other keys given, e.g. witnesses).</summary>
    public static (Checkpoint Checkpoint, SignedNote Note, IReadOnlyList<VerifiedSignature> Signatures) ParseAndVerify(
        string signedNote, NoteVerifier logKey, IEnumerable<NoteVerifier>? others = null)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        var note = SignedNote.Parse(signedNote);
        var verified = note.Verify(others is null ? [logKey] : [logKey, .. others]);
        if (!verified.Any(v => v.Verifier == logKey))
            throw new NoteVerificationException($"checkpoint is not signed by the log key {logKey.Name}");
        var cp = ParseText(note.Text);
        if (cp.Origin != logKey.Name)
            throw new NoteVerificationException($"checkpoint origin \"{cp.Origin}\" is not the log's name \"{logKey.Name}\"");
        return (cp, note, verified);
    }
}
