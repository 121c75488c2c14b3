using System.Security.Cryptography;
using Voting.Core.IO;

namespace Voting.Core.Notes;

/// <summary>
/// A private signing key in a C2SP skey file: read it, or create it on first use with mode 0600. Used by the
/// ballot server (log key) and the scrutineer's witness; a key file others can read is refused, because whoever
/// reads it can sign as its owner.
/// </summary>
public static class KeyFile
{
    public static NoteSigner LoadOrCreate(string path, string name)
    {
        if (File.Exists(path)) return Load(path);
        if (!KeyName.IsValid(name)) throw new ArgumentException($"key name \"{name}\" is not a valid note key name (non-empty, no spaces or '+')");
        var signer = new NoteSigner(name, RandomNumberGenerator.GetBytes(32));
        AtomicFile.WriteText(path, signer.ToSkey() + "\n", AtomicFile.OwnerOnly, overwrite: false);
        return signer;
    }

    public static NoteSigner Load(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new InvalidOperationException($"key file {path} is readable by others; chmod 600 it");
        return NoteSigner.ParseSkey(File.ReadAllText(path).Trim());
    }
}
