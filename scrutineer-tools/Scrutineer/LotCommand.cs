using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Scrutineer.Contributions;
using Voting.Core;
using Voting.Core.Records;
using Voting.Protocol;

namespace Scrutineer;

/// <summary>
/// scrutineer lot commit | reveal: an independent party's share of an election's lots (log.md §7.1, counting.md §7).
/// commit makes the seed and prints the commitment for the organisers; reveal sends the seed after Close.
/// </summary>
internal static class LotCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cmd = new Command("lot", "Your share, as an independent party, of the seed that breaks ties by lot in an election.");

        var name = new Option<string>("--name") { Description = "how the definition names you (1-64 printable ASCII characters, no spaces)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "the file that keeps your seed (mode 0600; never replaced)", Required = true };
        var commit = new Command("commit", """
            Make a secret 32-byte seed, keep it in --out, and print its commitment for the organisers' definition.
            Keep the file until the election is declared: the count cannot run until you reveal it.
            example: scrutineer lot commit --name scrutineer-1 --out chair-2026.lot
            """) { name, output };
        commit.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            if (file.Exists) return Fail(stderr, $"{file.FullName} exists; a lot seed file is never replaced (its seed may already be committed)", "choose another --out for another election");
            LotContribution c;
            try { c = LotContribution.New(parse.GetValue(name)!); }
            catch (VotingFormatException e) { return Fail(stderr, $"--name: {e.Message}", null); }
            c.WriteNew(file.FullName);
            stdout.WriteLine($"lot seed written to {file.FullName}");
            stdout.WriteLine($"lot contributor for the definition: {c.Name}={Convert.ToBase64String(c.Commitment)}");
            stdout.WriteLine($"(the organisers pass it to voting organiser create --lot {c.Name}={Convert.ToBase64String(c.Commitment)})");
            return 0;
        });
        cmd.Subcommands.Add(commit);

        var file = new Argument<FileInfo>("FILE") { Description = "the file lot commit wrote" };
        var server = new Option<string>("--server") { Description = "the ballot server's gRPC address", DefaultValueFactory = _ => "http://127.0.0.1:5070" };
        var election = new Option<string>("--election") { Description = "the election id", Required = true };
        var reveal = new Command("reveal", """
            After Close, reveal your seed to the log (it opens the commitment in the definition; nothing else is signed).
            Repeating a reveal that was recorded is harmless.
            example: scrutineer lot reveal chair-2026.lot --election chair-2026 --server http://127.0.0.1:5070
            """) { file, server, election };
        reveal.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) return Fail(stderr, $"{path.FullName} does not exist", "reveal takes the file lot commit wrote");
            LotContribution c;
            try { c = LotContribution.Parse(await File.ReadAllTextAsync(path.FullName, ct).ConfigureAwait(false)); }
            catch (VotingFormatException e) { return Fail(stderr, $"{path.Name}: {e.Message}", null); }
            if (!Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                return Fail(stderr, $"--server {parse.GetValue(server)} is not an http(s) address", "the server's gRPC address, e.g. http://127.0.0.1:5070");
            var id = parse.GetValue(election)!;
            try
            {
                using var channel = GrpcChannel.ForAddress(uri);
                var deadline = DateTime.UtcNow.AddSeconds(30);
                var info = await new VoterService.VoterServiceClient(channel).GetElectionAsync(new GetElectionRequest { ElectionId = id }, deadline: deadline, cancellationToken: ct).ConfigureAwait(false);
                int index = Enumerable.Range(0, info.Definition.LotContributors.Count)
                    .FirstOrDefault(i => info.Definition.LotContributors[i].Commitment.Span.SequenceEqual(c.Commitment), -1);
                if (index < 0) return Fail(stderr, $"election {id} names no lot contributor with this seed's commitment", "is this the file you made for this election?");
                var r = await new OrganiserService.OrganiserServiceClient(channel).RevealLotAsync(new RevealLotRequest
                {
                    Reveal = new LotReveal { ElectionId = id, ContributorIndex = (uint)index, Seed = ByteString.CopyFrom(c.Seed) },
                }, deadline: deadline, cancellationToken: ct).ConfigureAwait(false);
                stdout.WriteLine($"revealed lot contribution {index} (\"{info.Definition.LotContributors[index].Name}\") of {id}: record {r.Index}");
                return 0;
            }
            catch (RpcException e)
            {
                return Fail(stderr, $"the server refused: {e.Status.StatusCode}: {e.Status.Detail}",
                    e.StatusCode == StatusCode.FailedPrecondition ? "a seed is revealed after Close and before the Declaration" : e.StatusCode == StatusCode.Unavailable ? "is the server running at --server?" : null);
            }
        });
        cmd.Subcommands.Add(reveal);
        return cmd;
    }

    private static int Fail(TextWriter stderr, string message, string? hint)
    {
        stderr.WriteLine($"scrutineer: error: {message}");
        if (hint is not null) stderr.WriteLine($"hint: {hint}");
        return 1;
    }
}
