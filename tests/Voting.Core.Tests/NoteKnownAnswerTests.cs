using System.Text.RegularExpressions;
using Voting.Core.Notes;

namespace Voting.Core.Tests;

/// <summary>The signed-note, key and cosignature known answers of ../shared/vectors/notes.md, read from that file in place.</summary>
public partial class NoteKnownAnswerTests
{
    private static string Notes => File.ReadAllText(SharedVectors.Require("notes.md"));

    /// <summary>The backticked value after a label such as "- vkey:" within the section that starts with the heading.</summary>
    private static string Value(string heading, string label)
    {
        var text = Notes;
        int start = text.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"notes.md has no section \"{heading}\"");
        int end = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        var m = Regex.Match(section, "- " + Regex.Escape(label) + @"[^`]*`([^`]*)`");
        Assert.True(m.Success, $"notes.md section \"{heading}\" has no \"{label}\"");
        return m.Groups[1].Value;
    }

    private static IEnumerable<string> Values(string heading, string label)
    {
        var text = Notes;
        int start = text.IndexOf(heading, StringComparison.Ordinal);
        int end = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        var line = Regex.Match(text[start..end], "- " + Regex.Escape(label) + ".*").Value;
        return Regex.Matches(line, "`([^`]*)`").Select(m => m.Groups[1].Value);
    }

    private const string GoSection = "## Ed25519 signed note (type 0x01), golang/mod";
    private const string C2spSection = "## Ed25519 signed note, C2SP signed-note.md";
    private const string CosigSection = "## cosignature/v1 (type 0x04), real production witness";

    [Fact]
    public void GolangNoteSignatureReproducesByteForByte()
    {
        var signer = NoteSigner.ParseSkey(Value(GoSection, "skey:"));
        Assert.Equal(Value(GoSection, "vkey:"), signer.ToVkey());
        Assert.Equal(Value(GoSection, "skey:"), signer.ToSkey());
        var text = string.Join("\n", Values(GoSection, "text")) + "\n";
        var note = SignedNote.Sign(text, signer);
        Assert.Equal(Value(GoSection, "signature line:") + "\n", note.Signatures[0].ToLine());
        Assert.Equal(text + "\n" + Value(GoSection, "signature line:") + "\n", note.Format());
        var verified = SignedNote.Parse(note.Format()).Verify([NoteVerifier.ParseVkey(Value(GoSection, "vkey:"))]);
        Assert.Single(verified);
    }

    [Fact]
    public void C2spExampleNoteVerifies()
    {
        var note = Value(C2spSection, "text:") + "\n\n" + Value(C2spSection, "signature line:") + "\n";
        var verifier = NoteVerifier.ParseVkey(Value(C2spSection, "vkey:"));
        Assert.Single(SignedNote.Parse(note).Verify([verifier]));
        var tampered = note.Replace("example message", "example massage", StringComparison.Ordinal);
        Assert.Throws<NoteVerificationException>(() => SignedNote.Parse(tampered).Verify([verifier]));
    }

    [Fact]
    public void ProductionWitnessCosignatureVerifiesWithTypeFourKeyId()
    {
        var body = string.Join("\n", Values(CosigSection, "checkpoint body")) + "\n";
        var published = NoteVerifier.ParseVkey(Value(CosigSection, "witness vkey"));
        var cosigner = published.AsCosignatureVerifier();
        Assert.Equal(0x9d1ab951u, cosigner.KeyId);
        var note = SignedNote.Parse(body + "\n" + Value(CosigSection, "cosignature line:") + "\n");
        var verified = note.Verify([cosigner]);
        Assert.Equal(1738713836UL, verified.Single().Timestamp);
        // Under its published type-0x01 key ID the line is just an unknown signature.
        Assert.Throws<NoteVerificationException>(() => note.Verify([published]));
        var checkpoint = Checkpoint.ParseText(note.Text);
        Assert.Equal(611UL, checkpoint.Size);
    }

    [Fact]
    public void KeyIdRuleMatchesNotes()
    {
        var v = NoteVerifier.ParseVkey(Value(GoSection, "vkey:"));
        Assert.Equal(0xc74f20a3u, KeyId.Compute(v.Name, SignatureType.Ed25519, v.PublicKey));
    }
}
