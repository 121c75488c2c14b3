using System.Globalization;
using Voting.Core;
using Voting.Core.Notes;
using Voting.Core.Tiles;

namespace Scrutineer.Verify;

/// <summary>A log exported in the layout of docs/spec/export.md, read from a directory.</summary>
public sealed class ExportedLog
{
    public required NoteVerifier ClaimedLogKey { get; init; }
    public required IReadOnlyList<NoteVerifier> ClaimedWitnesses { get; init; }
    /// <summary>The quorum the keys file states (every witness when it states none).</summary>
    public int? ClaimedQuorum { get; init; }
    public required string LatestCheckpoint { get; init; }
    /// <summary>Every checkpoint by size (voting/checkpoints/), including the latest.</summary>
    public required SortedDictionary<ulong, string> Checkpoints { get; init; }
    /// <summary>The records in log order: a list in memory, or (from Read) the export's bundles read on demand.</summary>
    public required IReadOnlyList<byte[]> Records { get; init; }

    /// <summary>The signed text of a note, or null when it is not one.</summary>
    private static string? SignedText(string note)
    {
        try { return SignedNote.Parse(note).Text; }
        catch (Exception e) when (e is VotingFormatException or FormatException or ArgumentException) { return null; }
    }

    public static ExportedLog Read(string dir)
    {
        if (!Directory.Exists(dir)) throw new IOException($"{dir} is not a directory");
        var keysPath = Path.Combine(dir, "keys");
        if (!File.Exists(keysPath)) throw new IOException($"{dir} has no keys file; is it an exported log (docs/spec/export.md)?");
        var keys = KeysFile.Parse(File.ReadAllText(keysPath));
        var latest = File.ReadAllText(Path.Combine(dir, "checkpoint"));
        var size = Checkpoint.ParseText(SignedNote.Parse(latest).Text).Size;
        // Records are indexed by int here and everywhere after; a claim past that is no export this reader can hold.
        if (size > int.MaxValue) throw new VotingFormatException($"checkpoint claims {size} records; an export holds at most {int.MaxValue}");
        var checkpoints = new SortedDictionary<ulong, string>();
        var cpDir = Path.Combine(dir, "voting", "checkpoints");
        if (Directory.Exists(cpDir))
        {
            // A large election has thousands of checkpoints (one per batch): read on every core.
            var files = Directory.GetFiles(cpDir);
            var sizes = files.Select(f => ulong.TryParse(Path.GetFileName(f), NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                ? at
                : throw new VotingFormatException($"voting/checkpoints/{Path.GetFileName(f)} is not named by a tree size (export.md §4)")).ToArray();
            var texts = new string[files.Length];
            ParallelInOrder.For(files.Length, i => texts[i] = File.ReadAllText(files[i]));
            for (int i = 0; i < files.Length; i++) checkpoints[sizes[i]] = texts[i];
        }
        // export.md §4: the copy at the largest size is the same checkpoint (only its cosignatures may differ). It is
        // replaced by `checkpoint` below, so a copy whose signed text differs would otherwise never be looked at.
        if (checkpoints.TryGetValue(size, out var copy) && SignedText(copy) != SignedText(latest))
            throw new VotingFormatException($"voting/checkpoints/{size} is not the checkpoint in `checkpoint`: their signed texts differ (export.md §4)");
        checkpoints[size] = latest;
        var records = new BundleRecords(dir, size);
        return new ExportedLog { ClaimedLogKey = keys.LogKey, ClaimedWitnesses = keys.Witnesses, ClaimedQuorum = keys.Quorum, LatestCheckpoint = latest, Checkpoints = checkpoints, Records = records };
    }
}
