namespace Voting.Storage;

/// <summary>
/// Refuses appends to a log whose database has lost records it had committed (log.md §11.1). A database cut back to
/// an earlier checkpoint replays as a valid log, so the evidence must come from outside it: the high-water mark, and
/// the witnesses, each of which remembers the largest tree it cosigned for the origin. The mark is compared when the
/// log opens, the witnesses before its first batch is committed; evidence a witness gives with a later batch refuses
/// the batches after it. A refused log stays refused until it is reopened on a database that holds what it lost.
/// </summary>
internal sealed class RollbackGuard
{
    private readonly Lock _lock = new();
    private readonly List<string> _evidence = [];
    private readonly Lazy<Task> _witnesses;

    /// <param name="askWitnesses">Presents the opened log's checkpoint to the witnesses; null when none are configured.</param>
    public RollbackGuard(string? markEvidence, Func<Task>? askWitnesses)
    {
        if (markEvidence is not null) _evidence.Add(markEvidence);
        _witnesses = new Lazy<Task>(() => askWitnesses is null ? Task.CompletedTask : Task.Run(() => Ask(askWitnesses)));
    }

    /// <summary>Why appends are refused, naming every piece of evidence; null while there is none.</summary>
    public string? Refusal
    {
        get
        {
            lock (_lock)
            {
                return _evidence.Count == 0 ? null
                    : $"this election's log refuses appends: its database is shorter than, or differs from, a checkpoint known outside it ({string.Join("; ", _evidence)}); restore the records it lost (log.md §11.1)";
            }
        }
    }

    public void Refuse(string evidence)
    {
        lock (_lock) _evidence.Add(evidence);
    }

    /// <summary>Completes once the witnesses have been asked (once per opening; every batch waits for it). Never fails.</summary>
    public Task CheckWitnessesAsync() => _witnesses.Value;

    private async Task Ask(Func<Task> askWitnesses)
    {
        try
        {
            await askWitnesses().ConfigureAwait(false);
        }
        catch (LogRolledBackException e)
        {
            Refuse(e.Message);
        }
        catch (Exception)
        {
            // Witnesses that could not be asked give no evidence either way: the cosigner has logged why, and every
            // batch asks them again, so a witness that answers later is compared then.
        }
    }

    /// <summary>What the high-water mark says against the opened database: null when the database holds the marked tree.</summary>
    public static string? AgainstMark(HighWaterMark mark, RecoveredLog recovered)
    {
        if (mark.Latest is not { } marked) return null;
        ulong size = recovered.Frontier.Size;
        var what = $"the high-water mark {mark.Path} is this server's checkpoint of size {marked.Size} with root {Convert.ToBase64String(marked.Root)}";
        if (size < marked.Size) return $"{what}, but the database holds {size} records";
        var root = recovered.Tree.RootAt(marked.Size);
        return root.AsSpan().SequenceEqual(marked.Root) ? null : $"{what}, but the database's tree of that size has root {Convert.ToBase64String(root)}";
    }
}
