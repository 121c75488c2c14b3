using System.Text;

namespace Voting.Core.Notes;

/// <summary>
/// A C2SP signed note (log.md §8.2): a UTF-8 text ending in a newline, a blank line, then
/// signature lines. Parsing is strict; the split is at the last blank line.
/// </summary>
public sealed class SignedNote
{
    /// <summary>C2SP asks verifiers to accept at least 16 signatures; we accept up to 100 and refuse more.</summary>
    public const int MaxSignatures = 100;
    public const int MaxNoteBytes = 1 << 20;

    public string Text { get; }
    public IReadOnlyList<NoteSignature> Signatures { get; }

    public SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        CheckText(text);
        ArgumentNullException.ThrowIfNull(signatures);
        if (signatures.Count > MaxSignatures) throw new VotingFormatException($"note has {signatures.Count} signatures; at most {MaxSignatures} are accepted");
        Text = text;
        Signatures = signatures;
    }

    public static SignedNote Parse(ReadOnlySpan<byte> note)
    {
        if (note.Length > MaxNoteBytes) throw new VotingFormatException($"note is {note.Length} bytes; at most {MaxNoteBytes} are accepted");
        string s;
        try { s = new UTF8Encoding(false, true).GetString(note); }
        catch (DecoderFallbackException e) { throw new VotingFormatException("note is not valid UTF-8", e); }
        return Parse(s);
    }

    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (!note.EndsWith('\n')) throw new VotingFormatException("note does not end with a newline");
        int split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) throw new VotingFormatException("note has no blank line before its signatures");
        string text = note[..(split + 1)];
        string block = note[(split + 2)..];
        if (block.Length == 0) throw new VotingFormatException("note has no signatures");
        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures) throw new VotingFormatException($"note has {lines.Length} signatures; at most {MaxSignatures} are accepted");
        var signatures = new List<NoteSignature>(lines.Length);
        for (int i = 0; i < lines.Length; i++) signatures.Add(ParseSignatureLine(lines[i], i + 1));
        return new SignedNote(text, signatures);
    }

    /// <summary>Parses one signature line ("— name base64", without the newline); number is for messages.</summary>
    public static NoteSignature ParseSignatureLine(string line, int number = 1)
    {
        if (!line.StartsWith(NoteSignature.Dash, StringComparison.Ordinal))
            throw new VotingFormatException($"signature line {number} does not start with \"\u2014 \"");
        var rest = line[NoteSignature.Dash.Length..];
        int space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0) throw new VotingFormatException($"signature line {number} has no key name followed by a space");
        var name = rest[..space];
        if (!KeyName.IsValid(name)) throw new VotingFormatException($"signature line {number} has an invalid key name");
        var blob = StrictBase64.Decode(rest[(space + 1)..], $"signature line {number}");
        if (blob.Length < 5) throw new VotingFormatException($"signature line {number} is too short to hold a key ID and a signature");
        return new NoteSignature(name, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(blob), blob);
    }

    private static void CheckText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !text.EndsWith('\n')) throw new VotingFormatException("note text must be non-empty and end with a newline");
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) throw new VotingFormatException("note text contains an unpaired surrogate");
            if (c != '\n' && char.IsControl(c)) throw new VotingFormatException($"note text contains control character U+{(int)c:X4}");
        }
    }

    public string Format()
    {
        var sb = new StringBuilder(Text).Append('\n');
        foreach (var s in Signatures) sb.Append(s.ToLine());
        return sb.ToString();
    }

    /// <summary>Signs a text with each signer, in order.</summary>
    public static SignedNote Sign(string text, params NoteSigner[] signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        CheckText(text);
        if (signers.Length == 0) throw new ArgumentException("a signed note needs at least one signer", nameof(signers));
        return new SignedNote(text, [.. signers.Select(s => s.SignNote(text))]);
    }

    public SignedNote WithSignature(NoteSignature extra) => new(Text, [.. Signatures, extra]);

    /// <summary>
    /// Checks every signature by a known key (same name and key ID). Signatures by unknown keys
    /// are ignored; a known key with a bad signature rejects the whole note; at least one
    /// known signature is required.
    /// </summary>
    public IReadOnlyList<VerifiedSignature> Verify(IEnumerable<NoteVerifier> verifiers)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        var known = verifiers.ToList();
        var verified = new List<VerifiedSignature>();
        var seen = new HashSet<(string, uint)>();
        var textBytes = Encoding.UTF8.GetBytes(Text);
        foreach (var sig in Signatures)
        {
            var matches = known.Where(v => v.Name == sig.Name && v.KeyId == sig.KeyId).ToList();
            if (matches.Count == 0) continue;
            if (!seen.Add((sig.Name, sig.KeyId)))
                throw new NoteVerificationException($"note carries two signatures by {sig.Name} ({sig.KeyId:x8})");
            var v = matches[0];
            if (v.Type == SignatureType.Ed25519)
            {
                if (!v.VerifyNoteSignature(textBytes, sig.Blob.AsSpan(4)))
                    throw new NoteVerificationException($"signature by {sig.Name} ({sig.KeyId:x8}) does not verify");
                verified.Add(new VerifiedSignature(v, null));
            }
            else
            {
                var t = Cosignature.Verify(v, Text, sig)
                    ?? throw new NoteVerificationException($"cosignature by {sig.Name} ({sig.KeyId:x8}) does not verify");
                verified.Add(new VerifiedSignature(v, t));
            }
        }
        if (verified.Count == 0) throw new NoteVerificationException("note has no signature by a known key");
        return verified;
    }
}

/// <summary>A signature that verified; Timestamp is set for cosignatures.</summary>
public sealed record VerifiedSignature(NoteVerifier Verifier, ulong? Timestamp);

public sealed class NoteVerificationException : Exception
{
    public NoteVerificationException(string message) : base(message) { }
    public NoteVerificationException() { }
    public NoteVerificationException(string message, Exception inner) : base(message, inner) { }
}
