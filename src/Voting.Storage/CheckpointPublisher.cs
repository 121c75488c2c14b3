using Microsoft.Data.Sqlite;

namespace Voting.Storage;

/// <summary>
/// Publishes each committed batch's checkpoint: marked as the log's high-water mark, cosigned by the witness quorum when
/// one is configured (the cosigned note replaces the stored one), then announced. Until a checkpoint is published its
/// records have no receipt; why the last one was not is kept for the member's error (errors.md V11). Called by the
/// sequencer only.
/// </summary>
internal sealed class CheckpointPublisher(SqliteConnection write, ICheckpointCosigner? cosigner, Func<ulong, ulong, byte[][]> consistencyProof, string checkpoint, ulong size, HighWaterMark? mark)
{
    private volatile string _checkpoint = checkpoint;
    private TaskCompletionSource _nextCheckpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The latest published checkpoint (log-signed, and cosigned when witnesses are configured).</summary>
    public string Latest => _checkpoint;

    /// <summary>The tree size of the latest published checkpoint; records beyond it have no receipt yet.</summary>
    public ulong PublishedSize { get; private set; } = size;

    /// <summary>Why the latest checkpoint was not published (the witnesses' refusals); null once one is.</summary>
    public string? PublicationProblem { get; private set; }

    /// <summary>Completes when the latest checkpoint is no longer `current` (at once if it already differs).</summary>
    public Task WaitForNewAsync(string current, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _nextCheckpoint).Task;
        return _checkpoint != current ? Task.CompletedTask : next.WaitAsync(cancellationToken);
    }

    /// <summary>Cosigns (when witnesses are configured), stores and announces a batch's checkpoint.</summary>
    /// <exception cref="Exception">The quorum was not reached: the checkpoint stays unpublished, and the reason is kept.</exception>
    public async Task<string> PublishAsync(string note, ulong size)
    {
        try
        {
            // Marked before anyone can hold it: a database later cut below this size is refused when it opens (log.md §11.1).
            mark?.Record(note, size);
            var published = note;
            if (cosigner is not null)
            {
                published = await cosigner.CosignAsync(note, size, consistencyProof, CancellationToken.None).ConfigureAwait(false);
                using var update = write.CreateCommand();
                update.CommandText = "UPDATE checkpoints SET note = $n WHERE size = $s";
                update.Parameters.AddWithValue("$n", published);
                update.Parameters.AddWithValue("$s", checked((long)size));
                update.ExecuteNonQuery();
            }
            PublishedSize = size;
            PublicationProblem = null;
            _checkpoint = published;
            Interlocked.Exchange(ref _nextCheckpoint, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return published;
        }
        catch (Exception e)
        {
            PublicationProblem = e.Message;
            throw;
        }
    }
}
