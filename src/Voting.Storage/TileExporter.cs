using System.Globalization;
using System.Text;
using Voting.Core.Notes;
using Voting.Core.Tiles;

namespace Voting.Storage;

/// <summary>
/// Writes a log in the export layout of docs/spec/export.md: C2SP tlog-tiles (checkpoint,
/// tile/L/N, tile/entries/N, partial tiles at the right edge) plus keys and every stored
/// checkpoint. The directory appears whole or not at all: it is built beside the target and renamed.
/// </summary>
public static class TileExporter
{
    /// <param name="witnessQuorum">The quorum the keys file states; default every witness.</param>
    public static ulong Export(LogStore store, string directory, IEnumerable<string>? witnessVkeys = null, int? witnessQuorum = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        var target = Path.GetFullPath(directory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new IOException($"export directory {target} exists and is not empty; choose a new one");
        var witnesses = (witnessVkeys ?? []).Select(NoteVerifier.ParseVkey).ToList();
        var parent = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Environment.ProcessId}");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            var note = store.LatestCheckpoint;
            var checkpoint = Checkpoint.ParseText(SignedNote.Parse(note).Text);
            ulong size = checkpoint.Size;
            WriteTiles(store, staging, size);
            WriteEntries(store, staging, size);
            WriteCheckpoints(store, staging, size);
            Write(staging, "keys", Encoding.UTF8.GetBytes(KeysFile.Format(new WitnessPolicy(store.LogKey, witnesses, witnessQuorum ?? witnesses.Count))));
            // Last: a reader that finds a checkpoint finds everything it covers.
            Write(staging, "checkpoint", Encoding.UTF8.GetBytes(note));
            if (Directory.Exists(target)) Directory.Delete(target);
            Directory.Move(staging, target);
            return size;
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static void WriteTiles(LogStore store, string root, ulong size)
    {
        foreach (var (level, n, width) in LogTiles.HashTilesOf(size))
            Write(root, TilePaths.Tile(level, n, width), LogTiles.HashTile(store, size, level, n, width)!);
    }

    private static void WriteEntries(LogStore store, string root, ulong size)
    {
        foreach (var (n, width) in LogTiles.BundlesOf(size))
            Write(root, TilePaths.Entries(n, width), LogTiles.Bundle(store, size, n, width)!);
    }

    /// <summary>Voting extension (export.md §4): every checkpoint the log signed, by size, so cosignature timestamps can bound each batch.</summary>
    private static void WriteCheckpoints(LogStore store, string root, ulong size)
    {
        foreach (var s in store.CheckpointSizes().Where(s => s <= size))
            Write(root, "voting/checkpoints/" + s.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(store.CheckpointAt(s)!));
    }

    private static void Write(string root, string relative, byte[] bytes)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}
