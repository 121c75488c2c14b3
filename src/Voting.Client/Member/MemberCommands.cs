using System.CommandLine;
using Voting.Client.Api;
using Voting.Core;
using Voting.Core.Notes;

namespace Voting.Client.Member;

/// <summary>voting member enroll | vote | check-receipt.</summary>
internal static class MemberCommands
{
    private static Option<string> ElectionOption() => new("--election") { Description = "the election id", Required = true };

    public static Command Create(TextWriter stdout, TextReader stdin)
    {
        var cmd = new Command("member", "Take part: enrol with your one-time code, vote, and check your receipt.");

        var code = new Option<string>("--code") { Description = "the one-time enrollment code from your letter", Required = true };
        var issuerCode = new Option<string?>("--issuer-code") { Description = "the second code, from the independent issuer (I-…), where the election has one" };
        var enroll = new Command("enroll", """
            Make your voting key on this computer (it never leaves it; kept with mode 0600 in --home) and register it
            with your one-time code — and, where the election has an independent issuer, with its code too. The codes
            cannot be used again.
            example: voting member enroll --election chair-2026 --code 17-ABCDE-FGHJK-MNPQR-STVWX
            example: voting member enroll --election committee-2026 --code 17-ABCDE-FGHJK-MNPQR-STVWX --issuer-code I-BCDEF-GHJKM-NPQRS-TVWXY
            """) { ElectionOption(), code, issuerCode };
        enroll.SetAction(async (p, ct) =>
        {
            var home = ClientCli.HomeOf(p);
            var id = p.GetValue<string>("--election")!;
            var path = home.Credential(id);
            if (File.Exists(path)) throw new ClientException($"you already have a credential for {id} at {path}", "a code enrols once; to vote, run voting member vote");
            using var api = ClientCli.Api(p);
            var info = await api.Election(id, ct).ConfigureAwait(false);
            var policy = Member.StatedPolicy(info);
            var (credential, r) = await new Member(api).Enroll(info.Definition, p.GetValue(code)!, p.GetValue(issuerCode), ct).ConfigureAwait(false);
            credential.Save(path);
            stdout.WriteLine($"enrolled in {id} (record {r.Index}); your credential is in {path}");
            // Pinned now, while the member trusts the server's word: every later receipt and checkpoint must meet it.
            var policyPath = home.WitnessPolicy(id);
            if (!File.Exists(policyPath)) Voting.Core.IO.AtomicFile.WriteText(policyPath, policy.Format());
            stdout.WriteLine($"the election's witness policy ({policy.Witnesses.Count} witnesses, quorum {policy.Quorum}) is pinned in {policyPath}; compare it with the one the scrutineers publish");
        });
        cmd.Subcommands.Add(enroll);

        var participation = new Command("check-participation", """
            Ask, with your office code, whether your roll entry was enrolled and whether ballots were cast in your name,
            and when; the enrollment comes with its proof. If someone else enrolled with your codes, this says so and
            how to dispute it after voting closes.
            example: voting member check-participation --election committee-2026 --code 17-ABCDE-FGHJK-MNPQR-STVWX
            """) { ElectionOption(), code };
        participation.SetAction(async (p, ct) =>
        {
            var home = ClientCli.HomeOf(p);
            var id = p.GetValue<string>("--election")!;
            using var api = ClientCli.Api(p);
            var info = await api.Election(id, ct).ConfigureAwait(false);
            var policy = PinnedPolicy(home, id) ?? Member.StatedPolicy(info);
            var answer = await new Member(api).Participation(id, p.GetValue(code)!, policy, ct).ConfigureAwait(false);
            var mine = File.Exists(home.Credential(id)) ? Credential.Load(home.Credential(id)) : null;
            foreach (var line in Participation.Describe(info.Definition, answer, mine)) stdout.WriteLine(line);
        });
        cmd.Subcommands.Add(participation);

        var issuerCodeRequired = new Option<string?>("--issuer-code") { Description = "the second code, from the independent issuer (I-…)" };
        var dispute = new Command("dispute", """
            After voting has closed, within the election's dispute window: say, with both of your codes, that the
            enrollment made on your roll entry was not yours. The ballots cast with it are then set aside (not counted).
            example: voting member dispute --election committee-2026 --code 17-ABCDE-FGHJK-MNPQR-STVWX --issuer-code I-BCDEF-GHJKM-NPQRS-TVWXY
            """) { ElectionOption(), code, issuerCodeRequired };
        dispute.SetAction(async (p, ct) =>
        {
            var id = p.GetValue<string>("--election")!;
            using var api = ClientCli.Api(p);
            var r = await new Member(api).Dispute(id, p.GetValue(code)!, p.GetValue(issuerCodeRequired), ct).ConfigureAwait(false);
            stdout.WriteLine($"disputed: record {r.Index} of {id}; the ballots cast in your name will not be counted");
            stdout.WriteLine("keep this and your check-participation output: the scrutineer's report lists every dispute");
        });
        cmd.Subcommands.Add(dispute);

        var choice = new Option<string[]>("--choice") { Description = "contest=candidate[,candidate…] (a ranking for STV); repeat per contest; without it you are asked" };
        var receiptOut = new Option<string?>("--receipt") { Description = "where to save the receipt (default: in --home)" };
        var vote = new Command("vote", """
            Show the contests, take your choices (interactively, or from --choice), check the ballot, sign it with your
            credential and cast it. The receipt is saved once the ballot is in the log.
            example: voting member vote --election chair-2026 --choice chair=ann
            example: voting member vote --election committee-2026 --choice committee=cat,ann,bob
            """) { ElectionOption(), choice, receiptOut };
        vote.SetAction(async (p, ct) =>
        {
            var home = ClientCli.HomeOf(p);
            var id = p.GetValue<string>("--election")!;
            var credential = Credential.Load(home.Credential(id));
            using var api = ClientCli.Api(p);
            var d = (await api.Election(id, ct).ConfigureAwait(false)).Definition;
            var given = p.GetValue(choice) ?? [];
            var member = new Member(api);
            var style = await member.StyleOf(credential, d, ct).ConfigureAwait(false);
            var choices = given.Length > 0 ? BallotChoices.Parse(given) : Ask(d, style, stdout, stdin);
            var (_, receipt) = await member.Vote(credential, d, choices, style, ct).ConfigureAwait(false);
            var path = p.GetValue(receiptOut) ?? home.ReceiptFile(id);
            Voting.Core.IO.AtomicFile.WriteText(path, receipt.Format());
            // Saved first: a receipt the log signed but the witnesses did not is itself evidence worth keeping.
            if (PinnedPolicy(home, id) is { } pinned)
            {
                try { receipt.Verify(pinned); }
                catch (Exception e) when (e is NoteVerificationException or VotingFormatException)
                {
                    throw new ClientException($"the server's receipt (saved to {path}) does NOT verify under the election's pinned witness policy: {e.Message}", "keep the receipt and report it to the scrutineers: the server answered with a checkpoint the witnesses did not all see");
                }
            }
            stdout.WriteLine($"your ballot is record {receipt.Index} of the log; receipt saved to {path}");
            stdout.WriteLine($"check it any time: voting member check-receipt {path}");
        });
        cmd.Subcommands.Add(vote);

        var file = new Argument<string>("FILE") { Description = "a receipt saved by member vote" };
        var policyFile = new Option<FileInfo?>("--policy") { Description = "the witness policy to check against (log, witness, quorum lines; as scrutineer verify --policy reads); default: the one pinned at enrolment" };
        var log = new Option<string?>("--log") { Description = "the log's vkey alone (witness cosignatures are then not checked); prefer --policy" };
        var offline = new Option<bool>("--offline") { Description = "do not contact the server (needs a pinned policy, --policy or --log)" };
        var check = new Command("check-receipt", """
            Check a receipt: the log's signature and the witnesses' cosignatures on its checkpoint (the quorum of the
            witness policy pinned at enrolment, or of --policy) and the proof that your ballot is in it (offline),
            then that the server's latest checkpoint meets the same policy and is consistent with it — nothing was
            rewritten since (online).
            example: voting member check-receipt .voting/elections/chair-2026/receipt.txt
            example: voting member check-receipt receipt.txt --policy chair-2026.policy --offline
            """) { file, policyFile, log, offline };
        check.SetAction(async (p, ct) =>
        {
            var path = p.GetValue(file)!;
            if (!File.Exists(path)) throw new ClientException($"{path} does not exist");
            Receipt receipt;
            try { receipt = Receipt.Parse(File.ReadAllText(path)); }
            catch (VotingFormatException e) { throw new ClientException($"{path} is not a receipt: {e.Message}"); }
            var origin = Checkpoint.ParseText(SignedNote.Parse(receipt.CheckpointNote).Text).Origin;
            var electionId = origin[(origin.LastIndexOf('/') + 1)..];
            VotingApi? api = null;
            try
            {
                if (!p.GetValue(offline)) api = ClientCli.Api(p);
                var policy = await ReceiptPolicy(p, policyFile, log, ClientCli.HomeOf(p), electionId, api, stdout, ct).ConfigureAwait(false);
                try { stdout.WriteLine(await Member.CheckReceipt(receipt, policy, api, ct).ConfigureAwait(false)); }
                catch (Exception e) when (e is NoteVerificationException or VotingFormatException) { throw new ClientException($"the receipt does NOT verify: {e.Message}", "keep it: a receipt the log's key signed but the log or its witnesses do not honour is evidence"); }
            }
            finally { api?.Dispose(); }
        });
        cmd.Subcommands.Add(check);
        return cmd;
    }

    /// <summary>The witness policy pinned at enrolment for this election, if this home has one.</summary>
    private static WitnessPolicy? PinnedPolicy(Home home, string electionId)
    {
        var path = home.WitnessPolicy(electionId);
        if (!File.Exists(path)) return null;
        try { return PolicyFile.Parse(File.ReadAllText(path), path, scrutineerSettings: false).Witnessing; }
        catch (VotingFormatException e) { throw new ClientException($"the pinned witness policy is damaged: {e.Message}", $"restore {path} or pass --policy FILE"); }
    }

    /// <summary>
    /// What a receipt is checked against: --policy, else --log (the log key alone, said so), else the policy pinned at
    /// enrolment, else (online, on another computer) the server's own statement of it — said so, as it is only the
    /// server's word.
    /// </summary>
    private static async Task<WitnessPolicy> ReceiptPolicy(ParseResult p, Option<FileInfo?> policyFile, Option<string?> log, Home home,
        string electionId, VotingApi? api, TextWriter stdout, CancellationToken ct)
    {
        if (p.GetValue(policyFile) is { } file)
        {
            if (p.GetValue(log) is not null) throw new ClientException("give --policy or --log, not both: the policy names the log key");
            if (!file.Exists) throw new ClientException($"{file.FullName} does not exist");
            try { return PolicyFile.Read(file).Witnessing; }
            catch (VotingFormatException e) { throw new ClientException(e.Message, "a policy has lines \"log VKEY\", \"witness VKEY\" and \"quorum K\""); }
        }
        if (p.GetValue(log) is { } vkey)
        {
            NoteVerifier key;
            try { key = NoteVerifier.ParseVkey(vkey); }
            catch (VotingFormatException e) { throw new ClientException($"--log: {e.Message}"); }
            stdout.WriteLine("note: with --log alone the witnesses' cosignatures are not checked; pass --policy FILE to require them");
            return new WitnessPolicy(key, [], 0);
        }
        if (PinnedPolicy(home, electionId) is { } pinned) return pinned;
        if (api is null) throw new ClientException("--offline needs a witness policy: none was pinned at enrolment in this --home", "pass --policy FILE (or --log VKEY)");
        var stated = Member.StatedPolicy(await api.Election(electionId, ct).ConfigureAwait(false));
        stdout.WriteLine($"note: no witness policy is pinned here; checking against the server's own ({stated.Witnesses.Count} witnesses, quorum {stated.Quorum}); pass --policy FILE to pin your own");
        return stated;
    }

    /// <summary>The interactive ballot: each contest of the member's style with its candidates numbered; the member types numbers.</summary>
    private static Dictionary<string, string[]> Ask(Voting.Core.Records.ElectionDefinition d, bool[]? style, TextWriter o, TextReader i)
    {
        var choices = new Dictionary<string, string[]>(StringComparer.Ordinal);
        o.WriteLine($"{d.Title}");
        foreach (var c in d.Contests.Where((_, k) => style is null || style[k]))
        {
            o.WriteLine();
            o.WriteLine($"{c.Title}: {BallotChoices.Instructions(c)}");
            for (int k = 0; k < c.Candidates.Count; k++) o.WriteLine($"  {k + 1,2}. {c.Candidates[k].Name}");
            o.Write("your choice (numbers separated by spaces, in order; empty to leave blank): ");
            var line = i.ReadLine() ?? throw new ClientException("no input", "give your choices with --choice when not at a terminal");
            var picked = new List<string>();
            foreach (var token in line.Split(' ', ',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || n > c.Candidates.Count)
                    throw new ClientException($"\"{token}\" is not one of the numbers 1 to {c.Candidates.Count}");
                picked.Add(c.Candidates[n - 1].CandidateId);
            }
            choices[c.ContestId] = [.. picked];
        }
        return choices;
    }
}
