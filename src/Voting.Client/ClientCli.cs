using System.CommandLine;
using Voting.Client.Api;
using Voting.Client.Member;
using Voting.Client.Organiser;
using Grpc.Core;
using Voting.Protocol;

namespace Voting.Client;

/// <summary>The voting command line: organiser and member commands. Errors go to stderr as "voting: error: …" with a "hint:" line.</summary>
public static class ClientCli
{
    internal static readonly Option<string> HomeOption = new("--home")
    {
        Description = "where keys, codes, credentials and receipts are kept (default $VOTING_HOME or ./.voting)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VOTING_HOME") is { Length: > 0 } h ? h : ".voting",
        Recursive = true,
    };
    internal static readonly Option<string> ServerOption = new("--server")
    {
        Description = "the ballot server's gRPC address (default $VOTING_SERVER or http://127.0.0.1:5070)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VOTING_SERVER") is { Length: > 0 } s ? s : "http://127.0.0.1:5070",
        Recursive = true,
    };
    internal static readonly Option<double> TimeoutOption = new("--timeout") { Description = "seconds each call may take before it is retried", DefaultValueFactory = _ => 30, Recursive = true };
    internal static readonly Option<int> RetriesOption = new("--retries") { Description = "retries on UNAVAILABLE / DEADLINE_EXCEEDED / no connection", DefaultValueFactory = _ => 4, Recursive = true };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null)
    {
        var root = new RootCommand("voting: run an election (organiser) or take part in one (member) on a Voting ballot server.")
        {
            OrganiserCommands.Create(stdout, stdin ?? Console.In),
            MemberCommands.Create(stdout, stdin ?? Console.In),
        };
        root.Options.Add(HomeOption);
        root.Options.Add(ServerOption);
        root.Options.Add(TimeoutOption);
        root.Options.Add(RetriesOption);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine can report one missing argument twice; each problem is said once.
            foreach (var message in parsed.Errors.Select(e => e.Message).Distinct()) stderr.WriteLine($"voting: error: {message}");
            stderr.WriteLine("hint: voting --help lists the commands; each has --help with an example");
            return 2;
        }
        try { return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }); }
        catch (Exception e) { return Fail(e, stderr); }
    }

    /// <summary>One failure, told once: what went wrong and, where it helps, what to do.</summary>
    internal static int Fail(Exception e, TextWriter stderr)
    {
        switch (e)
        {
            case ClientException c:
                stderr.WriteLine($"voting: error: {c.Message}");
                if (c.Hint is not null) stderr.WriteLine($"hint: {c.Hint}");
                return 1;
            case RpcException r:
                stderr.WriteLine($"voting: error: the server refused: {r.StatusCode}: {r.Status.Detail}");
                if (HintFor(r) is { } hint) stderr.WriteLine($"hint: {hint}");
                return 1;
            case IOException or UnauthorizedAccessException or Voting.Core.VotingFormatException:
                stderr.WriteLine($"voting: error: {e.Message}");
                return 1;
            default:
                throw e;
        }
    }

    /// <summary>A hint by the refusal's errors.md row (sent in a trailer), or by the status where no row applies.</summary>
    private static string? HintFor(RpcException r)
    {
        var row = ErrorRows.Of(r);
        if (row == ErrorRows.V1) return "voting is not open now; ask the organiser when it opens or closes";
        if (row == ErrorRows.V5) return "this election counts one ballot per member and yours is already in the log; check it with member check-receipt";
        if (row == ErrorRows.V8) return "the code does not match its roll entry: type it exactly as in your letter (the number before the first dash included)";
        if (row == ErrorRows.V12) return "the independent issuer's code (I-…) does not match your roll entry: type it exactly as the issuer sent it; the office's code alone cannot enrol";
        if (row == ErrorRows.V9) return "your codes were already used to enrol. If that was not you (on another computer or in the voting page), someone used your codes: this is evidence of impersonation. Run voting member check-participation to see when, and after voting closes dispute it with voting member dispute";
        if (row == ErrorRows.V13) return "your ballot style does not include that contest: vote only in the contests shown for you";
        if (row == ErrorRows.V3 || row == ErrorRows.V4) return "the signature or credential was not accepted: enrol with your own code, and use the --home that holds your credential";
        if (row == ErrorRows.G1) return "no such election on this server; check --election and --server";
        if (row == ErrorRows.O13) return "this server lets only the organisers its operator lists create elections: send the operator your public key (voting organiser keygen printed it)";
        if (row == ErrorRows.O17) return "the independent issuer attests the committed roll first (scrutineer issuer attest); then open again";
        if (row == ErrorRows.O21) return "the independent issuer records its roll audit (scrutineer issuer audit --outcomes …), and the dispute window must end, before the result is declared";
        if (row == ErrorRows.V15 || row == ErrorRows.V16) return "a dispute is for an entry enrolled in your name, after voting closes and within the election's dispute window; check with voting member check-participation";
        if (row == ErrorRows.O16) return "each lot contributor reveals its seed after Close (scrutineer lot reveal); then declare again";
        if (row == ErrorRows.G3) return "the server's database has lost records it had published: keep your receipt, which proves what it held, and tell the organiser and the scrutineers";
        return r.StatusCode switch
        {
            StatusCode.Unavailable => "the server (or its witnesses) did not answer after several tries; a cast that reached the log is not lost: casting the same ballot again returns its receipt",
            StatusCode.DeadlineExceeded => "the server was too slow; try again with a larger --timeout",
            StatusCode.ResourceExhausted => "the request is larger than the server accepts (4 MiB by default: a roll of about 120,000 members); the server's operator can raise MaxMessageBytes",
            _ => null,
        };
    }

    internal static VotingApi Api(ParseResult p)
    {
        var text = p.GetValue(ServerOption)!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
            throw new ClientException($"--server {text} is not an http(s) address", "for example: --server http://127.0.0.1:5070");
        var seconds = p.GetValue(TimeoutOption);
        if (seconds is <= 0 or > 3600 || double.IsNaN(seconds)) throw new ClientException("--timeout must be between 0 and 3600 seconds");
        var retries = p.GetValue(RetriesOption);
        if (retries is < 0 or > 20) throw new ClientException("--retries must be between 0 and 20");
        return new VotingApi(server, TimeSpan.FromSeconds(seconds), retries);
    }

    internal static Home HomeOf(ParseResult p) => new(p.GetValue(HomeOption)!);
}
