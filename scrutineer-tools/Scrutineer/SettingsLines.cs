namespace Scrutineer;

/// <summary>The line format shared by the scrutineer's small text files (policy, constraints): '#' starts a comment, tokens split on whitespace, blank lines skipped.</summary>
internal static class SettingsLines
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
