namespace Voting.Counting.Tests;

/// <summary>../shared/elections/scotland beside the repository; tests skip with a clear message only where it is absent.</summary>
internal static class SharedElections
{
    public static string? Dir { get; } =
        TestPaths.Shared is { } s && Directory.Exists(Path.Combine(s, "elections", "scotland")) ? Path.Combine(s, "elections", "scotland") : null;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        if (Dir is null) { data.Add("(absent)"); return data; }
        foreach (var f in Directory.GetFiles(Dir, "*.blt").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    public static string Require(string name)
    {
        if (Dir is null)
        {
            if (Environment.GetEnvironmentVariable("VOTING_REQUIRE_SHARED") == "1")
                Assert.Fail("../shared/elections is absent but VOTING_REQUIRE_SHARED=1");
            Assert.Skip("../shared/elections/scotland is absent next to the repository; conformance cases cannot run");
        }
        return Path.Combine(Dir!, name);
    }
}
