using System.Security.Cryptography;
using Voting.Core.Notes;

namespace Voting.Server;

/// <summary>The server's log key: read from a C2SP skey file, or generated on first start and written with mode 0600.</summary>
internal static class KeyFile
{
    public static NoteSigner LoadOrCreate(string path, string name)
    {
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                throw new InvalidOperationException($"key file {path} is readable by others; chmod 600 it");
            return NoteSigner.ParseSkey(File.ReadAllText(path).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var signer = new NoteSigner(name, RandomNumberGenerator.GetBytes(32));
        var temp = path + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var f = new FileStream(temp, fileOptions))
        using (var w = new StreamWriter(f))
        {
            w.Write(signer.ToSkey() + "\n");
            w.Flush();
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, path);
        return signer;
    }
}
