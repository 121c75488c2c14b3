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
            LotCommand.Create(stdout, stderr),
            Issuer.IssuerCommand.Create(stdout, stderr),
            Trustees.TrusteeCommand.Create(stdout, stderr),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine can report one missing argument twice; each problem is said once.
            foreach (var message in parsed.Errors.Select(e => e.Message).Distinct()) stderr.WriteLine($"scrutineer: error: {message}");
            var command = parsed.CommandResult.Command;
            stderr.WriteLine(command == root
                ? "hint: scrutineer --help lists the commands"
                : $"hint: scrutineer {command.Name} --help shows its arguments and an example");
            return 2;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
