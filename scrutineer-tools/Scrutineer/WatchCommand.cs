using System.CommandLine;
using Scrutineer.Watch;
using Voting.Core;
using Voting.Core.Notes;
using Voting.Core.Tiles;

namespace Scrutineer;

/// <summary>scrutineer watch --server URL --state FILE: follow a log's checkpoints and stop at the first inconsistency.</summary>
internal static class WatchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var server = new Option<string>("--server") { Description = "the log's URL: http://host:port/elections/<id>/", Required = true };
        var state = new Option<FileInfo>("--state") { Description = "where the last verified checkpoint is kept (created on first run)", Required = true };
        var log = new Option<string?>("--log") { Description = "the log's vkey alone (witness cosignatures are then not checked); prefer --policy" };
        var policy = new Option<FileInfo?>("--policy") { Description = "the witness policy to hold every checkpoint to (log, witness and quorum lines, as verify --policy reads); without it or --log, the first run pins the server's keys file" };
        var interval = new Option<double>("--interval") { Description = "seconds between looks at the checkpoint", DefaultValueFactory = _ => 5 };
        var once = new Option<bool>("--once") { Description = "look once and exit (for cron): 0 consistent, 1 inconsistent" };
        var cmd = new Command("watch", """
            Follow a log: poll its checkpoint, check its signature and its witnesses' cosignatures against the pinned
            policy, and that it is consistent with the last one verified (a consistency proof built from the log's
            tiles); keep the policy and that checkpoint in --state. On any inconsistency, print both signed
            checkpoints and the failed proof, and exit 1; a checkpoint short of the witness quorum also exits 1.
            example: scrutineer watch --server http://127.0.0.1:5071/elections/chair-2026/ --state chair.watch --policy chair.policy
            """) { server, state, log, policy, interval, once };
        cmd.SetAction(async (parse, ct) =>
        {
            if (!LogUrl.TryParse(parse.GetValue(server), out var baseUrl))
            {
                await stderr.WriteLineAsync($"scrutineer: error: --server {parse.GetValue(server)} is not an http(s) URL").ConfigureAwait(false);
                await stderr.WriteLineAsync(LogUrl.Hint).ConfigureAwait(false);
                return 2;
            }
            if (parse.GetValue(interval) is var seconds && (seconds <= 0 || double.IsNaN(seconds) || seconds > 86_400))
            {
                await stderr.WriteLineAsync("scrutineer: error: --interval must be between 0 and 86400 seconds").ConfigureAwait(false);
                return 2;
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var watcher = new Watcher(http, baseUrl, parse.GetValue(state)!.FullName, stdout);
            try
            {
                watcher.LoadState();
                if (parse.GetValue(policy) is { } file)
                {
                    if (parse.GetValue(log) is not null) throw new VotingFormatException("give --policy or --log, not both: the policy names the log key");
                    watcher.Pin(PolicyFile.Read(file).Witnessing);
                }
                else if (parse.GetValue(log) is { } vkey)
                {
                    watcher.Pin(new WitnessPolicy(NoteVerifier.ParseVkey(vkey), [], 0));
                    if (watcher.Trust!.Witnesses.Count == 0)
                        await stderr.WriteLineAsync("scrutineer: warning: witness cosignatures are not checked with --log alone; pass --policy FILE to require a witness quorum").ConfigureAwait(false);
                }
                else if (watcher.Trust is null)
                {
                    var keys = KeysFile.Parse(await http.GetStringAsync(new Uri(baseUrl, "keys"), ct).ConfigureAwait(false));
                    watcher.Pin(keys);
                    await stderr.WriteLineAsync($"scrutineer: warning: trusting the server's keys on first use (log {keys.LogKey.ToVkey()}, {keys.Witnesses.Count} witnesses, quorum {keys.Quorum}); pass --policy to pin your own").ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or VotingFormatException or NoteVerificationException or HttpRequestException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"scrutineer: error: {e.Message}").ConfigureAwait(false);
                await stderr.WriteLineAsync("hint: --server is the log's URL (…/elections/<id>/); --policy is a policy file (as verify --policy reads); a state file from another log needs its own --state").ConfigureAwait(false);
                return 2;
            }
            while (true)
            {
                try
                {
                    if (await watcher.CheckOnceAsync(ct).ConfigureAwait(false) == WatchOutcome.Inconsistent)
                    {
                        await stderr.WriteLineAsync("scrutineer: error: the log is not consistent with the checkpoint verified before; both are printed above").ConfigureAwait(false);
                        return 1;
                    }
                }
                catch (Exception e) when (e is VotingFormatException or NoteVerificationException)
                {
                    await stderr.WriteLineAsync($"scrutineer: error: the server's checkpoint does not verify: {e.Message}").ConfigureAwait(false);
                    return 1;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    // An unreachable server is not evidence of anything; say so and keep watching.
                    await stderr.WriteLineAsync($"scrutineer: warning: {e.Message}").ConfigureAwait(false);
                    if (parse.GetValue(once)) return 1;
                }
                if (parse.GetValue(once)) return 0;
                try { await Task.Delay(TimeSpan.FromSeconds(seconds), ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return 0; }
            }
        });
        return cmd;
    }
}
