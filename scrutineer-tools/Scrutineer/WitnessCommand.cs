using System.CommandLine;
using Scrutineer.Witness;
using Voting.Core;
using Voting.Core.Notes;

namespace Scrutineer;

/// <summary>scrutineer witness: a C2SP tlog-witness that cosigns a log's checkpoints only while they stay consistent.</summary>
internal static class WitnessCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var listen = new Option<string>("--listen") { Description = "host:port to listen on (port 0 picks one)", Required = true };
        var key = new Option<FileInfo>("--key") { Description = "the witness's private key (C2SP skey); created with mode 0600 if missing", Required = true };
        var name = new Option<string>("--name") { Description = "the key name when --key is created", DefaultValueFactory = _ => "witness.localhost" };
        var log = new Option<string[]>("--log") { Description = "a log (or log host) vkey to witness; repeat for several", Required = true, AllowMultipleArgumentsPerToken = false };
        var state = new Option<FileInfo?>("--state") { Description = "where the cosigned sizes are kept (default: KEY.state)" };
        var cmd = new Command("witness", """
            Run a witness: cosign each checkpoint of the given logs only if its signature verifies and it is consistent with
            the last one cosigned (C2SP tlog-witness add-checkpoint). Prints its vkey and address, then serves until stopped.
            example: scrutineer witness --listen 127.0.0.1:7001 --key w1.key --name w1.example --log voting.localhost+1a2b3c4d+AX...
            """) { listen, key, name, log, state };
        cmd.SetAction(async (parse, ct) =>
        {
            NoteSigner signer;
            List<NoteVerifier> logKeys;
            WitnessServer server;
            try
            {
                var keyPath = parse.GetValue(key)!.FullName;
                signer = KeyFile.LoadOrCreate(keyPath, parse.GetValue(name)!);
                logKeys = [.. parse.GetValue(log)!.Select(NoteVerifier.ParseVkey)];
                server = await WitnessServer.StartAsync(parse.GetValue(listen)!, signer, logKeys, parse.GetValue(state)?.FullName ?? keyPath + ".state").ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or VotingFormatException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or FormatException)
            {
                await stderr.WriteLineAsync($"scrutineer: error: {e.Message}").ConfigureAwait(false);
                await stderr.WriteLineAsync("hint: --log takes the log's vkey (name+keyid+base64), as the ballot server prints it; --listen is host:port").ConfigureAwait(false);
                return 2;
            }
            await using (server.ConfigureAwait(false))
            {
                await stdout.WriteLineAsync($"witness {signer.ToVkey()}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"listening {server.Address}").ConfigureAwait(false);
                foreach (var k in logKeys) await stdout.WriteLineAsync($"witnessing {k.Name}").ConfigureAwait(false);
                await stdout.FlushAsync(ct).ConfigureAwait(false);
                try { await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
            return 0;
        });
        return cmd;
    }
}
