namespace Scrutineer.Tests;

/// <summary>Runs the scrutineer CLI in process, script style: arguments in; exit code, stdout and stderr out.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Cli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}
