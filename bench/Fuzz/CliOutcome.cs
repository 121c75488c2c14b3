namespace Voting.Fuzz;

/// <summary>The oracle for a command-line run: a documented exit code, and diagnostics that are lines of their own, never a stack trace.</summary>
internal static class CliOutcome
{
    /// <summary>Null when the run ended as documented (exit 0, 1 or 2; on failure "tool: error: …" and "hint: …" lines only).</summary>
    public static string? Problem(string tool, int code, string stderr)
    {
        if (stderr.Contains("Unhandled exception", StringComparison.Ordinal) || stderr.Contains("\n   at ", StringComparison.Ordinal))
            return $"a stack trace reached the user: {FirstLines(stderr)}";
        if (code is not (0 or 1 or 2)) return $"exit code {code}: {FirstLines(stderr)}";
        foreach (var line in stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (!line.StartsWith($"{tool}: error: ", StringComparison.Ordinal) && !line.StartsWith("hint: ", StringComparison.Ordinal))
                return $"stderr line is not a diagnostic: {Mutate.Show(line)}";
        if (code != 0 && !stderr.StartsWith($"{tool}: error: ", StringComparison.Ordinal)) return $"exit {code} without an error line";
        return null;
    }

    private static string FirstLines(string s) => Mutate.Show(string.Join(" | ", s.Split('\n').Take(3)));
}
