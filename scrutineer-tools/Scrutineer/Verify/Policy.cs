using System.Globalization;
using Voting.Core;
using Voting.Core.Notes;

namespace Scrutineer.Verify;

/// <summary>
/// What the scrutineer trusts (audit.md §5), from a policy file — lines "log VKEY", "witness VKEY", "quorum K",
/// "close-tolerance SECONDS", '#' comments — or, without one, from the export's own keys file (and said so).
/// </summary>
public sealed record Policy(NoteVerifier LogKey, IReadOnlyList<NoteVerifier> Witnesses, int Quorum, long CloseToleranceSeconds, bool FromExport)
{
    public static Policy FromExportKeys(ExportedLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return new(log.ClaimedLogKey, log.ClaimedWitnesses, log.ClaimedWitnesses.Count, 300, true);
    }

    /// <summary>A day: a close more than a day late is not a clock's drift, and a bound keeps every time sum in range.</summary>
    public const long MaxCloseToleranceSeconds = 86_400;

    /// <summary>The policy file if one was given, else the export's own keys.</summary>
    public static Policy Load(FileInfo? file, ExportedLog export) =>
        file is null ? FromExportKeys(export) : Parse(File.ReadAllText(file.FullName), file.Name);

    public static Policy Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        NoteVerifier? log = null;
        var witnesses = new List<NoteVerifier>();
        int? quorum = null;
        long tolerance = 300;
        foreach (var (line, t) in SettingsLines.Read(text))
        {
            string where = $"{name}: line {line}";
            if (t.Length != 2) throw new VotingFormatException($"{where}: expected \"setting value\"");
            switch (t[0])
            {
                case "log": log = NoteVerifier.ParseVkey(t[1]); break;
                case "witness": witnesses.Add(NoteVerifier.ParseVkey(t[1]).AsCosignatureVerifier()); break;
                case "quorum": quorum = int.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out var q) ? q : throw new VotingFormatException($"{where}: quorum must be a whole number"); break;
                case "close-tolerance":
                    tolerance = long.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s <= MaxCloseToleranceSeconds
                        ? s : throw new VotingFormatException($"{where}: close-tolerance must be 0 to {MaxCloseToleranceSeconds} seconds (a day)");
                    break;
                default: throw new VotingFormatException($"{where}: unknown setting \"{t[0]}\" (log, witness, quorum, close-tolerance)");
            }
        }
        if (log is null) throw new VotingFormatException($"{name}: a policy must name the log key (\"log VKEY\")");
        int k = quorum ?? witnesses.Count;
        if (k > witnesses.Count) throw new VotingFormatException($"{name}: quorum {k} exceeds the {witnesses.Count} witnesses named");
        return new Policy(log, witnesses, k, tolerance, false);
    }
}
