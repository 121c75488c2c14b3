using System.CommandLine;
using Spectre.Console;
using Voting.Client.Api;
using Voting.Counting.Results;

namespace Voting.Client.Organiser;

/// <summary>voting organiser keygen | create | roll import | open | close | declare | status.</summary>
internal static class OrganiserCommands
{
    private static Option<string> ElectionOption() => new("--election") { Description = "the election id", Required = true };

    public static Command Create(TextWriter stdout)
    {
        var cmd = new Command("organiser", "Run an election: create it, commit the roll, open, close, declare; every act signed with your organiser key.");

        var name = new Option<string>("--name") { Description = "your key's name", DefaultValueFactory = _ => "organiser" };
        var keygen = new Command("keygen", "Make your organiser key (kept in --home with mode 0600) and print its public key.\nexample: voting organiser keygen --name returning-officer") { name };
        keygen.SetAction(p =>
        {
            var key = Organiser.KeyGen(ClientCli.HomeOf(p), p.GetValue(name)!);
            stdout.WriteLine($"organiser key written to {ClientCli.HomeOf(p).OrganiserKey}");
            stdout.WriteLine($"public key (for organiser_keys): {Convert.ToBase64String(key.PublicKey)}");
        });
        cmd.Subcommands.Add(keygen);

        var file = new Argument<string>("election.json") { Description = "the definition (protobuf JSON of ElectionDefinition)" };
        var create = new Command("create", "Check an election definition, explain any problem, and create the election.\nexample: voting organiser create seeds/chair.json") { file };
        create.SetAction(async (p, ct) =>
        {
            using var api = ClientCli.Api(p);
            var (d, r) = await new Organiser(ClientCli.HomeOf(p), api).Create(ElectionFile.Read(p.GetValue(file)!), ct).ConfigureAwait(false);
            stdout.WriteLine($"created election {d.ElectionId} \"{d.Title}\": {d.Contests.Count} contest(s), record {r.Index}");
        });
        cmd.Subcommands.Add(create);

        var members = new Argument<string>("members.csv") { Description = "one member per line; the header must include member_id" };
        var import = new Command("import", """
            Issue a one-time enrollment code per member (100 random bits each), write them with the members' fields to a
            0600 file in --home for mailing (never logged, never sent), and commit the roll of their public keys.
            example: voting organiser roll import members.csv --election chair-2026
            """) { members, ElectionOption() };
        import.SetAction(async (p, ct) =>
        {
            using var api = ClientCli.Api(p);
            var (n, codes, r) = await new Organiser(ClientCli.HomeOf(p), api).ImportRoll(p.GetValue<string>("--election")!, p.GetValue(members)!, ct).ConfigureAwait(false);
            stdout.WriteLine($"roll of {n} members committed (record {r.Index}); enrollment codes for mailing: {codes}");
        });
        cmd.Subcommands.Add(new Command("roll", "The voter roll.") { import });

        foreach (var (verb, text) in new[] { ("open", "Open voting."), ("close", "Close voting and reveal the tie-break seed committed at creation.") })
        {
            var c = new Command(verb, $"{text}\nexample: voting organiser {verb} --election chair-2026") { ElectionOption() };
            c.SetAction(async (p, ct) =>
            {
                using var api = ClientCli.Api(p);
                var o = new Organiser(ClientCli.HomeOf(p), api);
                var id = p.GetValue<string>("--election")!;
                var r = verb == "open" ? await o.Open(id, ct).ConfigureAwait(false) : await o.Close(id, ct).ConfigureAwait(false);
                stdout.WriteLine($"{(verb == "open" ? "opened" : "closed")} {id} (record {r.Index})");
            });
            cmd.Subcommands.Add(c);
        }

        var http = new Option<string>("--http") { Description = "the server's HTTP address, where the log is published", DefaultValueFactory = _ => "http://127.0.0.1:5071" };
        var declare = new Command("declare", """
            Fetch the closed log, recount it with the scrutineer's own code, print the results, and declare them.
            example: voting organiser declare --election chair-2026 --http http://127.0.0.1:5071
            """) { ElectionOption(), http };
        declare.SetAction(async (p, ct) =>
        {
            using var api = ClientCli.Api(p);
            var id = p.GetValue<string>("--election")!;
            if (!Uri.TryCreate(p.GetValue(http), UriKind.Absolute, out var baseUri)) throw new ClientException($"--http {p.GetValue(http)} is not an address");
            var (counts, r) = await new Organiser(ClientCli.HomeOf(p), api).Declare(id, new Uri(baseUri, $"/elections/{id}/"), ct).ConfigureAwait(false);
            foreach (var c in counts) stdout.WriteLine($"{c.Contest.Title}\n{ResultTable.Render(c.Result)}");
            stdout.WriteLine($"declared {id} (record {r.Index})");
        });
        cmd.Subcommands.Add(declare);

        var watch = new Option<bool>("--watch") { Description = "refresh every two seconds until interrupted" };
        var status = new Command("status", "Turnout so far, as a table.\nexample: voting organiser status --election chair-2026 --watch") { ElectionOption(), watch };
        status.SetAction(async (p, ct) =>
        {
            using var api = ClientCli.Api(p);
            var o = new Organiser(ClientCli.HomeOf(p), api);
            var id = p.GetValue<string>("--election")!;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
            do
            {
                var s = await o.Status(id, ct).ConfigureAwait(false);
                var table = new Table().AddColumn("election").AddColumn("phase").AddColumn(new TableColumn("roll").RightAligned())
                    .AddColumn(new TableColumn("enrolled").RightAligned()).AddColumn(new TableColumn("voted").RightAligned())
                    .AddColumn(new TableColumn("turnout").RightAligned()).AddColumn(new TableColumn("ballots").RightAligned()).AddColumn(new TableColumn("log size").RightAligned());
                table.AddRow(id, s.Phase.ToString(), $"{s.RollSize:N0}", $"{s.Enrolled:N0}", $"{s.Voters:N0}", s.RollSize == 0 ? "-" : $"{100.0 * s.Voters / s.RollSize:0.00}%", $"{s.Ballots:N0}", $"{s.LogSize:N0}");
                console.Write(table);
                if (!p.GetValue(watch)) break;
                try { await Task.Delay(2000, ct).ConfigureAwait(false); } catch (OperationCanceledException) { break; }
            } while (true);
        });
        cmd.Subcommands.Add(status);
        return cmd;
    }
}
