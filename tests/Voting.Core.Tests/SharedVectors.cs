namespace Voting.Core.Tests;

/// <summary>Finds ../shared/vectors from the repository root; tests skip with a clear message only where it is absent.</summary>
internal static class SharedVectors
{
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("VOTING_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "vectors"))) return Path.Combine(env, "vectors");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Voting.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "vectors"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }
        return null;
    }

    public static string Require(params string[] parts)
    {
        if (Root is null)
        {
            if (Environment.GetEnvironmentVariable("VOTING_REQUIRE_SHARED") == "1")
                Assert.Fail("../shared/vectors is absent but VOTING_REQUIRE_SHARED=1");
            Assert.Skip("../shared/vectors is absent next to the repository; shared vector tests cannot run");
        }
        return Path.Combine([Root!, .. parts]);
    }
}
