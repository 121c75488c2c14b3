namespace Voting.Core.Tests;

internal static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Voting.sln"))) return dir.FullName;
        throw new InvalidOperationException("Voting.sln not found above " + AppContext.BaseDirectory);
    }
}
