using Voting.Client;
using Voting.Client.Member;
using Voting.Core;
using Voting.Core.Notes;

namespace Voting.Fuzz.Targets;

/// <summary>
/// The member's receipt file (`voting member check-receipt FILE --offline --log VKEY`): a valid receipt for one of
/// the log's ballots, its lines and bytes mutated, checked as the command checks it — Receipt.Parse, the checkpoint's
/// origin, Member.CheckReceipt offline. Oracle: a result or VotingFormatException / NoteVerificationException (the
/// command's one-line errors); a receipt that checks proves the original record at the original index. Every 50th
/// input goes through the command itself (CliOutcome): System.CommandLine keeps each run's commands on the CLI's
/// static options, so a process that runs the CLI a million times slows down as it goes.
/// </summary>
internal sealed class ReceiptTarget : Target
{
    private static readonly Receipt Original = Corpus.ReceiptFor(5);
    private static readonly string Text = Original.Format();
    private static readonly NoteVerifier LogKey = Corpus.Builder.LogKey.Verifier;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}.receipt");

    public override string Name => "receipt";

    public override Finding? One(Random rng)
    {
        var text = rng.Next(2) == 0 ? Mutate.Lines(Text, rng) : Mutate.Text(Text, rng);
        bool viaCommand = rng.Next(50) == 0;
        bool checks;
        if (viaCommand)
        {
            File.WriteAllText(_file, text);
            var o = new StringWriter();
            var e = new StringWriter();
            int code;
            try { code = ClientCli.Run(["member", "check-receipt", _file, "--offline", "--log", Corpus.Builder.LogKey.ToVkey()], o, e, TextReader.Null); }
            catch (Exception ex) { return Crash(ex, Mutate.Show(text)); }
            if (CliOutcome.Problem("voting", code, e.ToString()) is { } problem) return new Finding("crash", problem, Mutate.Show(text));
            checks = code == 0;
            text = File.ReadAllText(_file); // as the command read it
        }
        else
        {
            try
            {
                var receipt = Receipt.Parse(text);
                Checkpoint.ParseText(SignedNote.Parse(receipt.CheckpointNote).Text);
                Member.CheckReceipt(receipt, new WitnessPolicy(LogKey, [], 0), null).GetAwaiter().GetResult();
                checks = true;
            }
            catch (Exception e) when (e is VotingFormatException or NoteVerificationException) { checks = false; }
            catch (Exception e) { return Crash(e, Mutate.Show(text)); }
        }
        if (!checks) return null;
        var back = Receipt.Parse(text);
        return back.Index != Original.Index || !back.Record.AsSpan().SequenceEqual(Original.Record)
            ? new Finding("false-verified", "a receipt for another record or index checked", Mutate.Show(text))
            : null;
    }

    public override void Dispose()
    {
        File.Delete(_file);
        base.Dispose();
    }
}
