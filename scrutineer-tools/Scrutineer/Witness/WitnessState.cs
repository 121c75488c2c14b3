using System.Globalization;
using System.Text;
using Voting.Core;
using Voting.Core.IO;
using Voting.Core.Notes;

namespace Scrutineer.Witness;

/// <summary>
/// What a witness has cosigned, per log origin: the size and root of the latest checkpoint. Kept in a text file,
/// one "origin size base64(root)" line per log, replaced atomically (temp file, fsync, rename) before any
/// cosignature leaves the witness — so a crash can never make it forget a tree it vouched for.
/// </summary>
internal sealed class WitnessState
{
    private readonly string _path;
    private readonly Dictionary<string, (ulong Size, byte[] Root)> _logs;

    private WitnessState(string path, Dictionary<string, (ulong, byte[])> logs)
    {
        _path = path;
        _logs = logs;
    }

    public static WitnessState Load(string path)
    {
        var logs = new Dictionary<string, (ulong, byte[])>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            int n = 0;
            foreach (var line in File.ReadAllLines(path))
            {
                n++;
                var parts = line.Split(' ');
                if (parts.Length != 3 || !Checkpoint.IsValidOrigin(parts[0]) || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                    throw new VotingFormatException($"witness state {path} line {n}: expected \"origin size root\"");
                var root = StrictBase64.Decode(parts[2], $"witness state {path} line {n} root");
                if (!logs.TryAdd(parts[0], (size, root))) throw new VotingFormatException($"witness state {path} line {n}: {parts[0]} appears twice");
            }
        }
        return new WitnessState(path, logs);
    }

    public (ulong Size, byte[] Root)? Latest(string origin) => _logs.TryGetValue(origin, out var v) ? v : null;

    public void Record(string origin, ulong size, byte[] root)
    {
        var next = new Dictionary<string, (ulong Size, byte[] Root)>(_logs, StringComparer.Ordinal) { [origin] = (size, root) };
        var text = new StringBuilder();
        foreach (var (o, (s, r)) in next.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append(o).Append(' ').Append(s.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Convert.ToBase64String(r)).Append('\n');
        AtomicFile.WriteText(_path, text.ToString(), AtomicFile.OwnerOnly);
        _logs[origin] = (size, root); // only after the file holds it
    }
}
