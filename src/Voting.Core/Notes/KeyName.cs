using System.Text;

namespace Voting.Core.Notes;

/// <summary>C2SP signed-note key names (log.md §8.2): non-empty, no Unicode space, no '+'.</summary>
public static class KeyName
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        foreach (var rune in name.EnumerateRunes())
            if (Rune.IsWhiteSpace(rune) || rune.Value == '+' || Rune.IsControl(rune)) return false;
        return true;
    }

    public static void Require(string name)
    {
        if (!IsValid(name)) throw new VotingFormatException($"key name \"{name}\" is empty or contains a space, a control character or '+'");
    }
}
