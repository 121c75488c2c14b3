namespace Voting.Counting.Tests;

/// <summary>../shared/elections/scotland beside the repository; tests skip with a clear message only where it is absent.</summary>
internal static class SharedElections
{
    public static string? Dir { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Voting.sln"))) continue;
            var d = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "elections", "scotland"));
            return Directory.Exists(d) ? d : null;
        }
        return null;
    }

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
