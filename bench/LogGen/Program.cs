using System.Diagnostics;
using System.Globalization;
using Voting.Core;
using Voting.Core.Crypto;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Storage;
using Voting.Synthetic;

// LogGen: dotnet run -c Release --project bench/LogGen -- --ballots N --out DIR [--batch 256] [--db FILE]
// Builds a synthetic election log of N voter-signed ballots, exports it to DIR in the
// tiles layout of docs/spec/export.md, then re-reads DIR and checks its root.
return LogGen.Run(args);

internal static class LogGen
{
    private const string Usage = """
        usage: loggen --ballots N --out DIR [--batch B] [--db FILE] [--in-flight K]
          --ballots N    number of voters, each casting one signed ballot (required)
          --out DIR      export directory; must not exist or be empty (required)
          --batch B      appends per commit, fsync and checkpoint (default 256)
          --db FILE      keep the SQLite log here (default: a temporary file, deleted)
          --in-flight K  appends queued at once (default 8192)
        example: dotnet run -c Release --project bench/LogGen -- --ballots 100000 --out /tmp/log100k
        """;

    public static int Run(string[] args)
    {
        int ballots = -1, batch = 256, inFlight = 8192;
        string? outDir = null, db = null;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--ballots": ballots = PositiveInt(Next(), "--ballots", allowZero: true); break;
                    case "--batch": batch = PositiveInt(Next(), "--batch"); break;
                    case "--in-flight": inFlight = PositiveInt(Next(), "--in-flight"); break;
                    case "--out": outDir = Next(); break;
                    case "--db": db = Next(); break;
                    case "-h" or "--help": Console.WriteLine(Usage); return 0;
                    default: throw new ArgumentException($"unknown flag {args[i]}");
                }
            }
            if (ballots < 0 || outDir is null) throw new ArgumentException("--ballots and --out are required");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"loggen: error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        try
        {
            return Generate(ballots, outDir, batch, db, inFlight).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or VotingFormatException or LogCorruptException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"loggen: error: {e.Message}");
            return 1;
        }
    }

    private static int PositiveInt(string s, string flag, bool allowZero = false) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && (v > 0 || allowZero && v == 0)
            ? v : throw new ArgumentException($"{flag} must be a {(allowZero ? "non-negative" : "positive")} integer, got \"{s}\"");

    private static async Task<int> Generate(int ballots, string outDir, int batch, string? db, int inFlight)
    {
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
            throw new IOException($"{outDir} exists and is not empty");
        bool tempDb = db is null;
        db ??= Path.Combine(Path.GetTempPath(), $"loggen-{Environment.ProcessId}-{Guid.NewGuid():N}.sqlite");
        if (File.Exists(db)) throw new IOException($"{db} already exists; LogGen writes a new log");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(db))!);
        Console.Error.WriteLine($"loggen: ed25519 backend {Ed25519.Backend.Name}, {Environment.ProcessorCount} cores, batch {batch}");
        var election = new SyntheticElection(ballots);
        var logKey = new NoteSigner($"loggen.example/elections/{election.ElectionId}", election.Derive("log-key", 0));

        var sw = Stopwatch.StartNew();
        election.CredentialKeys();
        var keygen = sw.Elapsed;
        ulong total;
        TimeSpan appendTime;
        await using (var store = LogStore.Open(db, logKey, new LogStoreOptions { MaxBatch = batch }))
        {
            var append = Stopwatch.StartNew();
            var window = new Queue<Task<AppendResult>>();
            foreach (var body in election.AllBodies())
            {
                window.Enqueue(store.AppendAsync(body));
                if (window.Count >= inFlight) await window.Dequeue();
            }
            while (window.Count > 0) await window.Dequeue();
            appendTime = append.Elapsed;
            total = store.Size;
            TileExporter.Export(store, outDir);
        }
        var exported = sw.Elapsed;
        if (tempDb)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(db + suffix)) File.Delete(db + suffix);
        }
        var (size, root) = RecomputeFromExport(outDir, logKey.Verifier);
        Console.WriteLine($"records     {total}");
        Console.WriteLine($"ballots     {ballots}");
        Console.WriteLine($"keygen      {keygen.TotalSeconds:F1} s");
        Console.WriteLine($"append      {appendTime.TotalSeconds:F1} s ({total / appendTime.TotalSeconds:F0} records/s, signing included)");
        Console.WriteLine($"total       {exported.TotalSeconds:F1} s");
        Console.WriteLine($"checkpoint  size {size}, root {Convert.ToHexStringLower(root)}");
        Console.WriteLine($"export      {Path.GetFullPath(outDir)}: root recomputed from entry bundles matches the signed checkpoint");
        return 0;
    }

    /// <summary>Reads the export back with the scrutineer's reader: keys, checkpoint signature, then every entry bundle's leaves into a fresh tree.</summary>
    private static (ulong, byte[]) RecomputeFromExport(string dir, NoteVerifier expectedKey)
    {
        var export = Scrutineer.Verify.ExportedLog.Read(dir);
        if (export.ClaimedLogKey.ToVkey() != expectedKey.ToVkey()) throw new IOException("exported keys file names another log key");
        var (checkpoint, _, _) = Checkpoint.ParseAndVerify(export.LatestCheckpoint, export.ClaimedLogKey);
        var frontier = new Frontier();
        foreach (var entry in export.Records)
        {
            Canonical.Parse(entry);
            frontier.Append(Rfc6962.HashLeaf(entry));
        }
        if (frontier.Size != checkpoint.Size || !frontier.Root().AsSpan().SequenceEqual(checkpoint.Root))
            throw new LogCorruptException($"root recomputed from {frontier.Size} exported entries does not match the checkpoint");
        return (checkpoint.Size, checkpoint.Root);
    }
}
