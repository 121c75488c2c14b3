using System.Text;
using Google.Protobuf;
using Scrutineer.Verify;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Core.Tiles;
using Voting.Counting;
using Voting.Synthetic;

namespace Scrutineer.Tests;

/// <summary>
/// Builds complete, valid election logs in memory — chained records, a checkpoint every few records signed by the
/// log and cosigned by two witnesses, a Declaration that matches the recount — and can re-chain and re-sign a
/// tampered list of bodies the way a dishonest log-key holder would.
/// </summary>
internal sealed class LogBuilder
{
    public const ulong BaseMs = 1_790_000_100_000;
    public SyntheticElection Election { get; }
    public NoteSigner LogKey { get; }
    public NoteSigner[] Witnesses { get; }
    public int Every { get; }

    public LogBuilder(int voters = 12, int every = 7)
    {
        Election = new SyntheticElection(voters, "verify-test");
        LogKey = new NoteSigner("log.test/elections/verify-test", Election.Derive("log-key", 0));
        Witnesses = [new NoteSigner("w1.test", Election.Derive("w1", 0)), new NoteSigner("w2.test", Election.Derive("w2", 0))];
        Every = every;
    }

    /// <summary>Witness i's cosignature time for the checkpoint of a size, given the default: for logs whose witnesses' clocks differ.</summary>
    public Func<int, ulong, ulong, ulong>? WitnessClock { get; set; }

    public Policy Policy() => new(LogKey.Verifier, [.. Witnesses.Select(w => w.Verifier.AsCosignatureVerifier())], 2, 300, false);

    /// <summary>Definition, roll, open, ballots, close, the lot reveal — the bodies before the Declaration.</summary>
    public List<LogRecord> BodiesBeforeDeclaration() => [.. Election.AllBodies()];

    /// <summary>The builder's election with an independent issuer, two ballot styles and a dispute (SplitElection).</summary>
    public SplitElection Split => _split ??= new SplitElection(Election, definitionTimeMs: BaseMs);
    private SplitElection? _split;

    /// <summary>The split election's whole valid log: its bodies (one voter's entry disputed), then the Declaration of its recount.</summary>
    public ExportedLog SplitValid() => Declared(Split.Bodies(), Election.Voters - 1);

    /// <summary>The builder's election made sealed, with three trustees' key generation (TrusteeElection).</summary>
    public TrusteeElection Trustees => _trustees ??= new TrusteeElection(Election, definitionTimeMs: BaseMs);
    private TrusteeElection? _trustees;

    /// <summary>The sealed election's valid log: the trustees' key, the roll, Open, sealed ballots, Close, the lot reveal (no Declaration: not countable before decryption).</summary>
    public ExportedLog TrusteeValid() => Build(Trustees.Bodies());

    /// <summary>The bodies, then a Declaration of their recount counting `counted` ballots.</summary>
    public ExportedLog Declared(List<LogRecord> bodies, int counted)
    {
        bodies.Add(new LogRecord { Declaration = DeclarationFor(Build(bodies), d => d.CountedBallots = (ulong)counted) });
        return Build(bodies);
    }

    /// <summary>The whole valid log: bodies, then a Declaration computed from the recount.</summary>
    public ExportedLog Valid()
    {
        var bodies = BodiesBeforeDeclaration();
        var withoutDeclaration = Build(bodies);
        bodies.Add(new LogRecord { Declaration = DeclarationFor(withoutDeclaration) });
        return Build(bodies);
    }

    public Declaration DeclarationFor(ExportedLog closed, Action<Declaration>? change = null)
    {
        var v = LogVerifier.Run(closed, Policy());
        var counts = v.Counts ?? throw new InvalidOperationException("the log could not be recounted");
        var d = new Declaration
        {
            ElectionId = Election.ElectionId,
            ResultDigest = ByteString.CopyFrom(ElectionCount.Digest(counts)),
            CountedBallots = (ulong)Election.Voters,
        };
        d.Outcomes.AddRange(ElectionCount.Outcomes(counts));
        change?.Invoke(d);
        OrganiserSigning.Sign(d, 0, Election.Organiser);
        return d;
    }

    /// <summary>
    /// Chains the bodies, checkpoints every Every records, at the Close (as the server publishes one there) and at
    /// the end, signed and cosigned.
    /// </summary>
    /// <param name="cosignedAt">Each checkpoint's cosignature time, given its size and the default (see Seal).</param>
    /// <param name="timeMs">Record i's sequenced_at_ms, for logs that claim hostile times; default one second apart from BaseMs.</param>
    public ExportedLog Build(IReadOnlyList<LogRecord> bodies, bool cosign = true, Func<ulong, ulong, ulong>? cosignedAt = null, Func<int, ulong>? timeMs = null)
    {
        var records = new List<byte[]>();
        byte[] prev = [];
        for (int i = 0; i < bodies.Count; i++)
        {
            var r = bodies[i].Clone();
            r.Height = (ulong)i;
            r.Prev = i == 0 ? ByteString.Empty : ByteString.CopyFrom(prev);
            r.SequencedAtMs = timeMs?.Invoke(i) ?? BaseMs + (ulong)i * 1000;
            var bytes = Canonical.Serialize(r);
            records.Add(bytes);
            prev = Rfc6962.HashLeaf(bytes);
        }
        return Seal(records, cosign, cosignedAt);
    }

    /// <summary>
    /// Trees, signs and cosigns records exactly as given — as a log-key holder colluding with the witnesses would
    /// for records it altered: the checkpoints then vouch for the altered records, so only the record-level checks
    /// can catch them. Each checkpoint is cosigned a second after its last record's time, or at cosignedAt(size,
    /// that time).
    /// </summary>
    public ExportedLog Seal(IReadOnlyList<byte[]> records, bool cosign = true, Func<ulong, ulong, ulong>? cosignedAt = null)
    {
        var tree = new MemoryTree();
        var checkpoints = new SortedDictionary<ulong, string>();
        ulong lastTime = BaseMs / 1000;
        for (int i = 0; i < records.Count; i++)
        {
            var r = TryParse(records[i]);
            if (r is not null) lastTime = r.SequencedAtMs / 1000 + 1;
            tree.AppendLeafHash(Rfc6962.HashLeaf(records[i]));
            if ((i + 1) % Every == 0 || i == records.Count - 1 || r?.BodyCase == LogRecord.BodyOneofCase.Close)
                checkpoints[tree.Size] = Checkpoint(tree, cosign, cosignedAt?.Invoke(tree.Size, lastTime) ?? lastTime);
        }
        return new ExportedLog
        {
            ClaimedLogKey = LogKey.Verifier,
            ClaimedWitnesses = [.. Witnesses.Select(w => w.Verifier.AsCosignatureVerifier())],
            LatestCheckpoint = checkpoints.Last().Value,
            Checkpoints = checkpoints,
            Records = [.. records],
        };
    }

    private static LogRecord? TryParse(byte[] record)
    {
        try { return Canonical.Parse(record); }
        catch (Voting.Core.VotingFormatException) { return null; }
    }

    /// <summary>
    /// The builder's election turned into an enrollment election: a roll of one-time enrollment keys, then after
    /// Open each member enrols a credential against their entry and votes with it; Close and the lot reveal last.
    /// </summary>
    public List<LogRecord> EnrollmentBodies()
    {
        var e = Election;
        int voters = e.Voters;
        var def = e.Definition.Clone();
        def.RollKind = RollKind.EnrollmentKeys;
        def.Signatures.Clear();
        OrganiserSigning.Sign(def, 0, e.Organiser);
        var rollSeeds = Enumerable.Range(0, voters).Select(i => e.Derive("enrollment-code", i)).ToArray();
        var rollKeys = new byte[voters][];
        Parallel.For(0, voters, i => rollKeys[i] = Voting.Core.Crypto.Ed25519.PublicKeyFromSeed(rollSeeds[i]));
        var (chunks, commitment) = RollMath.Seal(e.ElectionId, rollKeys);
        OrganiserSigning.Sign(commitment, 0, e.Organiser);
        var bodies = new List<LogRecord> { new() { Election = def } };
        bodies.AddRange(chunks.Select(c => new LogRecord { RollChunk = c }));
        bodies.Add(new LogRecord { RollCommitment = commitment });
        bodies.Add(e.Preamble().Single(r => r.BodyCase == LogRecord.BodyOneofCase.Open));
        var credentials = e.CredentialKeys();
        var enrollments = new Enrollment[voters];
        Parallel.For(0, voters, i =>
        {
            var en = new Enrollment { ElectionId = e.ElectionId, RollIndex = (ulong)i, CredentialKey = ByteString.CopyFrom(credentials[i]) };
            VoterSigning.SignEnrollment(en, rollSeeds[i], e.CredentialSeed(i));
            enrollments[i] = en;
        });
        var ballots = e.Ballots().ToList();
        for (int i = 0; i < voters; i++) { bodies.Add(new LogRecord { Enrollment = enrollments[i] }); bodies.Add(ballots[i]); }
        bodies.Add(e.CloseRecord());
        bodies.Add(new LogRecord { LotReveal = e.LotRevealAct() });
        return bodies;
    }

    private string Checkpoint(MemoryTree tree, bool cosign, ulong time)
    {
        var text = new Checkpoint(LogKey.Name, tree.Size, tree.Root()).ToText();
        var note = SignedNote.Sign(text, LogKey);
        if (cosign)
            for (int i = 0; i < Witnesses.Length; i++) note = note.WithSignature(Witnesses[i].Cosign(text, WitnessClock?.Invoke(i, tree.Size, time) ?? time));
        return note.Format();
    }

    /// <summary>Writes the export layout (export.md) to a directory: keys, checkpoint, voting/checkpoints, entry bundles.</summary>
    public static void Write(ExportedLog log, string dir)
    {
        Directory.CreateDirectory(Path.Combine(dir, "voting", "checkpoints"));
        var keys = new StringBuilder($"log {log.ClaimedLogKey.ToVkey()}\n");
        foreach (var w in log.ClaimedWitnesses) keys.Append($"witness {w.ToVkey()}\n");
        File.WriteAllText(Path.Combine(dir, "keys"), keys.ToString());
        File.WriteAllText(Path.Combine(dir, "checkpoint"), log.LatestCheckpoint);
        foreach (var (size, note) in log.Checkpoints) File.WriteAllText(Path.Combine(dir, "voting", "checkpoints", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), note);
        for (int n = 0; n * TilePaths.Width < log.Records.Count; n++)
        {
            int width = Math.Min(TilePaths.Width, log.Records.Count - n * TilePaths.Width);
            var path = Path.Combine(dir, TilePaths.Entries((ulong)n, width));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, EntryBundle.Encode(log.Records.Skip(n * TilePaths.Width).Take(width)));
        }
    }
}
