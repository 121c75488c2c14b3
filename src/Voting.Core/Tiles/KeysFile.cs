using Voting.Core.Notes;

namespace Voting.Core.Tiles;

/// <summary>
/// The export's and the server's `keys` file (export.md §5): the election's witness policy as its publisher states
/// it — one "log vkey" line, any "witness vkey" lines, "quorum K" — in the policy file's format, so a member or a
/// scrutineer can save it and pin it with --policy. Witness keys come back as cosignature (type 0x04) verifiers.
/// </summary>
public static class KeysFile
{
    public static string Format(WitnessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Format();
    }

    /// <summary>A keys file without a quorum line (written before it had one) requires every witness named.</summary>
    /// <exception cref="VotingFormatException">Not a keys file, naming the line.</exception>
    public static WitnessPolicy Parse(string text) => PolicyFile.Parse(text, "keys", scrutineerSettings: false).Witnessing;
}
