namespace Voting.Storage;

/// <summary>
/// Publication of a checkpoint (log.md §11): given the log-signed checkpoint of a committed batch, returns the
/// note to publish — the same with witness cosignatures — or throws when the witness quorum is not reached.
/// consistencyProof(oldSize, newSize) serves witnesses that last saw an older tree.
/// </summary>
public interface ICheckpointCosigner
{
    Task<string> CosignAsync(string signedCheckpoint, ulong size, Func<ulong, ulong, byte[][]> consistencyProof, CancellationToken cancellationToken);
}
