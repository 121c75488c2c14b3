using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Protocol;
using Voting.Storage;

namespace Voting.Server.Elections;

/// <summary>
/// Every election the server hosts: one log per election under data/elections/&lt;id&gt;/log.sqlite, each signed
/// with the server's key under the origin "&lt;log host&gt;/elections/&lt;id&gt;" (log.md §8.3).
/// </summary>
internal sealed class ElectionRegistry : IAsyncDisposable
{
    private readonly Dictionary<string, ElectionHost> _hosts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _create = new(1, 1);
    private readonly string _dataDir;
    private readonly byte[] _seed;
    private readonly string _logHost;
    private readonly LogStoreOptions _options;
    private readonly HashSet<string> _organisers;

    /// <param name="organisers">The organiser keys that may create elections (the Organisers setting); empty lets anyone.</param>
    public ElectionRegistry(string dataDir, byte[] seed, string logHost, LogStoreOptions options, IReadOnlyList<byte[]>? organisers = null)
    {
        _dataDir = dataDir;
        _seed = seed;
        _logHost = logHost;
        _options = options;
        _organisers = new HashSet<string>((organisers ?? []).Select(k => Key.Of(k)), StringComparer.Ordinal);
        var root = Path.Combine(dataDir, "elections");
        DataDirectory.CreateOwnerOnly(root);
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(dir);
            var db = Path.Combine(dir, "log.sqlite");
            if (!File.Exists(db))
            {
                if (!Directory.EnumerateFileSystemEntries(dir).Any()) Remove(dir);
                continue;
            }
            ElectionHost host;
            try { host = ElectionHost.Open(db, KeyFor(id), options); }
            catch (Exception e) when (e is LogCorruptException or VotingFormatException)
            {
                // One damaged log must not take the server's other elections down with it: it is set aside, named at
                // start, and every call for it says why (G3), until an operator restores it.
                Unopenable[id] = $"election \"{id}\"'s database fails its own checks on reopening, so this server serves nothing of it: {e.Message}";
                continue;
            }
            // A store its high-water mark refuses is evidence, not an unfinished creation: it is kept (log.md §11.1).
            if (host.Store.Size > 0 || host.Store.Refusal is not null)
            {
                _hosts[id] = host;
                continue;
            }
            // A creation that never made its definition durable (a crash, or a server before creation was atomic):
            // nothing in it was ever acknowledged, and kept it would answer ALREADY_EXISTS for that id for good.
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Remove(dir);
        }
    }

    /// <summary>Elections whose database failed its checks at start, with why; the server logs them and answers G3.</summary>
    public Dictionary<string, string> Unopenable { get; } = new(StringComparer.Ordinal);

    /// <summary>The election directories found at start holding no record, and removed; the server logs them.</summary>
    public List<string> Removed { get; } = [];

    private void Remove(string dir)
    {
        Directory.Delete(dir, recursive: true);
        Removed.Add(dir);
    }

    public NoteSigner KeyFor(string electionId) => new($"{_logHost}/elections/{electionId}", _seed);

    public IReadOnlyCollection<string> Ids
    {
        get { lock (_hosts) return [.. _hosts.Keys]; }
    }

    public ElectionHost Get(string electionId)
    {
        lock (_hosts)
        {
            if (_hosts.TryGetValue(electionId ?? "", out var h)) return h;
        }
        if (Unopenable.TryGetValue(electionId ?? "", out var why)) throw ErrorRows.G3.Refuse(why);
        throw ErrorRows.G1.Refuse($"no election \"{ErrorRows.Shown(electionId)}\" on this server");
    }

    public bool TryGet(string electionId, out ElectionHost host)
    {
        lock (_hosts) return _hosts.TryGetValue(electionId, out host!);
    }

    /// <summary>
    /// Creates an election, or refuses it and leaves nothing behind: every check comes before anything is written, and
    /// if the definition does not become durable the directory made for it is removed again.
    /// </summary>
    public async Task<AppendResult> CreateAsync(ElectionDefinition definition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = DefinitionRules.Problems(definition).ToList();
        if (LogStore.SizeProblem(new LogRecord { Election = definition }) is { } tooLarge) problems.Add($"as a record it is too large ({tooLarge}, log.md §12)");
        if (problems.Count > 0) throw ErrorRows.O1.Refuse("the election definition is not well formed: " + Listed(problems));
        if (definition.Signatures.Count == 0) throw ErrorRows.O2.Refuse("the definition carries no organiser signature");
        if (OrganiserSigning.Check(definition, definition) is { } bad) throw ErrorRows.O2.Refuse(bad);
        if (_organisers.Count > 0 && !definition.Signatures.Any(sig => _organisers.Contains(Key.Of(definition.OrganiserKeys[(int)sig.KeyIndex].Span))))
            throw ErrorRows.O13.Refuse("this server creates elections only for the organiser keys its operator allows (the Organisers setting), and none of them signed this definition");
        await _create.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            lock (_hosts)
            {
                if (_hosts.ContainsKey(definition.ElectionId))
                    throw ErrorRows.O3.Refuse($"election \"{ErrorRows.Shown(definition.ElectionId)}\" already exists");
            }
            var dir = Path.Combine(_dataDir, "elections", definition.ElectionId);
            if (Directory.Exists(dir)) throw ErrorRows.O3.Refuse($"election \"{ErrorRows.Shown(definition.ElectionId)}\" already has data on disk");
            DataDirectory.CreateOwnerOnly(dir);
            bool registered = false;
            try
            {
                return await ElectionHost.CreateAsync(Path.Combine(dir, "log.sqlite"), KeyFor(definition.ElectionId), _options, definition,
                    host => { lock (_hosts) _hosts[definition.ElectionId] = host; registered = true; }).ConfigureAwait(false);
            }
            catch when (!registered)
            {
                // Nothing of it is durable: kept, the directory would answer ALREADY_EXISTS for this id for good.
                Directory.Delete(dir, recursive: true);
                throw;
            }
        }
        finally { _create.Release(); }
    }

    /// <summary>
    /// Every problem, within what a status message can carry (errors.md: messages are bounded — they travel in a
    /// header): each cut at 200 characters, and after 2,000 in all the count of the rest.
    /// </summary>
    private static string Listed(List<string> problems)
    {
        const int Each = 200, All = 2000;
        var shown = new List<string>();
        int length = 0;
        foreach (var p in problems)
        {
            var one = p.Length <= Each ? p : p[..Each] + "…";
            if (length + one.Length > All) break;
            shown.Add(one);
            length += one.Length + 2;
        }
        var listed = string.Join("; ", shown);
        return shown.Count == problems.Count ? listed : $"{listed}; and {problems.Count - shown.Count} more problems";
    }

    public async ValueTask DisposeAsync()
    {
        List<ElectionHost> hosts;
        lock (_hosts) hosts = [.. _hosts.Values];
        foreach (var h in hosts) await h.DisposeAsync().ConfigureAwait(false);
        _create.Dispose();
    }
}
