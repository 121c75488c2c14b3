namespace Voting.Testing;

/// <summary>Paths for every test project: the repository root (where Voting.sln is) and ../shared beside it.</summary>
internal static class TestPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared next to the repository, or null where it is absent.</summary>
    public static string? Shared { get; } = Directory.Exists(Path.Combine(Root, "..", "shared")) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : null;

    public static string Repo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Voting.sln"))) return d.FullName;
        throw new InvalidOperationException("Voting.sln not found above " + AppContext.BaseDirectory);
    }
}
