using Google.Protobuf;
using Scrutineer.Fetch;
using Scrutineer.Verify;
using Voting.Client.Api;
using Voting.Core.Crypto;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Protocol;
using Voting.Counting;

namespace Voting.Client.Organiser;

/// <summary>
/// The organiser's acts, each signed with the organiser key in the home directory and sent through VotingApi.
/// The CLI and the demo both call these; nothing here prints.
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
    public async Task<(ElectionDefinition Definition, AppendResponse Response)> Create(ElectionDefinition d, CancellationToken ct = default)
    {
        var seedPath = home.TieBreakSeed(d.ElectionId);
        byte[] seed = File.Exists(seedPath) ? Convert.FromBase64String(File.ReadAllText(seedPath).Trim()) : System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var problems = ElectionFile.Complete(d, Key.PublicKey, seed);
        if (problems.Count > 0)
            throw new ClientException($"the definition has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:\n  " + string.Join("\n  ", problems), "fix election.json and run organiser create again");
        uint index = ElectionFile.KeyIndex(d, Key.PublicKey);
        OrganiserSigning.Sign(d, index, Key);
        if (!File.Exists(seedPath)) Home.WriteSecret(seedPath, Convert.ToBase64String(seed) + "\n");
        return (d, await api.CreateElection(d, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Issues one code per member, on roll entries in a random order (EnrollmentCodes.Issue), writes them (with the
    /// member's CSV fields, for mailing) before anything is sent, then commits the roll of the codes' public keys in
    /// roll order. Re-running with the same members re-sends the same roll.
    /// </summary>
    public async Task<(int Members, string CodesFile, AppendResponse Response)> ImportRoll(string electionId, string membersCsv, CancellationToken ct = default)
    {
        var (header, members) = MembersCsv.Read(membersCsv);
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
        var (_, commitment) = RollMath.Seal(electionId, entries);
        var d = (await api.Election(electionId, ct).ConfigureAwait(false)).Definition;
        OrganiserSigning.Sign(commitment, ElectionFile.KeyIndex(d, Key.PublicKey), Key);
        var request = new CommitRollRequest { ElectionId = electionId, Commitment = commitment };
        request.Entries.AddRange(entries.Select(ByteString.CopyFrom));
        return (members.Count, codesPath, await api.CommitRoll(request, ct).ConfigureAwait(false));
    }

    public async Task<AppendResponse> Open(string electionId, CancellationToken ct = default)
    {
        var d = (await api.Election(electionId, ct).ConfigureAwait(false)).Definition;
        var open = new Open { ElectionId = electionId, OpenedAtUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        OrganiserSigning.Sign(open, ElectionFile.KeyIndex(d, Key.PublicKey), Key);
        return await api.Open(open, ct).ConfigureAwait(false);
    }

    /// <summary>Closes voting and reveals the tie-break seed committed at creation.</summary>
    public async Task<AppendResponse> Close(string electionId, CancellationToken ct = default)
    {
        var seedPath = home.TieBreakSeed(electionId);
        if (!File.Exists(seedPath)) throw new ClientException($"no tie-break seed for {electionId} in {home.Root}", "Close reveals the seed made by organiser create: use the same --home");
        var d = (await api.Election(electionId, ct).ConfigureAwait(false)).Definition;
        var close = new Close { ElectionId = electionId, ClosedAtUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), TieBreakSeed = ByteString.CopyFrom(Convert.FromBase64String(File.ReadAllText(seedPath).Trim())) };
        OrganiserSigning.Sign(close, ElectionFile.KeyIndex(d, Key.PublicKey), Key);
        return await api.Close(close, ct).ConfigureAwait(false);
    }

    public async Task<GetStatusResponse> Status(string electionId, CancellationToken ct = default)
    {
        var d = (await api.Election(electionId, ct).ConfigureAwait(false)).Definition;
        var request = new GetStatusRequest { ElectionId = electionId, IssuedAtUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        OrganiserSigning.Sign(request, ElectionFile.KeyIndex(d, Key.PublicKey), Key);
        return await api.Status(request, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches the closed log over HTTP, recounts it with the scrutineer's own verifier (the same code any scrutineer
    /// runs), refuses to declare over a log that fails a check, and declares the recount.
    /// </summary>
    public async Task<(IReadOnlyList<ContestCount> Counts, AppendResponse Response)> Declare(string electionId, Uri logUrl, CancellationToken ct = default)
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
                throw new ClientException($"the log does not verify, so no result is declared: {LogVerifier.Describe(failed ?? v.Results.First(r => r.Name == "count.recount"))}", "run scrutineer verify on the log for every check");
            var d = v.Facts!.Definition;
            var declaration = new Declaration { ElectionId = electionId, ResultDigest = ByteString.CopyFrom(ElectionCount.Digest(counts)), CountedBallots = (ulong)v.Facts.CountedBallots };
            declaration.Outcomes.AddRange(ElectionCount.Outcomes(counts));
            OrganiserSigning.Sign(declaration, ElectionFile.KeyIndex(d, Key.PublicKey), Key);
            return (counts, await api.Declare(declaration, ct).ConfigureAwait(false));
        }
        finally { Directory.Delete(temp, recursive: true); }
    }
}
