namespace Voting.Core.Tests;

/// <summary>Finds ../shared/vectors from the repository root; tests skip with a clear message only where it is absent.</summary>
internal static class SharedVectors
{
    public static string? Root { get; } =
        TestPaths.Shared is { } s && Directory.Exists(Path.Combine(s, "vectors")) ? Path.Combine(s, "vectors") : null;

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
