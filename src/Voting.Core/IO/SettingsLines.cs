namespace Voting.Core.IO;

/// <summary>The line format of the small text files people write by hand (policy, keys, constraints): '#' starts a comment, tokens split on whitespace, blank lines skipped.</summary>
public static class SettingsLines
{
    public static IEnumerable<(int Line, string[] Tokens)> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length > 0) yield return (i + 1, tokens);
        }
    }
}
