using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using Scrutineer.Issuer;
using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.IO;
using Voting.Core.Records;
using Voting.Core.Sealed;
using Voting.Protocol;
using static Scrutineer.ServerCalls;

namespace Scrutineer.Trustees;

/// <summary>
/// scrutineer trustee init | commit | confirm: one trustee's tool for the key generation (sealed.md §3.2), run by the
/// trustee on its own machine, in its own process, with its keys in its own directory; it reaches the server only over
/// gRPC. Before it acts on anything it reads from the log it checks it with the rules the scrutineer uses.
/// </summary>
internal static class TrusteeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cmd = new Command("trustee", "A trustee of a sealed election: its keys, its part of the election key, and (later) its shuffles and decryption shares.");
        var dir = new Option<string>("--dir") { Description = "this trustee's directory for this election (mode 0700; keep it, and keep it apart from the server and the other trustees, until the election is declared)", Required = true };
        var server = new Option<string>("--server") { Description = "the ballot server's gRPC address", DefaultValueFactory = _ => DefaultServer };
        var election = new Option<string>("--election") { Description = "the election id", Required = true };
        var name = new Option<string>("--name") { Description = "how the definition names this trustee (1-64 printable ASCII characters)", Required = true };

        var init = new Command("init", """
            Make this trustee's Ed25519 signing key and X25519 exchange key for one election, and print the line the
            organisers pass to voting organiser create --trustee.
            example: scrutineer trustee init --election committee-2026 --name alice --dir trustee-alice
            """) { election, name, dir };
        init.SetAction(p => Run(stderr, () =>
        {
            var s = TrusteeState.Create(p.GetValue(dir)!, p.GetValue(election)!);
            var line = $"{p.GetValue(name)}={Convert.ToBase64String(s.SigningKey)},{Convert.ToBase64String(s.ExchangeKey)}";
            stdout.WriteLine($"trustee for {s.ElectionId} in {s.Directory}");
            stdout.WriteLine($"trustee: {line}");
            stdout.WriteLine($"(the organisers pass it to voting organiser create --trustee {line})");
            return 0;
        }));
        cmd.Subcommands.Add(init);

        var commit = new Command("commit", """
            Read the definition from the log, find this trustee in it, and commit to a fresh secret polynomial: publish
            its commitments, the proof of its constant term, and a share for each other trustee sealed to its exchange
            key. Running it again sends the same commitment.
            example: scrutineer trustee commit --dir trustee-alice --server http://127.0.0.1:5070
            """) { dir, server };
        commit.SetAction((p, ct) => RunAsync(stderr, p.GetValue(server), async channel =>
        {
            var s = TrusteeState.Load(p.GetValue(dir)!);
            var log = await PublishedRoll.ReadAsync(channel, s.ElectionId, ct).ConfigureAwait(false);
            if (DefinitionProblem(log.Definition, s) is { } unusable) return Fail(stderr, unusable, "do not commit: tell the organisers and the other trustees");
            if (Number(log.Definition, s) is not { } t) return Fail(stderr, $"election {s.ElectionId} does not name this trustee's keys among its trustees", "check that the organisers pasted the line scrutineer trustee init printed");
            TrusteeCommitment c;
            if (File.Exists(s.CommitmentFile)) c = TrusteeCommitment.Parser.ParseFrom(File.ReadAllBytes(s.CommitmentFile));
            else
            {
                if (log.TrusteeCommitments.Any(x => x.Trustee == t)) return Fail(stderr, $"the log holds a commitment by trustee {t} that this directory did not make", "do not go on: someone else holds this trustee's signing key; tell the organisers and the other trustees");
                if (s.Coefficients is null) s.KeepPolynomial(Threshold.NewPolynomial((int)log.Definition.TrusteeThreshold));
                c = TrusteeRecords.Commit(log.Definition, log.DefinitionLeafHash, t, s.Coefficients!, s.SigningSeed);
                AtomicFile.Write(s.CommitmentFile, c.ToByteArray(), AtomicFile.OwnerOnly);
            }
            var r = await new TrusteeService.TrusteeServiceClient(channel).CommitAsync(new TrusteeCommitRequest { Commitment = c }, deadline: Deadline, cancellationToken: ct).ConfigureAwait(false);
            stdout.WriteLine($"committed as trustee {t} of {log.Definition.Trustees.Count} ({log.Definition.Trustees[(int)t - 1].Name}) in {s.ElectionId}; record {r.Index}");
            stdout.WriteLine($"(once every trustee has committed, each runs scrutineer trustee confirm)");
            return 0;
        }));
        cmd.Subcommands.Add(commit);

        var confirm = new Command("confirm", """
            Once every trustee has committed: check every commitment, open the shares sealed to you and check each
            against its sender's commitments, then confirm the election key. Refuses, naming the trustee, if a share
            does not match: then do not confirm, and tell the organisers and the other trustees.
            example: scrutineer trustee confirm --dir trustee-alice --server http://127.0.0.1:5070
            """) { dir, server };
        confirm.SetAction((p, ct) => RunAsync(stderr, p.GetValue(server), async channel =>
        {
            var s = TrusteeState.Load(p.GetValue(dir)!);
            var log = await PublishedRoll.ReadAsync(channel, s.ElectionId, ct).ConfigureAwait(false);
            var d = log.Definition;
            if (DefinitionProblem(d, s) is { } unusable) return Fail(stderr, unusable, "do not confirm: tell the organisers and the other trustees");
            if (Number(d, s) is not { } t) return Fail(stderr, $"election {s.ElectionId} does not name this trustee's keys among its trustees", null);
            TrusteeConfirmation c;
            if (File.Exists(s.ConfirmationFile)) c = TrusteeConfirmation.Parser.ParseFrom(File.ReadAllBytes(s.ConfirmationFile));
            else
            {
                if (s.Coefficients is null) return Fail(stderr, "this directory holds no polynomial: it has not committed", "run scrutineer trustee commit first");
                // The same checks the server and the scrutineer make, on what this trustee is about to vouch for.
                var keys = new TrusteeKeys(d, log.DefinitionLeafHash);
                foreach (var x in log.TrusteeCommitments)
                {
                    if (keys.CommitmentProblem(x, opened: false) is { } bad) return Fail(stderr, $"the log's commitment by trustee {x.Trustee} is not valid: {bad.Message}", "do not confirm: tell the organisers and the other trustees");
                    keys.AddCommitment(x);
                }
                if (keys.Committed < d.Trustees.Count) return Fail(stderr, $"{keys.Committed} of {d.Trustees.Count} trustees have committed", "confirm once every trustee has run scrutineer trustee commit");
                var ours = log.TrusteeCommitments.Single(x => x.Trustee == t);
                if (!File.Exists(s.CommitmentFile) || !File.ReadAllBytes(s.CommitmentFile).AsSpan().SequenceEqual(ours.ToByteArray()))
                    return Fail(stderr, $"the log's commitment by trustee {t} is not the one this directory made", "do not confirm: someone else holds this trustee's signing key");
                var made = TrusteeRecords.Confirm(d, t, [.. log.TrusteeCommitments.OrderBy(x => x.Trustee)], s.Coefficients, s.ExchangePrivate, s.SigningSeed);
                if (made.Problem is { } problem) return Fail(stderr, problem, "do not confirm: tell the organisers and the other trustees; the election cannot open, and needs a new definition with new trustee keys");
                c = made.Confirmation!;
                // The record first: a crash between the two leaves the polynomial kept and the confirmation to resend.
                AtomicFile.Write(s.ConfirmationFile, c.ToByteArray(), AtomicFile.OwnerOnly);
                s.KeepSecretShare(made.SecretShare);
            }
            var r = await new TrusteeService.TrusteeServiceClient(channel).ConfirmAsync(new TrusteeConfirmRequest { Confirmation = c }, deadline: Deadline, cancellationToken: ct).ConfigureAwait(false);
            stdout.WriteLine($"confirmed the election key of {s.ElectionId} as trustee {t}: {Convert.ToBase64String(c.ElectionKey.Span)}; record {r.Index}");
            return 0;
        }));
        cmd.Subcommands.Add(confirm);
        return cmd;
    }

    /// <summary>
    /// Whether the definition the server serves may be acted on: this trustee's election, and well formed by the rules
    /// the server and the scrutineer apply (DefinitionRules). A trustee never takes the server's word: a definition with
    /// a threshold of 1 would make every share it seals its own secret, to keys anyone could hold.
    /// </summary>
    internal static string? DefinitionProblem(ElectionDefinition d, string electionId)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.ElectionId != electionId) return $"the server's log for {electionId} holds the definition of another election";
        var problems = DefinitionRules.Problems(d);
        return problems.Count == 0 ? null : $"the definition of {electionId} is not well formed: {string.Join("; ", problems)}";
    }

    private static string? DefinitionProblem(ElectionDefinition d, TrusteeState s) => DefinitionProblem(d, s.ElectionId);

    /// <summary>This trustee's number in the definition: both its keys must be there, at the same entry.</summary>
    private static uint? Number(ElectionDefinition d, TrusteeState s)
    {
        for (int i = 0; i < d.Trustees.Count; i++)
            if (d.Trustees[i].SigningKey.Span.SequenceEqual(s.SigningKey) && d.Trustees[i].ExchangeKey.Span.SequenceEqual(s.ExchangeKey)) return (uint)i + 1;
        return null;
    }
}
