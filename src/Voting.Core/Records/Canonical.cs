using Google.Protobuf;

namespace Voting.Core.Records;

/// <summary>
/// Canonical record encoding (log.md §3): a record is valid only if parsing it and serialising
/// it again gives the same bytes, so every reader agrees on the bytes that are hashed and signed.
/// Unknown fields are dropped on parse, which makes any record that carries them non-canonical.
/// </summary>
public static class Canonical
{
    /// <summary>tlog-tiles entry bundles prefix each entry with a uint16 length (export.md §3).</summary>
    public const int MaxRecordBytes = 65535;

    private static readonly MessageParser<LogRecord> Parser = LogRecord.Parser.WithDiscardUnknownFields(true);

    public static byte[] Serialize(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.BodyCase == LogRecord.BodyOneofCase.None) throw new VotingFormatException("a record needs a body");
        var bytes = record.ToByteArray();
        if (bytes.Length > MaxRecordBytes) throw new VotingFormatException($"record is {bytes.Length} bytes; the limit is {MaxRecordBytes}");
        return bytes;
    }

    /// <summary>Parses a record and insists on its canonical encoding; the message says what is wrong.</summary>
    public static LogRecord Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxRecordBytes) throw new VotingFormatException($"record is {bytes.Length} bytes; the limit is {MaxRecordBytes}");
        LogRecord record;
        try { record = Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e) { throw new VotingFormatException($"record is not a valid LogRecord: {e.Message}", e); }
        if (record.BodyCase == LogRecord.BodyOneofCase.None) throw new VotingFormatException("record has no body");
        if (!IsReencodingOf(record, bytes))
            throw new VotingFormatException("record is not canonically encoded (field order, defaults, packing or unknown fields)");
        return record;
    }

    /// <summary>Whether serialising the record gives exactly these bytes; written on the stack when small, as verifiers check every record.</summary>
    private static bool IsReencodingOf(LogRecord record, ReadOnlySpan<byte> bytes)
    {
        int size = record.CalculateSize();
        if (size != bytes.Length) return false;
        Span<byte> again = size <= 2048 ? stackalloc byte[size] : new byte[size];
        record.WriteTo(again);
        return bytes.SequenceEqual(again);
    }

    /// <summary>
    /// Whether a message (a request's record body) carries fields its schema does not define. Parsers keep them and
    /// serialisers write them back, so a body that carries them would become a record that is not canonical — which
    /// every verifier, and the server reopening its own log, rejects. Discarding them shrinks the encoding.
    /// </summary>
    public static bool HasUnknownFields(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = message.ToByteArray();
        return message.Descriptor.Parser.WithDiscardUnknownFields(true).ParseFrom(bytes).CalculateSize() != bytes.Length;
    }

    /// <summary>The bytes of any message as C# serialises it: field-number order, packed repeats, defaults omitted.</summary>
    public static byte[] Bytes(IMessage message) => message.ToByteArray();
}
