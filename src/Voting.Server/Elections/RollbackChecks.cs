using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Voting.Core.Notes;
using Voting.Storage;

namespace Voting.Server.Elections;

/// <summary>
/// The server's rollback checks at start (log.md §11.1), said once in its log: each election refused and its evidence,
/// a log marked afresh, a mark whose database is gone, and — with no witnesses — that the server's own marks are all
/// that stands between a rewound database and the members. Each log's appends wait for its own witness check anyway;
/// starting them all here gives the verdict before anyone appends.
/// </summary>
internal sealed partial class RollbackChecks(ElectionRegistry registry, HighWaterMarks marks, NoteVerifier hostKey, int witnesses)
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "no witnesses are configured: a rollback of an election's database is refused only by this server's high-water marks in {Marks}, and one that rewinds them too is detectable only by receipt holders")]
    private static partial void LogNoWitnesses(ILogger logger, string marks);

    [LoggerMessage(Level = LogLevel.Error, Message = "election {Election} refuses appends: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string election, string refusal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "election {Election}: {Notice}")]
    private static partial void LogMarkNotice(ILogger logger, string election, string notice);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Origin} has a high-water mark at size {Size} but no database on this server: its log was deleted, and creating it again is refused")]
    private static partial void LogMarkWithoutLog(ILogger logger, string origin, ulong size);

    [LoggerMessage(Level = LogLevel.Error, Message = "rollback checks at start failed")]
    private static partial void LogFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "rollback checks: {Elections} election logs against their high-water marks and {Witnesses} witnesses in {Milliseconds} ms")]
    private static partial void LogChecked(ILogger logger, int elections, int witnesses, long milliseconds);

    /// <summary>Completes once every election has been checked and the findings logged.</summary>
    public Task Done { get; private set; } = Task.CompletedTask;

    public void Start(ILogger logger) => Done = Run(logger);

    private async Task Run(ILogger logger)
    {
        var clock = Stopwatch.StartNew();
        if (witnesses == 0) LogNoWitnesses(logger, marks.Directory);
        try
        {
            var hosts = registry.Ids.Select(id => (Id: id, registry.Get(id).Store)).ToList();
            foreach (var (id, store) in hosts)
                if (store.MarkNotice is { } notice) LogMarkNotice(logger, id, notice);
            var served = hosts.Select(h => h.Store.Origin).ToHashSet(StringComparer.Ordinal);
            foreach (var origin in marks.Origins())
            {
                // Only this host's elections: a mark under another log host belongs to no log this server could open.
                if (served.Contains(origin) || !origin.StartsWith(hostKey.Name + "/", StringComparison.Ordinal)) continue;
                if (marks.Read(new NoteVerifier(origin, hostKey.Type, hostKey.PublicKey)) is { Size: > 0 } marked) LogMarkWithoutLog(logger, origin, marked.Size);
            }
            await Task.WhenAll(hosts.Select(h => h.Store.CheckWitnessesAsync())).ConfigureAwait(false);
            foreach (var (id, store) in hosts)
                if (store.Refusal is { } refusal) LogRefused(logger, id, refusal);
            LogChecked(logger, hosts.Count, witnesses, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogFailed(logger, e);
        }
    }
}
