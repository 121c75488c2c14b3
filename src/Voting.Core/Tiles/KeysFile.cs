using System.Text;
using Voting.Core.Notes;

namespace Voting.Core.Tiles;

/// <summary>The export's `keys` file (export.md §5): exactly one "log vkey" line, then any "witness vkey" lines.</summary>
public sealed record KeysFile(NoteVerifier Log, IReadOnlyList<NoteVerifier> Witnesses)
{
    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append("log ").Append(Log.ToVkey()).Append('\n');
        foreach (var w in Witnesses) sb.Append("witness ").Append(w.ToVkey()).Append('\n');
        return sb.ToString();
    }

    /// <summary>Witness keys come back as cosignature (type 0x04) verifiers, the form their signatures are checked with.</summary>
    public static KeysFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        NoteVerifier? log = null;
        var witnesses = new List<NoteVerifier>();
        foreach (var line in text.Split('\n').Where(l => l.Length > 0))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length != 2) throw new VotingFormatException($"keys: line \"{StrictBase64.Truncate(line)}\" is not \"role vkey\"");
            if (parts[0] == "log") log = log is null ? NoteVerifier.ParseVkey(parts[1]) : throw new VotingFormatException("keys: more than one log key");
            else if (parts[0] == "witness") witnesses.Add(NoteVerifier.ParseVkey(parts[1]).AsCosignatureVerifier());
            else throw new VotingFormatException($"keys: unknown role \"{StrictBase64.Truncate(parts[0])}\"");
        }
        return new KeysFile(log ?? throw new VotingFormatException("keys: no log key"), witnesses);
    }
}
