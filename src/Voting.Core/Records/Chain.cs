using System.Security.Cryptography;
using Voting.Core.Merkle;

namespace Voting.Core.Records;

/// <summary>The plain hash chain (log.md §4): height counts from 0, prev is the previous record's leaf hash.</summary>
public static class Chain
{
    public static byte[] LeafHash(ReadOnlySpan<byte> recordBytes) => Rfc6962.HashLeaf(recordBytes);

    /// <summary>Null when the record follows a predecessor with that leaf hash (or starts the log); else the reason.</summary>
    public static string? Check(LogRecord record, ulong expectedHeight, ReadOnlySpan<byte> previousLeafHash, ulong previousTimeMs)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Height != expectedHeight) return $"height is {record.Height}, expected {expectedHeight}";
        if (expectedHeight == 0)
        {
            if (!record.Prev.IsEmpty) return "the first record must have an empty prev";
        }
        else if (!CryptographicOperations.FixedTimeEquals(record.Prev.Span, previousLeafHash))
        {
            return "prev is not the leaf hash of the record before";
        }
        if (record.SequencedAtMs < previousTimeMs) return $"sequenced_at_ms {record.SequencedAtMs} goes back from {previousTimeMs}";
        return null;
    }
}
