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

    public ElectionRegistry(string dataDir, byte[] seed, string logHost, LogStoreOptions options)
    {
        _dataDir = dataDir;
        _seed = seed;
        _logHost = logHost;
        _options = options;
        var root = Path.Combine(dataDir, "elections");
        Directory.CreateDirectory(root);
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(dir);
            var db = Path.Combine(dir, "log.sqlite");
            if (File.Exists(db)) _hosts[id] = ElectionHost.Open(db, KeyFor(id), options);
        }
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
        throw ErrorRows.G1.Refuse($"no election \"{ErrorRows.Shown(electionId)}\" on this server");
    }

    public bool TryGet(string electionId, out ElectionHost host)
    {
        lock (_hosts) return _hosts.TryGetValue(electionId, out host!);
    }

    public async Task<AppendResult> CreateAsync(ElectionDefinition definition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = DefinitionRules.Problems(definition);
        if (problems.Count > 0) throw ErrorRows.O1.Refuse("the election definition is not well formed: " + string.Join("; ", problems));
        if (definition.Signatures.Count == 0) throw ErrorRows.O2.Refuse("the definition carries no organiser signature");
        if (OrganiserSigning.Check(definition, definition) is { } bad) throw ErrorRows.O2.Refuse(bad);
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
            Directory.CreateDirectory(dir);
            return await ElectionHost.CreateAsync(Path.Combine(dir, "log.sqlite"), KeyFor(definition.ElectionId), _options, definition,
                host => { lock (_hosts) _hosts[definition.ElectionId] = host; }).ConfigureAwait(false);
        }
        finally { _create.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        List<ElectionHost> hosts;
        lock (_hosts) hosts = [.. _hosts.Values];
        foreach (var h in hosts) await h.DisposeAsync().ConfigureAwait(false);
        _create.Dispose();
    }
}
