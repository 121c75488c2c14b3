using System.CommandLine;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.IO;
using Voting.Core.Records;
using Voting.Protocol;
using static Scrutineer.ServerCalls;

namespace Scrutineer.Issuer;

/// <summary>
/// scrutineer issuer init | issue | attest | audit: the independent issuer's tool (log.md §7.2, §7.4), run by an
/// independent scrutineer, never by the office. init makes its key and roll-audit seed; issue makes a code per member
/// for its own channel and the public halves for the office; attest checks the committed roll holds exactly those
/// halves and signs it; audit draws the sample and records what the members said.
/// </summary>
internal static class IssuerCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cmd = new Command("issuer", "The independent issuer of the second half of every member's enrollment code, and its roll attestation and audit.");
        var dir = new Option<string>("--dir") { Description = "the issuer's directory for this election (mode 0700; keep it until the election is declared)", Required = true };
        var server = new Option<string>("--server") { Description = "the ballot server's gRPC address", DefaultValueFactory = _ => DefaultServer };

        var election = new Option<string>("--election") { Description = "the election id", Required = true };
        var init = new Command("init", """
            Make this issuer's Ed25519 key and its secret roll-audit seed for one election, and print the public key and
            the seed's commitment for the organisers' definition.
            example: scrutineer issuer init --election committee-2026 --dir issuer-committee
            """) { election, dir };
        init.SetAction(p => Run(stderr, () =>
        {
            var s = IssuerState.Create(p.GetValue(dir)!, p.GetValue(election)!);
            stdout.WriteLine($"issuer for {s.ElectionId} in {s.Directory}");
            stdout.WriteLine($"issuer key: {Convert.ToBase64String(s.PublicKey)}");
            stdout.WriteLine($"roll-audit commitment: {Convert.ToBase64String(s.AuditCommitment)}");
            stdout.WriteLine($"(the organisers pass them to voting organiser create --issuer {Convert.ToBase64String(s.PublicKey)} --roll-audit {Convert.ToBase64String(s.AuditCommitment)})");
            return 0;
        }));
        cmd.Subcommands.Add(init);

        var members = new Argument<string>("MEMBERS") { Description = "the member list from the office: member_id, an optional style column (each member's ballot style id), contact columns" };
        var issue = new Command("issue", """
            Make one issuer code per member and write them with the members' fields to codes.csv (mode 0600) for your own
            channel (letter, e-mail, SMS), and the public halves to halves.csv for the office's roll import.
            example: scrutineer issuer issue members.csv --dir issuer-committee
            """) { members, dir };
        issue.SetAction(p => Run(stderr, () =>
        {
            var s = IssuerState.Load(p.GetValue(dir)!);
            var halves = IssuedHalves.Issue(s, p.GetValue(members)!);
            stdout.WriteLine($"{halves.Halves.Count} issuer codes for {s.ElectionId} written to {s.CodesFile}: send each member theirs by your own channel");
            stdout.WriteLine($"public halves for the office: {s.HalvesFile} (voting organiser roll import --issuer-halves)");
            return 0;
        }));
        cmd.Subcommands.Add(issue);

        var attest = new Command("attest", """
            Read the committed roll from the log and check that it holds exactly the halves you issued, each member once,
            in the style you were given; then sign the roll attestation (its digest and entries per style, revealing
            your roll-audit seed) and append it. Voting cannot open before it.
            example: scrutineer issuer attest --dir issuer-committee --server http://127.0.0.1:5070
            """) { dir, server };
        attest.SetAction((p, ct) => RunAsync(stderr, p.GetValue(server), async channel =>
        {
            var s = IssuerState.Load(p.GetValue(dir)!);
            var roll = await PublishedRoll.ReadAsync(channel, s.ElectionId, ct).ConfigureAwait(false);
            if (NotOurs(roll.Definition, s) is { } notOurs) return Fail(stderr, notOurs, "do not attest: tell the members and the other scrutineers");
            if (roll.Commitment is null) return Fail(stderr, $"the roll of {s.ElectionId} is not committed yet", "attest once the office has committed the roll");
            var halves = IssuedHalves.Read(s.HalvesFile);
            var problem = halves.RollProblem(roll.Entries, roll.Definition)
                ?? RollRules.OfferedStyledRollProblem(roll.Entries, roll.Commitment, roll.Definition)?.Message;
            if (problem is not null) return Fail(stderr, $"the committed roll is not the one you issued: {problem}", "do not attest: tell the members and the other scrutineers");
            var a = new RollAttestation
            {
                ElectionId = s.ElectionId,
                RollDigest = roll.Commitment.RollDigest,
                EntryCount = roll.Commitment.EntryCount,
                RollAuditSeed = ByteString.CopyFrom(s.AuditSeed),
                DefinitionLeafHash = ByteString.CopyFrom(roll.DefinitionLeafHash),
            };
            a.StyleCounts.AddRange(RollRules.StyleCounts(roll.Entries, roll.Definition));
            IssuerSigning.SignAttestation(a, s.Seed);
            var r = await new OrganiserService.OrganiserServiceClient(channel).AttestRollAsync(new AttestRollRequest { Attestation = a }, deadline: Deadline, cancellationToken: ct).ConfigureAwait(false);
            stdout.WriteLine($"attested the roll of {s.ElectionId}: {a.EntryCount} entries ({StyleSummary(roll.Definition, a)}); record {r.Index}");
            return 0;
        }));
        cmd.Subcommands.Add(attest);

        var outcomes = new Option<string?>("--outcomes") { Description = "the sample file with its outcome column filled in (confirmed, unreachable, not-a-member): records the audit" };
        var audit = new Command("audit", """
            Without --outcomes: draw the roll audit's sample from your attested seed and write it, with each sampled
            member's fields, to audit-sample.csv; contact each member by your own channel and fill in its outcome column.
            With --outcomes: sign those findings and append them. The result cannot be declared before.
            example: scrutineer issuer audit --dir issuer-committee
            example: scrutineer issuer audit --dir issuer-committee --outcomes issuer-committee/audit-sample.csv
            """) { dir, server, outcomes };
        audit.SetAction((p, ct) => RunAsync(stderr, p.GetValue(server), async channel =>
        {
            var s = IssuerState.Load(p.GetValue(dir)!);
            var roll = await PublishedRoll.ReadAsync(channel, s.ElectionId, ct).ConfigureAwait(false);
            if (NotOurs(roll.Definition, s) is { } notOurs) return Fail(stderr, notOurs, null);
            if (roll.Attestation is null) return Fail(stderr, $"the roll of {s.ElectionId} is not attested yet", "run scrutineer issuer attest first");
            var sample = SplitRoll.AuditSample(roll.Attestation.RollAuditSeed.Span, roll.Attestation.RollDigest.Span, roll.Attestation.EntryCount, roll.Definition.RollAuditSample);
            if (p.GetValue(outcomes) is not { } file)
            {
                WriteSample(s, roll, sample);
                stdout.WriteLine($"{sample.Count} sampled roll entries written to {s.SampleFile}: ask each member whether they are a member and received both codes, fill in outcome (confirmed, unreachable, not-a-member), then run with --outcomes {s.SampleFile}");
                return 0;
            }
            var findings = ReadOutcomes(file, sample);
            var ra = new RollAudit { ElectionId = s.ElectionId };
            ra.Findings.AddRange(findings);
            IssuerSigning.SignAudit(ra, s.Seed);
            var r = await new OrganiserService.OrganiserServiceClient(channel).RecordRollAuditAsync(new RecordRollAuditRequest { Audit = ra }, deadline: Deadline, cancellationToken: ct).ConfigureAwait(false);
            stdout.WriteLine($"recorded the roll audit of {s.ElectionId}: {Tally(findings)}; record {r.Index}");
            return 0;
        }));
        cmd.Subcommands.Add(audit);
        return cmd;
    }

    private static string? NotOurs(ElectionDefinition d, IssuerState s) =>
        !d.IssuerKey.Span.SequenceEqual(s.PublicKey) ? $"election {s.ElectionId} does not name this issuer's key as its issuer_key"
        : !d.RollAuditCommitment.Span.SequenceEqual(s.AuditCommitment) ? $"election {s.ElectionId} does not carry this issuer's roll-audit commitment"
        : null;

    private static string StyleSummary(ElectionDefinition d, RollAttestation a) =>
        d.BallotStyles.Count == 0 ? "one style" : string.Join(", ", d.BallotStyles.Select((st, i) => $"{st.StyleId} {a.StyleCounts[i]}"));

    private static string Tally(IEnumerable<RollAuditFinding> f) =>
        string.Join(", ", f.GroupBy(x => x.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Word(g.Key)}"));

    private static string Word(RollAuditOutcome o) => o switch
    {
        RollAuditOutcome.Confirmed => "confirmed",
        RollAuditOutcome.Unreachable => "unreachable",
        RollAuditOutcome.NotAMember => "not-a-member",
        _ => "",
    };

    /// <summary>The sample, one row per entry in the sample's order: roll index, the member's fields from codes.csv (but not their code), an empty outcome.</summary>
    private static void WriteSample(IssuerState s, PublishedRoll roll, List<ulong> sample)
    {
        var halves = IssuedHalves.Read(s.HalvesFile);
        var (header, members) = MemberList.Read(s.CodesFile);
        var byId = members.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var text = new StringBuilder("roll_index,").AppendJoin(',', header.SkipLast(1).Select(MemberList.Quote)).Append(",outcome\n");
        foreach (var index in sample)
        {
            var half = halves.Of(roll.Entries[(int)index].IssuerKey.Span) ?? throw new VotingFormatException($"roll entry {index} holds no half this issuer made");
            text.Append(index).Append(',').AppendJoin(',', byId[half.MemberId].Fields.SkipLast(1).Select(MemberList.Quote)).Append(",\n");
        }
        AtomicFile.WriteText(s.SampleFile, text.ToString(), AtomicFile.OwnerOnly);
    }

    private static List<RollAuditFinding> ReadOutcomes(string file, List<ulong> sample)
    {
        var (header, rows) = MemberList.Read(file);
        int index = MemberList.Column(header, "roll_index"), outcome = MemberList.Column(header, "outcome");
        if (index < 0 || outcome < 0) throw new VotingFormatException($"{file}: needs roll_index and outcome columns (the file audit wrote)");
        if (rows.Count != sample.Count) throw new VotingFormatException($"{file}: {rows.Count} rows; the sample has {sample.Count}");
        var findings = new List<RollAuditFinding>();
        for (int i = 0; i < rows.Count; i++)
        {
            if (!ulong.TryParse(rows[i].Fields[index], System.Globalization.CultureInfo.InvariantCulture, out var at) || at != sample[i])
                throw new VotingFormatException($"{file}: row {i + 1} is for roll entry {rows[i].Fields[index]}; the sample's entry {i + 1} is {sample[i]}");
            var o = rows[i].Fields[outcome].Trim() switch
            {
                "confirmed" => RollAuditOutcome.Confirmed,
                "unreachable" => RollAuditOutcome.Unreachable,
                "not-a-member" => RollAuditOutcome.NotAMember,
                var other => throw new VotingFormatException($"{file}: row {i + 1}: outcome \"{other}\" is not confirmed, unreachable or not-a-member"),
            };
            findings.Add(new RollAuditFinding { RollIndex = at, Outcome = o });
        }
        return findings;
    }
}
