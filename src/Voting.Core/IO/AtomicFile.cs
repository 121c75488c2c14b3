namespace Voting.Core.IO;

/// <summary>
/// Writes a file so that a reader (or a restart after a crash) sees either the old contents or the new, never a
/// mix: write a temporary file beside it, fsync it, rename it over the target, fsync the directory.
/// Witness state, watch state and key files depend on this; a witness that lost its last cosigned size after
/// answering could be talked into cosigning a fork.
/// </summary>
public static class AtomicFile
{
    /// <summary>Owner read and write only: for key files and state a stranger must not change.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, ReadOnlySpan<byte> contents, UnixFileMode? mode = null, bool overwrite = true)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        // The directory made to hold an owner-only file is owner-only too (a server's data directory made for its key);
        // any parent missing above it is made as usual.
        if (mode is { } owner && (owner & ~OwnerOnly) == 0 && !OperatingSystem.IsWindows())
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        else Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (mode is { } m && !OperatingSystem.IsWindows()) options.UnixCreateMode = m;
        try
        {
            using (var f = new FileStream(temp, options))
            {
                f.Write(contents);
                f.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        SyncDirectory(dir);
    }

    public static void WriteText(string path, string contents, UnixFileMode? mode = null, bool overwrite = true) =>
        Write(path, System.Text.Encoding.UTF8.GetBytes(contents), mode, overwrite);

    /// <summary>Makes the rename itself durable; where a directory cannot be opened (Windows) the rename is left to the OS.</summary>
    private static void SyncDirectory(string dir)
    {
        if (OperatingSystem.IsWindows()) return;
        int fd = Native.Open(dir, 0 /* O_RDONLY */);
        if (fd < 0) return; // not all file systems let a directory be opened; the rename stands, only its durability is the OS's
        try { _ = Native.Fsync(fd); }
        finally { _ = Native.Close(fd); }
    }

    private static class Native
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "open", CharSet = System.Runtime.InteropServices.CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        public static extern int Open(string path, int flags);

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fsync")]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        public static extern int Fsync(int fd);

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "close")]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int fd);
    }
}
