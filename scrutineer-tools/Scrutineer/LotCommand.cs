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
/// scrutineer lot commit | check | reveal: an independent party's share of an election's lots (log.md §7.1,
/// counting.md §7). commit makes the seed and prints the commitment for the organisers; check confirms the created
/// election names it (before Open); reveal sends the seed after Close.
/// </summary>
internal static class LotCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cmd = new Command("lot", "Your share, as an independent party, of the seed that breaks ties by lot in an election.");

        var election = new Option<string>("--election") { Description = "the election id (the commitment is bound to it)", Required = true };
        var name = new Option<string>("--name") { Description = "how the definition names you (1-64 printable ASCII characters, no spaces)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "the file that keeps your seed (mode 0600; never replaced)", Required = true };
        var commit = new Command("commit", """
            Make a secret 32-byte seed for one election, keep it in --out, and print its commitment for the organisers'
            definition. Keep the file until the election is declared: the count cannot run until you reveal it.
            example: scrutineer lot commit --election chair-2026 --name scrutineer-1 --out chair-2026.lot
            """) { election, name, output };
        commit.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            if (file.Exists) return Fail(stderr, $"{file.FullName} exists; a lot seed file is never replaced (its seed may already be committed)", "choose another --out for another election");
            LotContribution c;
            try { c = LotContribution.New(parse.GetValue(election)!, parse.GetValue(name)!); }
            catch (VotingFormatException e) { return Fail(stderr, e.Message, null); }
            c.WriteNew(file.FullName);
            stdout.WriteLine($"lot seed for {c.ElectionId} written to {file.FullName}");
            stdout.WriteLine($"lot contributor for the definition: {c.Name}={Convert.ToBase64String(c.Commitment)}");
            stdout.WriteLine($"(the organisers pass it to voting organiser create --lot {c.Name}={Convert.ToBase64String(c.Commitment)}; once created, run scrutineer lot check)");
            return 0;
        });
        cmd.Subcommands.Add(commit);

        var file = new Argument<FileInfo>("FILE") { Description = "the file lot commit wrote" };
        var server = new Option<string>("--server") { Description = "the ballot server's gRPC address", DefaultValueFactory = _ => ServerCalls.DefaultServer };
        var check = new Command("check", """
            Confirm that the election names your commitment (under your name) before it opens: organisers who put
            another commitment in your place could know the lots in advance.
            example: scrutineer lot check chair-2026.lot --server http://127.0.0.1:5070
            """) { file, server };
        check.SetAction(async (parse, ct) =>
        {
            var (c, definition, phase, channel, code) = await Fetch(parse.GetValue(file)!, parse.GetValue(server), stderr, ct).ConfigureAwait(false);
            using var _ = channel;
            if (c is null) return code;
            var index = IndexOf(definition!, c);
            if (index < 0) return Fail(stderr, $"election {c.ElectionId} does not name your commitment: its lot contributors are {string.Join(", ", definition!.LotContributors.Select(x => x.Name))}", "do not take part: tell the members and the other scrutineers");
            var named = definition!.LotContributors[index].Name;
            stdout.WriteLine($"election {c.ElectionId} names your commitment as lot contributor {index} (\"{named}\"){(named == c.Name ? "" : $", not as \"{c.Name}\"")}; it is {phase}");
            if (phase >= Phase.Open) stdout.WriteLine("(it has already opened: a check is worth most before Open)");
            return 0;
        });
        cmd.Subcommands.Add(check);

        var reveal = new Command("reveal", """
            After Close, reveal your seed to the log (it opens the commitment in the definition; nothing else is signed).
            Refused before Close, so the seed is never sent while ballots can still be cast. Repeating a recorded reveal is harmless.
            example: scrutineer lot reveal chair-2026.lot --server http://127.0.0.1:5070
            """) { file, server };
        reveal.SetAction(async (parse, ct) =>
        {
            var (c, definition, phase, channel, code) = await Fetch(parse.GetValue(file)!, parse.GetValue(server), stderr, ct).ConfigureAwait(false);
            using var _ = channel;
            if (c is null) return code;
            int index = IndexOf(definition!, c);
            if (index < 0) return Fail(stderr, $"election {c.ElectionId} names no lot contributor with this seed's commitment", "is this the file you made for this election?");
            if (phase < Phase.Closed) return Fail(stderr, $"election {c.ElectionId} is {phase}: the seed is revealed only after Close", "run lot reveal once the organisers have closed voting");
            try
            {
                var r = await new OrganiserService.OrganiserServiceClient(channel).RevealLotAsync(new RevealLotRequest
                {
                    Reveal = new LotReveal { ElectionId = c.ElectionId, ContributorIndex = (uint)index, Seed = ByteString.CopyFrom(c.Seed) },
                }, deadline: ServerCalls.Deadline, cancellationToken: ct).ConfigureAwait(false);
                stdout.WriteLine($"revealed lot contribution {index} (\"{definition!.LotContributors[index].Name}\") of {c.ElectionId}: record {r.Index}");
                return 0;
            }
            catch (RpcException e) { return Refused(stderr, e); }
        });
        cmd.Subcommands.Add(reveal);
        return cmd;
    }

    private static int IndexOf(ElectionDefinition d, LotContribution c) =>
        Enumerable.Range(0, d.LotContributors.Count).FirstOrDefault(i => d.LotContributors[i].Commitment.Span.SequenceEqual(c.Commitment), -1);

    /// <summary>
    /// The seed file and the election it is for, as the server describes it, with the channel to it (the caller's to
    /// dispose, and to reveal over); on failure a null contribution and the exit code.
    /// </summary>
    private static async Task<(LotContribution? Contribution, ElectionDefinition? Definition, Phase Phase, GrpcChannel? Channel, int Code)> Fetch(FileInfo path, string? server, TextWriter stderr, CancellationToken ct)
    {
        if (!path.Exists) return (null, null, default, null, Fail(stderr, $"{path.FullName} does not exist", "lot check and lot reveal take the file lot commit wrote"));
        LotContribution c;
        try { c = LotContribution.Parse(await File.ReadAllTextAsync(path.FullName, ct).ConfigureAwait(false)); }
        catch (VotingFormatException e) { return (null, null, default, null, Fail(stderr, $"{path.Name}: {e.Message}", null)); }
        if (ServerCalls.Channel(server, stderr) is not { } channel) return (null, null, default, null, 1);
        try
        {
            var info = await new VoterService.VoterServiceClient(channel).GetElectionAsync(new GetElectionRequest { ElectionId = c.ElectionId },
                deadline: ServerCalls.Deadline, cancellationToken: ct).ConfigureAwait(false);
            return (c, info.Definition, info.Phase, channel, 0);
        }
        catch (RpcException e) { return (null, null, default, channel, Refused(stderr, e)); }
    }

    private static int Refused(TextWriter stderr, RpcException e) => ServerCalls.Refused(stderr, e);

    private static int Fail(TextWriter stderr, string message, string? hint) => ServerCalls.Fail(stderr, message, hint);
}
