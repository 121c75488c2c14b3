using System.CommandLine;

namespace Scrutineer;

/// <summary>The scrutineer command line. Diagnostics go to stderr as "scrutineer: error: …" with a "hint:" line where one helps.</summary>
public static class Cli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("scrutineer: verify Voting election logs and recount their results, needing nothing from the server.")
        {
            CountCommand.Create(stdout, stderr),
            VerifyCommand.Create(stdout, stderr),
            VerifyDiffCommand.Create(stdout, stderr),
            WitnessCommand.Create(stdout, stderr),
            FetchCommand.Create(stdout, stderr),
            WatchCommand.Create(stdout, stderr),
            ReportCommand.Create(stdout, stderr),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) stderr.WriteLine($"scrutineer: error: {e.Message}");
            stderr.WriteLine("hint: scrutineer --help lists the commands; scrutineer count --help shows an example");
            return 2;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
