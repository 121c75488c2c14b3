using Voting.Client.Organiser;
using Voting.Core.Records;

namespace Voting.Client.Tests;

/// <summary>An independent lot contributor, as a real one works: through `scrutineer lot commit` and `lot reveal` (log.md §7.1).</summary>
internal static class LotContributorCli
{
    /// <summary>Commits a seed for the election in dir: the NAME=COMMITMENT that `organiser create --lot` takes, and the seed file.</summary>
    public static (string Flag, string File) Commit(string dir, string electionId, string name = "scrutineer-1")
    {
        var file = Path.Combine(dir, $"{electionId}.{name}.lot");
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.True(global::Scrutineer.Cli.Run(["lot", "commit", "--election", electionId, "--name", name, "--out", file], o, e) == 0, o.ToString() + e);
        const string Prefix = "lot contributor for the definition: ";
        var line = o.ToString().Split('\n').Single(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return (line[Prefix.Length..].Trim(), file);
    }

    /// <summary>Commits a seed and adds the contributor to the definition, as the organiser would; returns the seed file.</summary>
    public static string Commit(string dir, ElectionDefinition d, string name = "scrutineer-1")
    {
        var (flag, file) = Commit(dir, d.ElectionId, name);
        ElectionFile.AddLotContributor(d, flag);
        return file;
    }

    public static void Reveal(string file, string electionId, Uri grpc)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.True(global::Scrutineer.Cli.Run(["lot", "reveal", file, "--server", grpc.ToString()], o, e) == 0, o.ToString() + e);
        Assert.Contains($"of {electionId}: record", o.ToString(), StringComparison.Ordinal);
    }
}
