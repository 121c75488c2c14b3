using System.CommandLine;
using Spectre.Console;
using Voting.Client.Api;
using Voting.Counting.Results;

namespace Voting.Client.Organiser;

/// <summary>voting organiser keygen | create | roll import | open | close | declare | sign | submit | status.</summary>
internal static class OrganiserCommands
{
    /// <summary>What became of an act: done (its record), or the act file to pass to the next organiser.</summary>
    private static string Said(ActOutcome r, string done) => r.Response is { } response
        ? $"{done} (record {response.Index})"
        : $"signed by you: {r.Signatures} of the {r.Threshold} organiser signatures this election needs. The act is in {r.PendingFile}:\n"
          + $"send it to another organiser, who runs: voting organiser sign FILE";

    private static Option<string> ElectionOption() => new("--election") { Description = "the election id", Required = true };

    public static Command Create(TextWriter stdout, TextReader stdin)
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
        var lot = new Option<string[]>("--lot")
        {
            Description = "a lot contributor, NAME=COMMITMENT as `scrutineer lot commit` printed it (repeatable; at least one, here or in the file's lotContributors)",
            AllowMultipleArgumentsPerToken = false,
        };
        var issuer = new Option<string?>("--issuer") { Description = "the independent issuer's public key, as `scrutineer issuer init` printed it: members then need its code too" };
        var rollAudit = new Option<string?>("--roll-audit") { Description = "the issuer's roll-audit commitment, as `scrutineer issuer init` printed it (with --issuer)" };
        var trustee = new Option<string[]>("--trustee")
        {
            Description = "a trustee of a sealed election, NAME=SIGNING_KEY,EXCHANGE_KEY as `scrutineer trustee init` printed it (repeatable, in order: 2 to 16)",
            AllowMultipleArgumentsPerToken = false,
        };
        var trusteeThreshold = new Option<uint?>("--trustee-threshold") { Description = "how many trustees decrypt together, 2 to their number (default: a majority of them)" };
        var create = new Command("create", """
            Check an election definition, explain any problem, and create the election.
            Ties are broken by lot from your seed and the seed of each independent lot contributor, who gives you only its commitment.
            With --issuer, an independent issuer gives every member the second half of their code (log.md §7.2).
            With --trustee, ballots are sealed to the trustees' joint key, and any --trustee-threshold of them decrypt (sealed.md §3.2).
            example: voting organiser create seeds/chair.json --lot scrutineer-1=<commitment from scrutineer lot commit>
            example: voting organiser create seeds/committee.json --lot scrutineer-1=<…> --issuer <key> --roll-audit <commitment>
            example: voting organiser create seeds/committee.json --lot scrutineer-1=<commitment> --trustee alice=<keys> --trustee bo=<keys> --trustee cy=<keys>
            """) { file, lot, issuer, rollAudit, trustee, trusteeThreshold };
        create.SetAction(async (p, ct) =>
        {
            using var api = ClientCli.Api(p);
            var definition = ElectionFile.Read(p.GetValue(file)!);
            foreach (var spec in p.GetValue(lot) ?? []) ElectionFile.AddLotContributor(definition, spec);
            if (p.GetValue(issuer) is not null || p.GetValue(rollAudit) is not null) ElectionFile.SetIssuer(definition, p.GetValue(issuer), p.GetValue(rollAudit));
            foreach (var spec in p.GetValue(trustee) ?? []) ElectionFile.AddTrustee(definition, spec);
            if (p.GetValue(trusteeThreshold) is { } k) definition.TrusteeThreshold = k;
            else if (definition.Trustees.Count > 0 && definition.TrusteeThreshold == 0) definition.TrusteeThreshold = (uint)definition.Trustees.Count / 2 + 1;
            var (d, r) = await new Organiser(ClientCli.HomeOf(p), api).Create(definition, ct).ConfigureAwait(false);
            stdout.WriteLine(Said(r, $"created election {d.ElectionId} \"{d.Title}\": {d.Contests.Count} contest(s)"));
        });
        cmd.Subcommands.Add(create);

        var members = new Argument<string>("members.csv") { Description = "one member per line; the header must include member_id, and a style column (each member's ballot style id) when the election lists styles" };
        var halves = new Option<string?>("--issuer-halves") { Description = "the halves.csv the independent issuer gave you (needed when the election names an issuer)" };
        var import = new Command("import", """
            Issue a one-time enrollment code per member (100 random bits each), write them with the members' fields to a
            0600 file in --home for mailing (never logged, never sent), and commit the roll of their public keys — with
            each member's half from the independent issuer and ballot style, where the election has them.
            example: voting organiser roll import members.csv --election chair-2026
            example: voting organiser roll import members.csv --election committee-2026 --issuer-halves halves.csv
            """) { members, ElectionOption(), halves };
        import.SetAction(async (p, ct) =>
        {
            using var api = ClientCli.Api(p);
            var (n, codes, r) = await new Organiser(ClientCli.HomeOf(p), api).ImportRoll(p.GetValue<string>("--election")!, p.GetValue(members)!, p.GetValue(halves), ct).ConfigureAwait(false);
            stdout.WriteLine($"enrollment codes for mailing: {codes}");
            stdout.WriteLine(Said(r, $"roll of {n} members committed"));
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
                stdout.WriteLine(Said(r, $"{(verb == "open" ? "opened" : "closed")} {id}"));
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
            stdout.WriteLine(Said(r, $"declared {id}"));
        });
        cmd.Subcommands.Add(declare);

        var actFile = new Argument<string>("FILE") { Description = "an act file another organiser prepared (…/elections/<id>/<act>.act.json)" };
        var signHttp = new Option<string>("--http") { Description = "the server's HTTP address, to recount the published log before signing a declaration", DefaultValueFactory = _ => "http://127.0.0.1:5071" };
        var keep = new Option<bool>("--keep") { Description = "only sign, even if yours completes the threshold (submit later)" };
        var yes = new Option<bool>("--yes") { Description = "sign without asking (for scripts that have shown the act to its signer another way)" };
        var sign = new Command("sign", """
            Show an act another organiser prepared in full, check it for yourself — the definition's rules, the roll's
            digest from its entries, the Close's seed against the definition, a declaration against your own recount of
            the published log — and, once you confirm, add your signature; if that completes the election's threshold,
            submit it. --election must name the election the act is for.
            example: voting organiser sign open.act.json --election chair-2026
            """) { actFile, ElectionOption(), signHttp, keep, yes };
        sign.SetAction(async (p, ct) =>
        {
            using var api = ClientCli.Api(p);
            var path = p.GetValue(actFile)!;
            var id = p.GetValue<string>("--election")!;
            // Read once: what is shown, checked and signed is this one copy, whatever happens to the file meanwhile.
            var pending = ActFile.Read(path);
            if (ActFile.Act(pending).ElectionId != id)
                throw new ClientException($"{path} is an act for election \"{ActFile.Act(pending).ElectionId}\", not {id}", "sign only the acts of the election you mean to");
            if (!Uri.TryCreate(p.GetValue(signHttp), UriKind.Absolute, out var baseUri)) throw new ClientException($"--http {p.GetValue(signHttp)} is not an address");
            var organiser = new Organiser(ClientCli.HomeOf(p), api);
            var checkedAct = await organiser.Check(pending, new Uri(baseUri, $"/elections/{id}/"), ct).ConfigureAwait(false);
            stdout.WriteLine(checkedAct.Details);
            if (!p.GetValue(yes))
            {
                stdout.Write("sign this act with your organiser key? [y/N] ");
                if (!string.Equals(stdin.ReadLine()?.Trim(), "y", StringComparison.OrdinalIgnoreCase))
                    throw new ClientException("not signed", "run sign again and answer y once you have read the act");
            }
            var r = await organiser.Sign(checkedAct, path, p.GetValue(keep), ct).ConfigureAwait(false);
            stdout.WriteLine(Said(r, "submitted"));
        });
        cmd.Subcommands.Add(sign);

        var submit = new Command("submit", "Submit an act file that carries enough organiser signatures.\nexample: voting organiser submit chair-2026-open.act.json") { actFile };
        submit.SetAction(async (p, ct) =>
        {
            using var api = ClientCli.Api(p);
            var r = await new Organiser(ClientCli.HomeOf(p), api).Submit(p.GetValue(actFile)!, ct).ConfigureAwait(false);
            stdout.WriteLine($"submitted (record {r.Index})");
        });
        cmd.Subcommands.Add(submit);

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
