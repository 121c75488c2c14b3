using Voting.Core.Notes;

namespace Voting.Storage;

/// <summary>What an append learns once its batch is durable: where it is and the proof that it is there.</summary>
public sealed record AppendResult(ulong Index, byte[] Record, byte[] LeafHash, string CheckpointNote, ulong CheckpointSize, byte[][] InclusionProof)
{
    /// <summary>The record's sequenced_at_ms, as the sequencer gave it (0 for a receipt read back from the store).</summary>
    public ulong SequencedAtMs { get; init; }

    /// <summary>The receipt in C2SP tlog-proof form (log.md §8.7).</summary>
    public Receipt ToReceipt() => new(Index, Record, InclusionProof, CheckpointNote);
}
