using Scrutineer.Witness;
using Voting.Core.Merkle;
using Voting.Core.Notes;

namespace Scrutineer.Tests;

/// <summary>Each answer of the C2SP add-checkpoint protocol (log.md §8.8), and that the witness's memory survives a restart.</summary>
public class WitnessCoreTests
{
    private static readonly NoteSigner LogHostKey = new("host.test", new byte[32]);
    private static readonly NoteSigner WitnessKey = new("w.test", Enumerable.Repeat((byte)7, 32).ToArray());
    private const string Origin = "host.test/elections/e1";

    private readonly string _statePath = Path.Combine(Directory.CreateTempSubdirectory("witness-core-").FullName, "w.state");
    private readonly MemoryTree _tree = new();

    private WitnessCore NewWitness() => new(WitnessKey, [LogHostKey.Verifier], WitnessState.Load(_statePath), () => 1_800_000_000);

    private string Signed(ulong size, string origin = Origin, NoteSigner? by = null)
    {
        while (_tree.Size < size) _tree.AppendLeaf([(byte)_tree.Size, 1, 2]);
        var text = new Checkpoint(origin, size, _tree.RootAt(size)).ToText();
        return SignedNote.Sign(text, by ?? new NoteSigner(origin, new byte[32])).Format();
    }

    private string Request(ulong old, ulong size, string? checkpoint = null) =>
        new AddCheckpointRequest(old, old > 0 && old < size ? _tree.ConsistencyProof(old, size) : [], checkpoint ?? Signed(size)).Format();

    [Fact]
    public void CosignsAConsistentSequenceAndTheCosignatureVerifies()
    {
        var w = NewWitness();
        var first = w.AddCheckpoint(Request(0, 5));
        Assert.Equal(200, first.Status);
        var cp = Signed(9);
        var second = w.AddCheckpoint(Request(5, 9, cp));
        Assert.Equal(200, second.Status);
        Assert.Equal("text/x.tlog.cosignature", second.ContentType);
        var sig = SignedNote.ParseSignatureLine(second.Body.TrimEnd('\n'));
        Assert.Equal(1_800_000_000UL, Cosignature.Verify(WitnessKey.Verifier.AsCosignatureVerifier(), SignedNote.Parse(cp).Text, sig));
    }

    [Fact]
    public void AClientBehindTheWitnessGets409WithTheWitnessesSize()
    {
        var w = NewWitness();
        Assert.Equal(200, w.AddCheckpoint(Request(0, 5)).Status);
        var stale = w.AddCheckpoint(Request(0, 9));
        Assert.Equal(409, stale.Status);
        Assert.Equal("text/x.tlog.size", stale.ContentType);
        Assert.Equal("5\n", stale.Body);
    }

    [Fact]
    public void AForkGets422AndIsNeverCosignedEvenAfterARestart()
    {
        Assert.Equal(200, NewWitness().AddCheckpoint(Request(0, 5)).Status);
        // A second tree whose first five leaves differ: its proof from 5 cannot lead from the cosigned root.
        var forkTree = new MemoryTree();
        for (int i = 0; i < 9; i++) forkTree.AppendLeaf([(byte)i, 9, 9]);
        var forked = SignedNote.Sign(new Checkpoint(Origin, 9, forkTree.RootAt(9)).ToText(), new NoteSigner(Origin, new byte[32])).Format();
        var restarted = NewWitness(); // state re-read from the file
        var answer = restarted.AddCheckpoint(new AddCheckpointRequest(5, forkTree.ConsistencyProof(5, 9), forked).Format());
        Assert.Equal(422, answer.Status);
        Assert.Equal(409, restarted.AddCheckpoint(Request(0, 9)).Status);
    }

    [Fact]
    public void UnknownLogsWrongKeysAndMalformedBodiesAreRefused()
    {
        var w = NewWitness();
        Assert.Equal(404, w.AddCheckpoint(Request(0, 3, Signed(3, "other.test/elections/e1", new NoteSigner("other.test/elections/e1", new byte[32])))).Status);
        Assert.Equal(404, w.AddCheckpoint(Request(0, 3, Signed(3, "host.testing/e1", new NoteSigner("host.testing/e1", new byte[32])))).Status);
        Assert.Equal(403, w.AddCheckpoint(Request(0, 3, Signed(3, Origin, new NoteSigner(Origin, Enumerable.Repeat((byte)1, 32).ToArray())))).Status);
        Assert.Equal(400, w.AddCheckpoint("old 01\n\n" + Signed(3)).Status);
        Assert.Equal(400, w.AddCheckpoint("old 3\n" + Signed(3)).Status);
        Assert.Equal(400, w.AddCheckpoint("old 9\n\n" + Signed(3)).Status);
        Assert.Equal(400, w.AddCheckpoint("old 0\nnot base64!\n\n" + Signed(3)).Status);
        Assert.Equal(0, w.Cosigned);
        Assert.False(File.Exists(_statePath), "nothing was cosigned, so nothing was recorded");
    }

    [Fact]
    public void TheStateFileHoldsTheSizeBeforeTheAnswerLeaves()
    {
        Assert.Equal(200, NewWitness().AddCheckpoint(Request(0, 4)).Status);
        var line = Assert.Single(File.ReadAllLines(_statePath));
        Assert.Equal($"{Origin} 4 {Convert.ToBase64String(_tree.RootAt(4))}", line);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_statePath));
    }
}
