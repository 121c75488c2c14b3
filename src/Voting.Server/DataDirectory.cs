using System.Globalization;

namespace Voting.Server;

/// <summary>
/// The data directory holds the log key and every ballot in clear: its owner's alone. What the server makes there is
/// created owner-only (directories 0700, files 0600; SQLite gives a database's -wal and -shm files the database's own
/// mode), and at start anything of the server's in it that group or others may use stops the server, naming the path
/// and the chmod that fixes it — like the key file. Checked: the directory itself, log.key, and all of elections/;
/// other files an operator keeps there (a log of the server's output, say) are theirs.
/// </summary>
internal static class DataDirectory
{
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates a directory and any missing parent owner-only; one that exists is left as it is and checked at start.</summary>
    public static void CreateOwnerOnly(string dir)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
            return;
        }
        // One by one: Directory.CreateDirectory gives the mode to the innermost directory only, its new parents the default.
        var missing = new Stack<string>();
        for (var d = Path.GetFullPath(dir); !Directory.Exists(d); d = Path.GetDirectoryName(d)!) missing.Push(d);
        while (missing.TryPop(out var d)) Directory.CreateDirectory(d, OwnerOnlyDirectory);
    }

    /// <summary>Creates the data directory if missing, then refuses (InvalidOperationException, one line) anything of the server's in it others may use.</summary>
    public static void Prepare(string dataDir)
    {
        try { CreateOwnerOnly(dataDir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"DataDir {dataDir} cannot be created: {e.Message}");
        }
        if (OperatingSystem.IsWindows()) return;
        Check(dataDir, directory: true);
        var key = Path.Combine(dataDir, "log.key");
        if (File.Exists(key)) Check(key, directory: false);
        var elections = Path.Combine(dataDir, "elections");
        if (!Directory.Exists(elections)) return;
        Check(elections, directory: true);
        var all = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(elections).EnumerateFileSystemInfos("*", all).OrderBy(e => e.FullName, StringComparer.Ordinal))
            Check(entry.FullName, entry is DirectoryInfo);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Check(string path, bool directory)
    {
        // File.GetUnixFileMode follows a symbolic link: what matters is who can reach what it points to.
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) == 0) return;
        var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"{(directory ? "directory" : "file")} {path} in the data directory is open to group or others (mode {octal}); chmod {(directory ? "700" : "600")} {path}"));
    }
}
