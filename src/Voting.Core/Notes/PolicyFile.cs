using System.Globalization;
using Voting.Core.IO;

namespace Voting.Core.Notes;

/// <summary>
/// A policy file (audit.md §5): lines "log VKEY" (exactly one), "witness VKEY", "quorum K" (default: every witness
/// named), "close-tolerance SECONDS" (the scrutineer's; default 300), "organiser KEY" (the organisers' public keys as
/// `voting organiser keygen` prints them: the definition must name exactly these) and "organiser-threshold M" (the
/// definition's threshold must be at least M), '#' comments. The export's and the server's `keys` file is the same
/// format without the scrutineer's settings, so a member or scrutineer can save it and pin it.
/// </summary>
public sealed record PolicyFile(WitnessPolicy Witnessing, long CloseToleranceSeconds)
{
    /// <summary>The organiser keys the definition must name, exactly; empty when the policy pins none.</summary>
    public IReadOnlyList<byte[]> OrganiserKeys { get; init; } = [];

    /// <summary>The least organiser threshold the definition may state; null when not pinned.</summary>
    public uint? OrganiserThreshold { get; init; }

    /// <summary>A day: a close more than a day late is not a clock's drift, and a bound keeps every time sum in range.</summary>
    public const long MaxCloseToleranceSeconds = 86_400;

    public const long DefaultCloseToleranceSeconds = 300;

    /// <param name="name">The file's name, for errors ("chair.policy: line 3: …").</param>
    /// <param name="scrutineerSettings">False for a keys file (and what reads one), where a scrutineer's close-tolerance and organiser pins have no place.</param>
    /// <exception cref="VotingFormatException">The text is not a policy, naming the line.</exception>
    public static PolicyFile Parse(string text, string name, bool scrutineerSettings = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        NoteVerifier? log = null;
        var witnesses = new List<NoteVerifier>();
        int? quorum = null;
        long tolerance = DefaultCloseToleranceSeconds;
        var organisers = new List<byte[]>();
        uint? organiserThreshold = null;
        string settings = scrutineerSettings ? "log, witness, quorum, close-tolerance, organiser, organiser-threshold" : "log, witness, quorum";
        foreach (var (line, t) in SettingsLines.Read(text))
        {
            string where = $"{name}: line {line}";
            if (t.Length != 2) throw new VotingFormatException($"{where}: expected \"setting value\"");
            switch (t[0])
            {
                case "log":
                    log = log is null ? Vkey(t[1], where) : throw new VotingFormatException($"{where}: a second log key (a policy names one log)");
                    break;
                case "witness":
                    var witness = Vkey(t[1], where).AsCosignatureVerifier();
                    if (witnesses.Any(w => w.Name == witness.Name && w.KeyId == witness.KeyId)) throw new VotingFormatException($"{where}: witness {witness.Name} is named twice");
                    witnesses.Add(witness);
                    break;
                case "quorum":
                    quorum = quorum is null && int.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out var q) ? q
                        : throw new VotingFormatException($"{where}: quorum must be a whole number, given once");
                    break;
                case "close-tolerance" when scrutineerSettings:
                    tolerance = long.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s <= MaxCloseToleranceSeconds
                        ? s : throw new VotingFormatException($"{where}: close-tolerance must be 0 to {MaxCloseToleranceSeconds} seconds (a day)");
                    break;
                case "organiser" when scrutineerSettings:
                    byte[]? key = null;
                    try { key = Convert.FromBase64String(t[1]); } catch (FormatException) { key = null; }
                    if (key is not { Length: 32 }) throw new VotingFormatException($"{where}: an organiser key is 32 bytes in base64, as voting organiser keygen prints it");
                    if (organisers.Any(k => k.AsSpan().SequenceEqual(key))) throw new VotingFormatException($"{where}: organiser key named twice");
                    organisers.Add(key);
                    break;
                case "organiser-threshold" when scrutineerSettings:
                    organiserThreshold = organiserThreshold is null && uint.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m >= 1 ? m
                        : throw new VotingFormatException($"{where}: organiser-threshold must be a whole number from 1, given once");
                    break;
                default: throw new VotingFormatException($"{where}: unknown setting \"{StrictBase64.Truncate(t[0])}\" ({settings})");
            }
        }
        if (log is null) throw new VotingFormatException($"{name}: a policy must name the log key (\"log VKEY\")");
        int k = quorum ?? witnesses.Count;
        if (k > witnesses.Count) throw new VotingFormatException($"{name}: quorum {k} exceeds the {witnesses.Count} witnesses named");
        if (organiserThreshold > organisers.Count && organisers.Count > 0)
            throw new VotingFormatException($"{name}: organiser-threshold {organiserThreshold} exceeds the {organisers.Count} organiser keys named");
        return new PolicyFile(new WitnessPolicy(log, witnesses, k), tolerance) { OrganiserKeys = organisers, OrganiserThreshold = organiserThreshold };
    }

    /// <summary>A policy file on disk, its errors named by the file's name.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PolicyFile Read(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Parse(File.ReadAllText(file.FullName), file.Name);
    }

    private static NoteVerifier Vkey(string vkey, string where)
    {
        try { return NoteVerifier.ParseVkey(vkey); }
        catch (VotingFormatException e) { throw new VotingFormatException($"{where}: {e.Message}", e); }
    }
}
