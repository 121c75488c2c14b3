using System.Security.Cryptography;
using Voting.Core.Ballots;
using Voting.Core.Merkle;

namespace Voting.Core.Records;

/// <summary>
/// The plain hash chain (log.md §4; audit checks chain.height, chain.prev, chain.time): height counts from 0, prev
/// is the previous record's leaf hash, time never goes back. The store checks it when it reopens a log, the
/// scrutineer on every record, with these three rules.
/// </summary>
public static class Chain
{
    public static byte[] LeafHash(ReadOnlySpan<byte> recordBytes) => Rfc6962.HashLeaf(recordBytes);

    public static RuleViolation? HeightProblem(LogRecord record, ulong expectedHeight)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Height == expectedHeight ? null : new("chain.height", $"height is {record.Height}, expected {expectedHeight}");
    }

    /// <summary>The first record's prev is empty; every other's is the leaf hash of the record before.</summary>
    public static RuleViolation? PrevProblem(LogRecord record, ulong height, ReadOnlySpan<byte> previousLeafHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (height == 0) return record.Prev.IsEmpty ? null : new("chain.prev", "the first record must have an empty prev");
        return CryptographicOperations.FixedTimeEquals(record.Prev.Span, previousLeafHash) ? null : new("chain.prev", "prev is not the leaf hash of the record before");
    }

    public static RuleViolation? TimeProblem(LogRecord record, ulong previousTimeMs)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.SequencedAtMs >= previousTimeMs ? null : new("chain.time", $"sequenced_at_ms {record.SequencedAtMs} goes back from {previousTimeMs}");
    }

    /// <summary>Null when the record follows a predecessor with that leaf hash (or starts the log); else the first reason.</summary>
    public static string? Check(LogRecord record, ulong expectedHeight, ReadOnlySpan<byte> previousLeafHash, ulong previousTimeMs) =>
        (HeightProblem(record, expectedHeight) ?? PrevProblem(record, expectedHeight, previousLeafHash) ?? TimeProblem(record, previousTimeMs))?.Message;
}
