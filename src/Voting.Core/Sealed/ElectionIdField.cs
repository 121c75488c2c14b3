using System.Text;

namespace Voting.Core.Sealed;

/// <summary>
/// How the sealed-ballot hashes and associated data name their election (docs/spec/sealed.md §2.3, §3.1):
/// uint8(len(election_id)) || election_id, the id ASCII (log.md §6) and at most 255 bytes.
/// </summary>
public static class ElectionIdField
{
    /// <summary>The length-prefixed id, or null when it is not ASCII or longer than 255 bytes (each caller says why in its own terms).</summary>
    public static byte[]? LengthPrefixed(string electionId)
    {
        ArgumentNullException.ThrowIfNull(electionId);
        if (electionId.Length > 255 || electionId.Any(ch => ch > 0x7f)) return null;
        var field = new byte[1 + electionId.Length];
        field[0] = (byte)electionId.Length;
        Encoding.ASCII.GetBytes(electionId, field.AsSpan(1));
        return field;
    }
}
