using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Voting.Client;
using Voting.Client.Api;
using Voting.Client.Member;
using Voting.Client.Organiser;
using Voting.Protocol;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Counting;
using Voting.Counting.Results;
using MemberClient = Voting.Client.Member.Member;

namespace Voting.Demo;

/// <summary>An election of the demo, with the codes each member received: from the office, and from the independent issuer.</summary>
internal sealed record DemoElection(ElectionDefinition Definition, List<string> OfficeCodes, List<string> IssuerCodes);

/// <summary>Options of one demo run.</summary>
internal sealed record DemoOptions(string Out, int Members, int Concurrency, IReadOnlyList<string> Seeds, IReadOnlyDictionary<string, double> Turnout);

/// <summary>
/// The main job: the real ballot server and two scrutineer witnesses as processes on loopback (embedded SQLite, a
/// fresh data directory, witness quorum 2); the seed elections created, rolls committed and opened by the organiser
/// code; every member enrolling and voting concurrently through the member code over gRPC; Close and Declare; then
/// the standalone scrutineer fetches each log, verifies it against a pinned policy and writes its report.
/// </summary>
internal sealed class DemoRun(DemoOptions o, TextWriter log)
{
    private const string LogHost = "demo.voting.localhost";
    private static readonly string[] WitnessNames = ["witness-1.demo", "witness-2.demo"];
    private static readonly string[] Layout = ["server", "witnesses", "organisers", "scrutineer", "issuer", "logs", "reports", "policies"];
    private static readonly string[] OrganiserNames = ["returning-officer", "deputy", "treasurer"];
    /// <summary>The independent party whose seed, with the organiser's, makes the lots (counting.md §7).</summary>
    private const string LotContributor = "scrutineer-1";
    /// <summary>Seconds after Close during which a member may dispute a ballot cast in their name (log.md §10.1); short for a demo.</summary>
    private const uint DisputeWindowSeconds = 20;
    /// <summary>How many abstainers the office tries to enrol with its own codes when the demo rehearses the attack.</summary>
    private const int AttackAttempts = 200;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _bin = AppContext.BaseDirectory;

    private void Say(string text) => log.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {text}");

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var root = Path.GetFullPath(o.Out);
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        foreach (var d in Layout) Directory.CreateDirectory(Path.Combine(root, d));
        // The server refuses a data directory that group or others may open: it holds the log key and the ballots.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(root, "server"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var population = new Population(o.Members);
        var membersCsv = Path.Combine(root, "members.csv");
        await File.WriteAllTextAsync(membersCsv, population.Csv(), ct).ConfigureAwait(false);
        Say($"{o.Members:N0} members written to {membersCsv}");

        // Keys first, so each witness can be told the log's key before anything runs.
        var serverKey = KeyFile.LoadOrCreate(Path.Combine(root, "server", "log.key"), LogHost);
        var witnessKeys = WitnessNames.Select(n => KeyFile.LoadOrCreate(Path.Combine(root, "witnesses", n + ".key"), n)).ToList();
        var processes = new List<ChildProcess>();
        try
        {
            var witnessUrls = new List<string>();
            foreach (var w in witnessKeys)
            {
                int port = ChildProcess.FreePort();
                var p = new ChildProcess(w.Name, Path.Combine(_bin, "scrutineer.dll"),
                    ["witness", "--listen", $"127.0.0.1:{port}", "--key", Path.Combine(root, "witnesses", w.Name + ".key"), "--log", serverKey.ToVkey()],
                    Path.Combine(root, "witnesses", w.Name + ".log"));
                processes.Add(p);
                await p.WaitHealthy(new Uri($"http://127.0.0.1:{port}/healthz"), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                witnessUrls.Add($"http://127.0.0.1:{port}/ {w.ToVkey()}");
            }
            // The organisers' keys first: the operator lets only them create elections (the Organisers setting).
            var homes = OrganiserNames.Select(n => new Home(Path.Combine(root, "organisers", n))).ToList();
            var organiserKeys = homes.Select((h, i) => Convert.ToBase64String(Organiser.KeyGen(h, OrganiserNames[i]).PublicKey)).ToList();
            int grpcPort = ChildProcess.FreePort(), httpPort = ChildProcess.FreePort();
            var server = new ChildProcess("ballot server", Path.Combine(_bin, "Voting.Server.dll"),
                ["--DataDir", Path.Combine(root, "server"), "--LogHost", LogHost, "--GrpcListen", $"127.0.0.1:{grpcPort}", "--HttpListen", $"127.0.0.1:{httpPort}",
                 $"--Witnesses:0={witnessUrls[0]}", $"--Witnesses:1={witnessUrls[1]}", "--WitnessQuorum", "2",
                 .. organiserKeys.SelectMany((k, i) => new[] { $"--Organisers:{i}={k}" })],
                Path.Combine(root, "server", "server.log"));
            processes.Add(server);
            var http = new Uri($"http://127.0.0.1:{httpPort}/");
            await server.WaitHealthy(new Uri(http, "healthz"), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            Say($"ballot server on gRPC 127.0.0.1:{grpcPort}, HTTP 127.0.0.1:{httpPort}; witnesses {string.Join(", ", witnessUrls.Select(u => u.Split(' ')[0]))} (quorum 2); elections may be created by the {organiserKeys.Count} organisers only");

            using var api = new VotingApi(new Uri($"http://127.0.0.1:{grpcPort}/"), TimeSpan.FromSeconds(60));
            // Three organisers, any two of whom must sign every act (log.md §8.5): the returning officer prepares each
            // act on their machine, the deputy checks and co-signs it on theirs; the treasurer's key is never needed.
            var organisers = homes.Select(h => new Organiser(h, api)).ToList();
            var (organiser, deputy) = (organisers[0], organisers[1]);
            async Task<AppendResponse> TwoOfThree(Task<ActOutcome> prepared, string electionId)
            {
                var first = await prepared.ConfigureAwait(false);
                if (first.Response is { } done) return done;
                var checkedAct = await deputy.Check(ActFile.Read(first.PendingFile!), new Uri(http, $"elections/{electionId}/"), ct).ConfigureAwait(false);
                var second = await deputy.Sign(checkedAct, first.PendingFile!, ct: ct).ConfigureAwait(false);
                return second.Response ?? throw new ClientException($"the act for {electionId} still lacks signatures after the deputy's");
            }
            var elections = new List<DemoElection>();
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            foreach (var seedFile in o.Seeds)
            {
                var d = ElectionFile.Read(seedFile);
                // The seed's own dates are an example; a live run votes now, and the scrutineer holds Close to the schedule.
                d.Schedule = new Schedule { OpensAtUnix = now - 60, ClosesAtUnix = now + 3600 };
                ElectionFile.AddLotContributor(d, await CommitLot(root, d.ElectionId).ConfigureAwait(false));
                d.OrganiserKeys.Clear();
                d.OrganiserKeys.AddRange(organisers.Select(x => Google.Protobuf.ByteString.CopyFrom(x.Key.PublicKey)));
                d.OrganiserThreshold = 2;
                // Ballot styles by region (the national committee's come with its seed: a region's contest and the
                // national one); an election for everyone gets one style per region too, so each region's size is public.
                if (d.BallotStyles.Count == 0)
                    foreach (var region in Population.Regions) d.BallotStyles.Add(new BallotStyle { StyleId = region, ContestIds = { d.Contests.Select(c => c.ContestId) } });
                d.DisputeWindowSeconds = DisputeWindowSeconds;
                // The independent issuer, its own process with its own directory: the office gets its key and commitment only.
                var issuerDir = Path.Combine(root, "issuer", d.ElectionId);
                var (issuerKey, auditCommitment) = await IssuerInit(d.ElectionId, issuerDir).ConfigureAwait(false);
                ElectionFile.SetIssuer(d, issuerKey, auditCommitment);
                var (created, creating) = await organiser.Create(d, ct).ConfigureAwait(false);
                await TwoOfThree(Task.FromResult(creating), d.ElectionId).ConfigureAwait(false);
                await Issuer(["issue", membersCsv, "--dir", issuerDir]).ConfigureAwait(false);
                var (n, codesFile, rolling) = await organiser.ImportRoll(created.ElectionId, membersCsv, Path.Combine(issuerDir, "halves.csv"), ct).ConfigureAwait(false);
                await TwoOfThree(Task.FromResult(rolling), d.ElectionId).ConfigureAwait(false);
                var grpcUrl = api.Server.ToString();
                var attested = await Issuer(["attest", "--dir", issuerDir, "--server", grpcUrl]).ConfigureAwait(false);
                await AuditRoll(issuerDir, grpcUrl).ConfigureAwait(false);
                await TwoOfThree(organiser.Open(created.ElectionId, ct), d.ElectionId).ConfigureAwait(false);
                var (_, rows) = MembersCsv.Read(codesFile);
                var (_, issuerRows) = MembersCsv.Read(Path.Combine(issuerDir, "codes.csv"));
                elections.Add(new DemoElection(created, [.. rows.Select(r => r.Fields[^1])], [.. issuerRows.Select(r => r.Fields[^1])]));
                Say($"created {created.ElectionId} ({created.Contests.Count} contests, {created.BallotStyles.Count} ballot styles); the independent issuer sent its codes and {attested.Trim().Split('\n')[^1]}; opened, each act signed by 2 of the 3 organisers");
            }

            // One member of the national committee election will not vote; someone who took their two letters will.
            var target = elections.FirstOrDefault(e => e.Definition.ElectionId == "national-committee-2026") ?? elections[^1];
            int victim = Enumerable.Range(0, population.Members).First(i => !population.Votes(i, target.Definition.ElectionId, o.Turnout.GetValueOrDefault(target.Definition.ElectionId, 0.75)));
            var failures = await VoteAll(api, population, elections, ct).ConfigureAwait(false);
            if (failures.Count > 0)
            {
                Say($"{failures.Count} member actions failed; the first: {failures.First()}");
                return 1;
            }
            var rehearsal = new AttackRehearsal(api, population, target, victim, o.Turnout.GetValueOrDefault(target.Definition.ElectionId, 0.75), Say);
            await rehearsal.ImpersonateWithStolenLetters(ct).ConfigureAwait(false);
            await rehearsal.OfficeEnrolsAbstainers(AttackAttempts, ct).ConfigureAwait(false);

            foreach (var e in elections)
            {
                var d = e.Definition;
                await TwoOfThree(organiser.Close(d.ElectionId, ct), d.ElectionId).ConfigureAwait(false);
                var reveal = await Scrutineer(["lot", "reveal", LotFile(root, d.ElectionId), "--server", api.Server.ToString()]).ConfigureAwait(false);
                if (reveal.Code != 0) throw new ClientException($"the scrutineer could not reveal its lot seed for {d.ElectionId}: {reveal.Err.Trim()}");
                Say($"closed {d.ElectionId}; {LotContributor} revealed its lot seed");
            }
            await rehearsal.VictimDisputes(ct).ConfigureAwait(false);
            // The result waits for the dispute window, so no member's dispute can be cut short (errors.md O21).
            var wait = TimeSpan.FromMilliseconds(DisputeWindowSeconds * 1000 + Voting.Core.Ballots.DisputeRules.DeclarationMarginMs + 1000);
            Say($"waiting {wait.TotalSeconds:0} s: the dispute window, then the server's margin so the witnesses' times show it whole");
            await Task.Delay(wait, ct).ConfigureAwait(false);
            var declared = new List<(ElectionDefinition Definition, IReadOnlyList<ContestCount> Counts)>();
            foreach (var e in elections)
            {
                var d = e.Definition;
                var (counts, declaring) = await organiser.Declare(d.ElectionId, new Uri(http, $"elections/{d.ElectionId}/"), ct).ConfigureAwait(false);
                await TwoOfThree(Task.FromResult(declaring), d.ElectionId).ConfigureAwait(false);
                declared.Add((d, counts));
                Say($"declared the recount of {d.ElectionId}");
            }

            bool allVerified = true;
            foreach (var (d, counts) in declared)
            {
                var logVkey = (await api.Election(d.ElectionId, ct).ConfigureAwait(false)).LogVkey;
                var policy = Path.Combine(root, "policies", d.ElectionId + ".policy");
                await File.WriteAllTextAsync(policy, $"# pinned by the scrutineer, not read from the log\nlog {logVkey}\n" + string.Concat(witnessKeys.Select(w => $"witness {w.ToVkey()}\n")) + "quorum 2\n"
                    + string.Concat(organiserKeys.Select(k => $"organiser {k}\n")) + "organiser-threshold 2\n", ct).ConfigureAwait(false);
                var dir = Path.Combine(root, "logs", d.ElectionId);
                var html = Path.Combine(root, "reports", d.ElectionId + ".html");
                var fetch = await Scrutineer(["fetch", "--server", new Uri(http, $"elections/{d.ElectionId}/").ToString(), "--out", dir]).ConfigureAwait(false);
                var verify = await Scrutineer(["verify", "--policy", policy, dir]).ConfigureAwait(false);
                var json = await Scrutineer(["verify", "--json", "--policy", policy, dir]).ConfigureAwait(false);
                var report = await Scrutineer(["report", dir, "--policy", policy, "--html", html, "--json", Path.ChangeExtension(html, ".json")]).ConfigureAwait(false);
                bool ok = fetch.Code == 0 && verify.Code == 0 && report.Code == 0;
                allVerified &= ok;
                log.WriteLine();
                log.WriteLine($"=== {d.Title} ({d.ElectionId}) ===");
                foreach (var c in counts) log.WriteLine($"--- {c.Contest.Title}\n{ResultTable.Render(c.Result)}");
                log.WriteLine($"scrutineer verify: {(verify.Code == 0 ? "VERIFIED — every check ran and passed" : "NOT VERIFIED\n" + verify.Out + verify.Err)}");
                log.WriteLine($"scrutineer verify --json: {SplitRollVerdicts(json.Out)}");
                log.WriteLine($"scrutineer report: {html}");
            }
            log.WriteLine();
            Say(allVerified ? $"done: {declared.Count} elections, every log verified by the scrutineer. Logs, reports and server data are in {root}" : "done, but a log did not verify: see above");
            return allVerified ? 0 : 1;
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
        }
    }

    /// <summary>The verdicts of the split-roll checks (audit.md §6) in verify --json's output.</summary>
    private static string SplitRollVerdicts(string json)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return string.Join(", ", doc.RootElement.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("number").GetInt32() >= 30)
                .Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("verdict").GetString()}"));
        }
        catch (System.Text.Json.JsonException e) { return $"not JSON ({e.Message})"; }
    }

    /// <summary>Every member who votes in an election enrols with their code and casts, through the member client code; Concurrency members at once.</summary>
    private async Task<List<string>> VoteAll(VotingApi api, Population population, List<DemoElection> elections, CancellationToken ct)
    {
        var member = new MemberClient(api);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var plan = elections.Select(e => (e.Definition, e.OfficeCodes, e.IssuerCodes, Voters: Enumerable.Range(0, population.Members).Where(i => population.Votes(i, e.Definition.ElectionId, o.Turnout.GetValueOrDefault(e.Definition.ElectionId, 0.75))).ToList())).ToList();
        long total = plan.Sum(p => p.Voters.Count);
        var done = new long[plan.Count];
        var started = _clock.Elapsed;
        async Task Work(CancellationToken token)
        {
            var work = plan.SelectMany((p, k) => p.Voters.Select(i => (k, i))).OrderBy(x => x.i).ThenBy(x => x.k);
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = token }, async (item, t) =>
            {
                var (k, i) = item;
                var d = plan[k].Definition;
                try
                {
                    var (credential, _) = await member.Enroll(d, plan[k].OfficeCodes[i], plan[k].IssuerCodes[i], t).ConfigureAwait(false);
                    await member.Vote(credential, d, population.Choices(i, d), ct: t).ConfigureAwait(false);
                    Interlocked.Increment(ref done[k]);
                }
                catch (Exception e) when (e is ClientException or Grpc.Core.RpcException)
                {
                    failures.Enqueue($"{Population.Id(i)} in {d.ElectionId}: {e.Message}");
                }
            }).ConfigureAwait(false);
        }
        Say($"{total:N0} ballots to cast by {population.Members:N0} members, {o.Concurrency} at a time (each enrols, then votes)");
        if (!Console.IsOutputRedirected && ReferenceEquals(log, Console.Out))
        {
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var bars = plan.Select(p => ctx.AddTask(p.Definition.ElectionId, maxValue: p.Voters.Count)).ToList();
                    var running = Work(ct);
                    while (!running.IsCompleted)
                    {
                        for (int k = 0; k < bars.Count; k++) bars[k].Value = Interlocked.Read(ref done[k]);
                        await Task.WhenAny(running, Task.Delay(250, ct)).ConfigureAwait(false);
                    }
                    for (int k = 0; k < bars.Count; k++) bars[k].Value = Interlocked.Read(ref done[k]);
                    await running.ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        else
        {
            var running = Work(ct);
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(5000, ct)).ConfigureAwait(false);
                Say("cast so far: " + string.Join(", ", plan.Select((p, k) => $"{p.Definition.ElectionId} {Interlocked.Read(ref done[k]):N0}/{p.Voters.Count:N0}")));
            }
            await running.ConfigureAwait(false);
        }
        var seconds = (_clock.Elapsed - started).TotalSeconds;
        Say($"{done.Sum():N0} members enrolled and voted in {seconds:0.0} s ({done.Sum() / seconds:N0} enrol+cast pairs/s, {api.Retries} retries), every receipt issued after its batch was durable and cosigned by both witnesses");
        return [.. failures];
    }

    /// <summary>`scrutineer issuer init`: the issuer's key and roll-audit commitment, as it prints them for the organisers.</summary>
    private async Task<(string Key, string Commitment)> IssuerInit(string electionId, string dir)
    {
        var text = await Issuer(["init", "--election", electionId, "--dir", dir]).ConfigureAwait(false);
        string Line(string prefix) => text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim()
            ?? throw new ClientException($"scrutineer issuer init printed no \"{prefix}\" line");
        return (Line("issuer key: "), Line("roll-audit commitment: "));
    }

    /// <summary>
    /// The issuer's roll audit: it draws the sample and writes it; it would then ask each sampled member, by its own
    /// channel, whether they are a member who received both letters. The demo's members are all real, so each
    /// answers yes; the issuer records the findings.
    /// </summary>
    private async Task AuditRoll(string issuerDir, string server)
    {
        await Issuer(["audit", "--dir", issuerDir, "--server", server]).ConfigureAwait(false);
        var sample = Path.Combine(issuerDir, "audit-sample.csv");
        var lines = await File.ReadAllLinesAsync(sample).ConfigureAwait(false);
        await File.WriteAllLinesAsync(sample, lines.Select((l, i) => i == 0 || l.Length == 0 ? l : l + "confirmed")).ConfigureAwait(false);
        await Issuer(["audit", "--dir", issuerDir, "--server", server, "--outcomes", sample]).ConfigureAwait(false);
    }

    /// <summary>A `scrutineer issuer` command as its own process; its output, or an error naming what it said.</summary>
    private async Task<string> Issuer(IEnumerable<string> args)
    {
        var r = await Scrutineer(["issuer", .. args]).ConfigureAwait(false);
        if (r.Code != 0) throw new ClientException($"scrutineer issuer {string.Join(' ', args.Take(1))} failed: {r.Err.Trim()}");
        return r.Out;
    }

    private static string LotFile(string root, string electionId) => Path.Combine(root, "scrutineer", electionId + ".lot");

    /// <summary>The independent scrutineer commits to its lot seed before the election exists; the organiser gets only NAME=COMMITMENT.</summary>
    private async Task<string> CommitLot(string root, string electionId)
    {
        var r = await Scrutineer(["lot", "commit", "--election", electionId, "--name", LotContributor, "--out", LotFile(root, electionId)]).ConfigureAwait(false);
        const string Prefix = "lot contributor for the definition: ";
        var line = r.Out.Split('\n').FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (r.Code != 0 || line is null) throw new ClientException($"scrutineer lot commit failed: {r.Err.Trim()}");
        return line[Prefix.Length..].Trim();
    }

    private async Task<(int Code, string Out, string Err)> Scrutineer(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(_bin, "scrutineer.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().ConfigureAwait(false);
        return (p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
