using Voting.Core.Notes;

namespace Scrutineer.Verify;

/// <summary>
/// What the scrutineer trusts (audit.md §5), from a policy file (<see cref="PolicyFile"/>: the same format a
/// member's `check-receipt --policy` and `scrutineer watch --policy` read) or, without one, from the export's own
/// keys file (and said so).
/// </summary>
public sealed record Policy(NoteVerifier LogKey, IReadOnlyList<NoteVerifier> Witnesses, int Quorum, long CloseToleranceSeconds, bool FromExport)
{
    /// <summary>The organiser keys the definition must name exactly (empty: not pinned), and the least threshold (PolicyFile).</summary>
    public IReadOnlyList<byte[]> OrganiserKeys { get; init; } = [];
    public uint? OrganiserThreshold { get; init; }

    public static Policy FromExportKeys(ExportedLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return new(log.ClaimedLogKey, log.ClaimedWitnesses, log.ClaimedQuorum ?? log.ClaimedWitnesses.Count, PolicyFile.DefaultCloseToleranceSeconds, true);
    }

    /// <summary>The witness policy part, for the checks every checkpoint must pass.</summary>
    public WitnessPolicy Witnessing => new(LogKey, Witnesses, Quorum);

    /// <summary>The policy file if one was given, else the export's own keys.</summary>
    public static Policy Load(FileInfo? file, ExportedLog export) =>
        file is null ? FromExportKeys(export) : Of(PolicyFile.Read(file));

    public static Policy Parse(string text, string name) => Of(PolicyFile.Parse(text, name));

    private static Policy Of(PolicyFile p) =>
        new(p.Witnessing.LogKey, p.Witnessing.Witnesses, p.Witnessing.Quorum, p.CloseToleranceSeconds, false)
        {
            OrganiserKeys = p.OrganiserKeys,
            OrganiserThreshold = p.OrganiserThreshold,
        };
}
