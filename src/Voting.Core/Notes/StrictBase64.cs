namespace Voting.Core.Notes;

/// <summary>Standard base64 (RFC 4648 §4) with exactly one accepted spelling per byte string: no whitespace, padded, zero pad bits.</summary>
public static class StrictBase64
{
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length % 4 != 0) return false;
        foreach (char c in text)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '=')) return false;
        try { bytes = Convert.FromBase64String(text); }
        catch (FormatException) { return false; }
        return Convert.ToBase64String(bytes) == text;
    }

    public static byte[] Decode(string text, string what) =>
        TryDecode(text, out var bytes) ? bytes : throw new VotingFormatException($"{what}: not canonical base64: \"{Truncate(text)}\"");

    internal static string Truncate(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
