using Voting.Core.Notes;
using Voting.Core.Tiles;

namespace Voting.Core.Tests;

/// <summary>The one witness-policy rule (audit.md §5) and its file format, as verify, receipts and watch use them.</summary>
public class WitnessPolicyTests
{
    private const string Origin = "policy.test/elections/p";
    private static readonly NoteSigner Log = new(Origin, Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly NoteSigner[] Witnesses = [new("a.test", Enumerable.Repeat((byte)8, 32).ToArray()), new("b.test", Enumerable.Repeat((byte)9, 32).ToArray()), new("c.test", Enumerable.Repeat((byte)10, 32).ToArray())];
    private static readonly WitnessPolicy TwoOfThree = new(Log.Verifier, [.. Witnesses.Select(w => w.Verifier.AsCosignatureVerifier())], 2);

    private static string Note(params NoteSigner[] cosigners)
    {
        var text = new Checkpoint(Origin, 5, new byte[32]).ToText();
        var note = SignedNote.Sign(text, Log);
        foreach (var w in cosigners) note = note.WithSignature(w.Cosign(text, 1_700_000_000));
        return note.Format();
    }

    [Fact]
    public void TheQuorumOfThePolicysWitnessesIsRequired()
    {
        Assert.Equal(5UL, TwoOfThree.Verify(Note(Witnesses[0], Witnesses[2])).Checkpoint.Size);
        var e = Assert.Throws<NoteVerificationException>(() => TwoOfThree.Verify(Note(Witnesses[1])));
        Assert.Equal("checkpoint at size 5 has 1 valid cosignatures by the policy's witnesses; 2 required", e.Message);
        Assert.Throws<NoteVerificationException>(() => TwoOfThree.Verify(Note()));
        // A cosignature by a witness outside the policy does not count.
        var stranger = new NoteSigner("d.test", Enumerable.Repeat((byte)11, 32).ToArray());
        Assert.Throws<NoteVerificationException>(() => TwoOfThree.Verify(Note(Witnesses[0], stranger)));
        // Quorum 0: the log's signature alone.
        Assert.Equal(5UL, (TwoOfThree with { Quorum = 0 }).Verify(Note()).Checkpoint.Size);
    }

    [Fact]
    public void ACorruptedCosignatureFailsTheNoteEvenWhenTheQuorumIsMetWithout()
    {
        var note = Note(Witnesses[0], Witnesses[1], Witnesses[2]);
        var lines = note.Split('\n');
        int b = Array.FindIndex(lines, l => l.StartsWith("— b.test ", StringComparison.Ordinal));
        var blob = Convert.FromBase64String(lines[b][(lines[b].LastIndexOf(' ') + 1)..]);
        blob[^1] ^= 1;
        lines[b] = lines[b][..(lines[b].LastIndexOf(' ') + 1)] + Convert.ToBase64String(blob);
        var e = Assert.Throws<NoteVerificationException>(() => TwoOfThree.Verify(string.Join('\n', lines)));
        Assert.Contains("cosignature by b.test", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePolicyFileRoundTripsAndTheKeysFileIsTheSameFormat()
    {
        var text = TwoOfThree.Format();
        Assert.Equal(text, PolicyFile.Parse(text, "p").Witnessing.Format());
        Assert.Equal(text, KeysFile.Parse(text).Format());
        Assert.Equal(PolicyFile.DefaultCloseToleranceSeconds, PolicyFile.Parse(text, "p").CloseToleranceSeconds);
        // Without a quorum line, every witness named is required (keys files written before the line existed).
        Assert.Equal(3, KeysFile.Parse(text.Replace("quorum 2\n", "", StringComparison.Ordinal)).Quorum);
    }

    [Theory]
    [InlineData("log {L}\nlog {L}\n", "p: line 2: a second log key (a policy names one log)")]
    [InlineData("log {L}\nwitness {A}\nwitness {A}\n", "p: line 3: witness a.test is named twice")]
    [InlineData("log {L}\nwitness {A}\nquorum 1\nquorum 1\n", "p: line 4: quorum must be a whole number, given once")]
    [InlineData("log {L}\nquorum -1\n", "p: line 2: quorum must be a whole number, given once")]
    [InlineData("log {L}\nwitness {A}\nquorum 2\n", "p: quorum 2 exceeds the 1 witnesses named")]
    [InlineData("witness {A}\n", "p: a policy must name the log key (\"log VKEY\")")]
    [InlineData("log {L} extra\n", "p: line 1: expected \"setting value\"")]
    [InlineData("log {L}\nclose-tolerance 86401\n", "p: line 2: close-tolerance must be 0 to 86400 seconds (a day)")]
    [InlineData("log {L}\ncolor blue\n", "p: line 2: unknown setting \"color\" (log, witness, quorum, close-tolerance, organiser, organiser-threshold)")]
    [InlineData("log {L}\norganiser AAAA\n", "p: line 2: an organiser key is 32 bytes in base64, as voting organiser keygen prints it")]
    [InlineData("log {L}\norganiser-threshold 0\n", "p: line 2: organiser-threshold must be a whole number from 1, given once")]
    public void MalformedPoliciesNameTheirLine(string template, string error)
    {
        var text = template.Replace("{L}", Log.ToVkey(), StringComparison.Ordinal).Replace("{A}", Witnesses[0].ToVkey(), StringComparison.Ordinal);
        Assert.Equal(error, Assert.Throws<VotingFormatException>(() => PolicyFile.Parse(text, "p")).Message);
    }

    [Fact]
    public void AKeysFileHasNoCloseTolerance()
    {
        var e = Assert.Throws<VotingFormatException>(() => KeysFile.Parse($"log {Log.ToVkey()}\nclose-tolerance 5\n"));
        Assert.Equal("keys: line 2: unknown setting \"close-tolerance\" (log, witness, quorum)", e.Message);
    }

    [Fact]
    public void ABadVkeyNamesItsLine()
    {
        var e = Assert.Throws<VotingFormatException>(() => PolicyFile.Parse($"log {Log.ToVkey()}\nwitness nonsense\n", "p"));
        Assert.StartsWith("p: line 2: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReceiptIsHeldToThePolicy()
    {
        // A one-record log; the receipt's checkpoint is cosigned by one witness of three, quorum two.
        var record = Voting.Core.Records.Canonical.Serialize(new Voting.Core.Records.LogRecord { Height = 0, Election = new Voting.Core.Records.ElectionDefinition { ElectionId = "p" } });
        var root = Voting.Core.Merkle.Rfc6962.HashLeaf(record);
        var text = new Checkpoint(Origin, 1, root).ToText();
        var note = SignedNote.Sign(text, Log).WithSignature(Witnesses[0].Cosign(text, 1_700_000_000)).Format();
        var receipt = new Receipt(0, record, [], note);
        Assert.Equal(1UL, receipt.Verify(Log.Verifier).Size);
        Assert.Equal(1UL, receipt.Verify(TwoOfThree with { Quorum = 1 }).Size);
        Assert.Contains("1 valid cosignatures by the policy's witnesses; 2 required", Assert.Throws<NoteVerificationException>(() => receipt.Verify(TwoOfThree)).Message, StringComparison.Ordinal);
    }
}
