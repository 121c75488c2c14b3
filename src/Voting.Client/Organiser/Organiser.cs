using Google.Protobuf;
using Scrutineer.Fetch;
using Scrutineer.Verify;
using Voting.Client.Api;
using Voting.Core.Ballots;
using Voting.Core.Crypto;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Protocol;
using Voting.Counting;

namespace Voting.Client.Organiser;

/// <summary>
/// What became of an act this organiser signed: submitted (the server's answer), or kept in an act file until the
/// other organisers have signed it (an m-of-n election, log.md §8.5).
/// </summary>
public sealed record ActOutcome(AppendResponse? Response, string? PendingFile, int Signatures, int Threshold)
{
    public bool Submitted => Response is not null;
}

/// <summary>
/// The organiser's acts, each signed with the organiser key in the home directory and sent through VotingApi.
/// In an election whose definition needs m of n organiser signatures an act is prepared by one organiser, signed, and
/// kept in an act file (ActFile) that the others sign in turn with <see cref="Sign"/> — each checking the act for
/// themselves first — until the threshold is met and it is submitted. The CLI and the demo both call these; nothing
/// here prints.
/// </summary>
public sealed class Organiser(Home home, VotingApi api)
{
    public NoteSigner Key => _key ??= File.Exists(home.OrganiserKey)
        ? KeyFile.Load(home.OrganiserKey)
        : throw new ClientException($"no organiser key in {home.Root}", "run: voting organiser keygen");
    private NoteSigner? _key;

    public static NoteSigner KeyGen(Home home, string name)
    {
        if (File.Exists(home.OrganiserKey)) throw new ClientException($"{home.OrganiserKey} exists; an organiser key is never overwritten", "use another --home for another key");
        return KeyFile.LoadOrCreate(home.OrganiserKey, name);
    }

    /// <summary>Creates the election: a fresh tie-break seed kept in the home directory (needed again at Close), its commitment in the definition.</summary>
    public async Task<(ElectionDefinition Definition, ActOutcome Outcome)> Create(ElectionDefinition d, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(d);
        var seedPath = home.TieBreakSeed(d.ElectionId);
        byte[] seed = File.Exists(seedPath) ? Convert.FromBase64String(File.ReadAllText(seedPath).Trim()) : System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var problems = ElectionFile.Complete(d, Key.PublicKey, seed);
        if (problems.Count > 0)
            throw new ClientException($"the definition has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:\n  " + string.Join("\n  ", problems), "fix election.json and run organiser create again");
        ElectionFile.KeyIndex(d, Key.PublicKey);
        if (!File.Exists(seedPath)) Home.WriteSecret(seedPath, Convert.ToBase64String(seed) + "\n");
        return (d, await SignAndSend(new PendingAct { Definition = d }, d, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Issues one code per member, on roll entries in a random order (EnrollmentCodes.Issue), writes them (with the
    /// member's CSV fields, for mailing) before anything is sent, then commits the roll of the codes' public keys in
    /// roll order — on a split or styled roll (log.md §7.2, §7.3) each entry with the member's half from the
    /// independent issuer (its halves.csv) and the member's ballot style (the members file's style column). Re-running
    /// with the same members re-sends the same roll.
    /// </summary>
    public async Task<(int Members, string CodesFile, ActOutcome Outcome)> ImportRoll(string electionId, string membersCsv, string? issuerHalvesCsv = null, CancellationToken ct = default)
    {
        var d = await DefinitionOf(electionId, ct).ConfigureAwait(false);
        var (header, members) = MembersCsv.Read(membersCsv);
        var styled = SplitRoll.IsStyled(d) ? StyledRoll.Check(d, header, members, membersCsv, issuerHalvesCsv) : null;
        var codesPath = home.Codes(electionId);
        List<string> codes;
        if (File.Exists(codesPath))
        {
            var (_, previous) = MembersCsv.Read(codesPath);
            if (!previous.Select(m => m.Id).SequenceEqual(members.Select(m => m.Id), StringComparer.Ordinal))
                throw new ClientException($"codes were already issued for election {electionId} to a different member list ({codesPath})", "the roll of an election is committed once; create a new election for a new roll");
            codes = [.. previous.Select(m => m.Fields[^1])];
        }
        else
        {
            codes = EnrollmentCodes.Issue(members.Count);
            var text = new System.Text.StringBuilder();
            text.AppendJoin(',', header.Select(MembersCsv.Quote)).Append(",enrollment_code\n");
            for (int i = 0; i < members.Count; i++) text.AppendJoin(',', members[i].Fields.Select(MembersCsv.Quote)).Append(',').Append(codes[i]).Append('\n');
            Home.WriteSecret(codesPath, text.ToString());
        }
        var entries = EnrollmentCodes.RollEntries(electionId, codes, codesPath);
        var request = new CommitRollRequest { ElectionId = electionId };
        if (styled is null)
        {
            request.Commitment = RollMath.Seal(electionId, entries).Commitment;
            request.Entries.AddRange(entries.Select(ByteString.CopyFrom));
        }
        else
        {
            var rollEntries = styled.Entries(electionId, codes, entries);
            request.Commitment = SplitRoll.Seal(electionId, rollEntries);
            request.StyledEntries.AddRange(rollEntries);
        }
        return (members.Count, codesPath, await SignAndSend(new PendingAct { Roll = request }, d, ct).ConfigureAwait(false));
    }

    public async Task<ActOutcome> Open(string electionId, CancellationToken ct = default)
    {
        var d = await DefinitionOf(electionId, ct).ConfigureAwait(false);
        var open = new Open { ElectionId = electionId, OpenedAtUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        return await SignAndSend(new PendingAct { Open = open }, d, ct).ConfigureAwait(false);
    }

    /// <summary>Closes voting and reveals the tie-break seed committed at creation (so the organiser who created the election prepares it).</summary>
    public async Task<ActOutcome> Close(string electionId, CancellationToken ct = default)
    {
        var seedPath = home.TieBreakSeed(electionId);
        if (!File.Exists(seedPath)) throw new ClientException($"no tie-break seed for {electionId} in {home.Root}", "Close reveals the seed made by organiser create: the organiser who created the election prepares the Close, with the same --home");
        var d = await DefinitionOf(electionId, ct).ConfigureAwait(false);
        var close = new Close { ElectionId = electionId, ClosedAtUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), TieBreakSeed = ByteString.CopyFrom(Convert.FromBase64String(File.ReadAllText(seedPath).Trim())) };
        return await SignAndSend(new PendingAct { Close = close }, d, ct).ConfigureAwait(false);
    }

    /// <summary>Turnout so far. A status request only reads, so one organiser's signature is enough (errors.md O4).</summary>
    public async Task<GetStatusResponse> Status(string electionId, CancellationToken ct = default)
    {
        var d = await DefinitionOf(electionId, ct).ConfigureAwait(false);
        var request = new GetStatusRequest { ElectionId = electionId, IssuedAtUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        OrganiserSigning.Sign(request, ElectionFile.KeyIndex(d, Key.PublicKey), Key);
        return await api.Status(request, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches the closed log over HTTP, recounts it with the scrutineer's own verifier (the same code any scrutineer
    /// runs), refuses to declare over a log that fails a check, and declares the recount.
    /// </summary>
    public async Task<(IReadOnlyList<ContestCount> Counts, ActOutcome Outcome)> Declare(string electionId, Uri logUrl, CancellationToken ct = default)
    {
        var (counts, declaration, d) = await Recount(electionId, logUrl, ct).ConfigureAwait(false);
        return (counts, await SignAndSend(new PendingAct { Declaration = declaration }, d, ct).ConfigureAwait(false));
    }

    /// <summary>An act another organiser prepared, checked by this organiser (see <see cref="Check"/>), and what it says in full.</summary>
    public sealed record CheckedAct(PendingAct Pending, ElectionDefinition Definition, string Details);

    /// <summary>
    /// Checks an act another organiser prepared, for oneself, before signing it: every signature already on it
    /// verifies and none is this organiser's; the definition well formed; the roll's digest recomputed from its
    /// entries; the Close's seed against the definition's commitment; the Declaration against one's own recount of
    /// the published log (logUrl). Returns the act with its full description, to show before signing.
    /// </summary>
    public async Task<CheckedAct> Check(PendingAct pending, Uri? logUrl, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var act = ActFile.Act(pending);
        var d = await DefinitionFor(pending, ct).ConfigureAwait(false);
        uint index = ElectionFile.KeyIndex(d, Key.PublicKey);
        if (act.Signatures.Any(s => s.KeyIndex == index)) throw new ClientException($"the act already carries your signature (organiser key {index})", "send it to an organiser who has not signed yet");
        if (OrganiserSigning.Check(act, d, threshold: 0) is { } bad) throw new ClientException($"the act: {bad}", "a signature already on the act is not valid: ask the preparing organiser for a fresh act");
        await Verify(pending, d, logUrl, ct).ConfigureAwait(false);
        return new(pending, d, ActDetails.Of(pending, d, index));
    }

    /// <summary>Adds this organiser's signature to a checked act and submits it if that completes the threshold (unless keep); else writes it to file.</summary>
    public Task<ActOutcome> Sign(CheckedAct checkedAct, string file, bool keep = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(checkedAct);
        return SignAndSend(checkedAct.Pending, checkedAct.Definition, ct, file, keep);
    }

    /// <summary>Submits an act file that carries the threshold of signatures.</summary>
    public async Task<AppendResponse> Submit(string file, CancellationToken ct = default)
    {
        var pending = ActFile.Read(file);
        var act = ActFile.Act(pending);
        var d = await DefinitionFor(pending, ct).ConfigureAwait(false);
        if (OrganiserSigning.Check(act, d) is { } short_) throw new ClientException($"{file}: {short_}", "each organiser signs it in turn: voting organiser sign FILE");
        return await Send(pending, ct).ConfigureAwait(false);
    }

    /// <summary>The definition an act is judged by: its own for a creation, the election's for every later act.</summary>
    private async Task<ElectionDefinition> DefinitionFor(PendingAct p, CancellationToken ct) =>
        p.ActCase == PendingAct.ActOneofCase.Definition ? p.Definition : await DefinitionOf(ActFile.Act(p).ElectionId, ct).ConfigureAwait(false);

    private async Task<ElectionDefinition> DefinitionOf(string electionId, CancellationToken ct) =>
        (await api.Election(electionId, ct).ConfigureAwait(false)).Definition;

    private async Task<ActOutcome> SignAndSend(PendingAct pending, ElectionDefinition d, CancellationToken ct, string? file = null, bool keep = false)
    {
        var act = ActFile.Act(pending);
        OrganiserSigning.Sign(act, ElectionFile.KeyIndex(d, Key.PublicKey), Key);
        int threshold = (int)Math.Max(1u, d.OrganiserThreshold);
        if (OrganiserSigning.Check(act, d) is null && !keep)
        {
            var response = await Send(pending, ct).ConfigureAwait(false);
            if (file is not null) File.Delete(file); // submitted: the act is in the log now
            return new(response, null, act.Signatures.Count, threshold);
        }
        file ??= home.ActFile(act.ElectionId, ActFile.Verb(pending));
        ActFile.Write(file, pending);
        return new(null, file, act.Signatures.Count, threshold);
    }

    private Task<AppendResponse> Send(PendingAct p, CancellationToken ct) => p.ActCase switch
    {
        PendingAct.ActOneofCase.Definition => api.CreateElection(p.Definition, ct),
        PendingAct.ActOneofCase.Roll => api.CommitRoll(p.Roll, ct),
        PendingAct.ActOneofCase.Open => api.Open(p.Open, ct),
        PendingAct.ActOneofCase.Close => api.Close(p.Close, ct),
        _ => api.Declare(p.Declaration, ct),
    };

    /// <summary>A co-signer's own checks of an act before signing it (see Sign).</summary>
    private static async Task Verify(PendingAct p, ElectionDefinition d, Uri? logUrl, CancellationToken ct)
    {
        switch (p.ActCase)
        {
            case PendingAct.ActOneofCase.Definition:
                var problems = DefinitionRules.Problems(p.Definition);
                if (problems.Count > 0) throw new ClientException($"the definition is not well formed: {string.Join("; ", problems)}", "do not sign it; tell the preparing organiser");
                break;
            case PendingAct.ActOneofCase.Roll:
                if (p.Roll.ElectionId != p.Roll.Commitment.ElectionId)
                    throw new ClientException($"the roll is for election {p.Roll.ElectionId} but its commitment for {p.Roll.Commitment.ElectionId}", "do not sign it; tell the preparing organiser");
                if (RollRules.OfferedProblem(p.Roll.Entries, p.Roll.StyledEntries, p.Roll.Commitment, d) is { } offered)
                    throw new ClientException($"the roll commitment does not match its entries: {offered.Message}", "do not sign it; tell the preparing organiser");
                break;
            case PendingAct.ActOneofCase.Close:
                if (PhaseRules.SeedProblem(p.Close, d) is { } seed) throw new ClientException($"the Close is not valid: {seed.Message}", "do not sign it; tell the preparing organiser");
                break;
            case PendingAct.ActOneofCase.Declaration:
                if (logUrl is null) throw new ClientException("signing a declaration needs --http: you recount the published log yourself before you sign");
                var (_, mine, _) = await Recount(p.Declaration.ElectionId, logUrl, ct).ConfigureAwait(false);
                var theirs = p.Declaration.Clone();
                theirs.Signatures.Clear();
                if (!mine.Equals(theirs))
                    throw new ClientException("the declaration is not the recount of the published log (result digest, outcomes or counted ballots differ)", "do not sign it: run scrutineer verify on the log and compare");
                break;
        }
    }

    /// <summary>The log fetched and verified with the scrutineer's code, and the unsigned Declaration of its recount.</summary>
    private static async Task<(IReadOnlyList<ContestCount> Counts, Declaration Declaration, ElectionDefinition Definition)> Recount(string electionId, Uri logUrl, CancellationToken ct)
    {
        var temp = Directory.CreateTempSubdirectory("voting-declare-").FullName;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            try { await new LogFetcher(http, logUrl, temp, TextWriter.Null).RunAsync(ct).ConfigureAwait(false); }
            catch (FetchException e) { throw new ClientException($"cannot fetch the log: {e.Message}", e.Hint ?? "--http is the server's HTTP address, e.g. http://127.0.0.1:5071"); }
            var log = ExportedLog.Read(temp);
            var v = LogVerifier.Run(log, Policy.FromExportKeys(log));
            // A failed check stops the declaration. Checks that cannot run yet (no Declaration to compare; no witness
            // cosignatures on an unwitnessed server) do not, but the recount itself must have run.
            var failed = v.Results.FirstOrDefault(r => r.Verdict == Verdict.Fail);
            if (failed is not null || v.Counts is not { } counts)
                throw new ClientException($"the log does not verify, so no result is declared: {LogVerifier.Describe(failed ?? v.Results.First(r => r.Name == "count.recount"))}",
                    failed is null
                        ? "the recount could not run for the reason given; a lot contributor whose seed is missing reveals it with scrutineer lot reveal"
                        : "run scrutineer verify on the log for every check");
            var declaration = new Declaration { ElectionId = electionId, ResultDigest = ByteString.CopyFrom(ElectionCount.Digest(counts)), CountedBallots = (ulong)v.Facts!.CountedBallots };
            declaration.Outcomes.AddRange(ElectionCount.Outcomes(counts));
            return (counts, declaration, v.Facts.Definition);
        }
        finally { Directory.Delete(temp, recursive: true); }
    }
}
