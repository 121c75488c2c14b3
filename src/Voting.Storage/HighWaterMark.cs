using System.Text;
using Microsoft.Win32.SafeHandles;
using Voting.Core;
using Voting.Core.IO;
using Voting.Core.Notes;

namespace Voting.Storage;

/// <summary>
/// Where the logs' high-water marks live (log.md §11.1): one file per log in a directory beside the log key, created
/// owner-only like the key. Whoever can edit the databases but not the key's directory cannot lower a mark, so a
/// database cut back to an earlier checkpoint is shorter than its mark.
/// </summary>
public sealed class HighWaterMarks
{
    public string Directory { get; }

    /// <exception cref="InvalidOperationException">The directory or a mark in it can be written by group or others.</exception>
    public HighWaterMarks(string directory)
    {
        Directory = Path.GetFullPath(directory);
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(Directory);
        else System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        HighWaterMark.RequireOwnerOnly(Directory);
    }

    /// <summary>Every log that has a mark here, by origin.</summary>
    public IReadOnlyList<string> Origins() =>
        [.. System.IO.Directory.EnumerateFiles(Directory).Select(Path.GetFileName).Where(n => n is not null && !n.StartsWith('.')).Select(n => Uri.UnescapeDataString(n!)).Order(StringComparer.Ordinal)];

    /// <summary>The checkpoint marked for this log, or null when it has no readable mark.</summary>
    public Checkpoint? Read(NoteVerifier logKey)
    {
        using var mark = Open(logKey);
        return mark.Latest;
    }

    internal HighWaterMark Open(NoteVerifier logKey)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        // Escaped, an origin ("host/elections/id") is one file name, and no origin can name a file outside the directory.
        return HighWaterMark.Open(Path.Combine(Directory, Uri.EscapeDataString(logKey.Name)), logKey);
    }
}

/// <summary>
/// One log's high-water mark: the newest checkpoint the log committed, as the log signed it, kept outside its database.
/// Two fixed slots are written in turn, in place, each followed by an fsync: a write torn by a crash spoils only the
/// slot being written, whose signature then fails, and the other slot still holds the mark before it. That is one
/// fsync per batch, where replacing the file by a rename costs a file and a directory sync.
/// </summary>
internal sealed class HighWaterMark : IDisposable
{
    /// <summary>A log-signed checkpoint is its origin twice, a size, a root and a signature: far below this for any origin a key name allows.</summary>
    public const int SlotBytes = 4096;

    private SafeFileHandle? _file;
    private int _slot;

    public string Path { get; }

    /// <summary>The newest checkpoint marked; null before the first mark, or when no slot holds one the log signed.</summary>
    public Checkpoint? Latest { get; private set; }

    /// <summary>The file exists but neither slot verifies: the mark was damaged outside the server.</summary>
    public bool Unreadable { get; }

    private HighWaterMark(string path, SafeFileHandle? file, Checkpoint? latest, int slot, bool unreadable)
    {
        Path = path;
        _file = file;
        Latest = latest;
        _slot = slot;
        Unreadable = unreadable;
    }

    public static HighWaterMark Open(string path, NoteVerifier logKey)
    {
        if (!File.Exists(path)) return new HighWaterMark(path, null, null, 1, unreadable: false);
        RequireOwnerOnly(path);
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        try
        {
            Checkpoint? latest = null;
            int slot = 1;
            var buffer = new byte[SlotBytes];
            for (int i = 0; i < 2; i++)
            {
                int n = RandomAccess.Read(file, buffer, (long)i * SlotBytes);
                if (Parse(buffer.AsSpan(0, n), logKey) is { } cp && (latest is null || cp.Size > latest.Size)) (latest, slot) = (cp, i);
            }
            return new HighWaterMark(path, file, latest, slot, unreadable: latest is null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>A slot's checkpoint when it verifies as the log's; null for an empty, torn or foreign slot.</summary>
    private static Checkpoint? Parse(ReadOnlySpan<byte> slot, NoteVerifier logKey)
    {
        int end = slot.IndexOf((byte)0);
        if (end < 0) end = slot.Length;
        if (end == 0) return null;
        try { return Checkpoint.ParseAndVerify(Encoding.UTF8.GetString(slot[..end]), logKey).Checkpoint; }
        catch (Exception e) when (e is VotingFormatException or NoteVerificationException) { return null; }
    }

    /// <summary>Marks a committed checkpoint (log-signed, of the given size); a size not above the mark changes nothing.</summary>
    public void Record(string signedCheckpoint, ulong size)
    {
        if (Latest is { } marked && size <= marked.Size) return;
        var bytes = Encoding.UTF8.GetBytes(signedCheckpoint);
        if (bytes.Length > SlotBytes) throw new IOException($"a checkpoint of {bytes.Length} bytes does not fit a high-water mark slot of {SlotBytes}");
        // The sequencer's own note, signed a moment ago: parsed for the mark, not verified again.
        var checkpoint = Checkpoint.ParseText(SignedNote.Parse(signedCheckpoint).Text);
        if (_file is null)
        {
            // Created whole and renamed into place, directory synced: the file exists durably before any slot is overwritten in it.
            var contents = new byte[2 * SlotBytes];
            bytes.CopyTo(contents, 0);
            AtomicFile.Write(Path, contents, AtomicFile.OwnerOnly, overwrite: false);
            _file = File.OpenHandle(Path, FileMode.Open, FileAccess.ReadWrite);
            _slot = 0;
        }
        else
        {
            int next = 1 - _slot;
            var slot = new byte[SlotBytes];
            bytes.CopyTo(slot, 0);
            RandomAccess.Write(_file, slot, (long)next * SlotBytes);
            RandomAccess.FlushToDisk(_file);
            _slot = next;
        }
        Latest = checkpoint;
    }

    /// <summary>A mark that group or others can write is no evidence: they could lower it, and a lowered mark absorbs a rollback.</summary>
    internal static void RequireOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        if ((File.GetUnixFileMode(path) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new InvalidOperationException($"high-water mark {path} can be written by group or others; chmod go-w it");
    }

    public void Dispose() => _file?.Dispose();
}
