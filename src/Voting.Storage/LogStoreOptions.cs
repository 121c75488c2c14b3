namespace Voting.Storage;

public sealed record LogStoreOptions
{
    /// <summary>Most appends committed, fsynced and checkpointed together (log.md §11).</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>Appends waiting for a batch beyond this are refused rather than queued without bound.</summary>
    public int MaxQueued { get; init; } = 65_536;

    /// <summary>Witnesses whose quorum must cosign each batch's checkpoint before it is published and its appends complete; null publishes at once.</summary>
    public ICheckpointCosigner? Cosigner { get; init; }

    /// <summary>
    /// Where each log marks the newest checkpoint it committed, outside its database, so that a database cut back to an
    /// earlier checkpoint is refused when it opens (log.md §11.1); null keeps no marks.
    /// </summary>
    public HighWaterMarks? HighWater { get; init; }

    /// <summary>Clock for sequenced_at_ms; the record time never goes backwards even if this does.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
