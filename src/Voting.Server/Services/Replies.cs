using Google.Protobuf;
using Voting.Protocol;
using Voting.Storage;

namespace Voting.Server.Services;

/// <summary>What the services send back, built one way for all three.</summary>
internal static class Replies
{
    public static AppendResponse Appended(AppendResult r) =>
        new() { Index = r.Index, Record = ByteString.CopyFrom(r.Record), Receipt = r.ToReceipt().Format() };

    public static ProofResponse Proof(byte[][] hashes)
    {
        var p = new ProofResponse();
        p.Hashes.AddRange(hashes.Select(ByteString.CopyFrom));
        return p;
    }

    /// <summary>
    /// A part of the request that must be there, and whose fields are all records.proto's (errors.md G2): it becomes a
    /// record, and a record carrying unknown fields is not canonical (log.md §3) — stored, it would fail every audit
    /// and stop this server from reopening the log. Refused, not stripped: signatures cover those bytes.
    /// </summary>
    public static T Required<T>(T? value, string what) where T : class, IMessage =>
        value is null ? throw ErrorRows.G2.Refuse($"{what} is missing")
        : Voting.Core.Records.Canonical.HasUnknownFields(value) ? throw ErrorRows.G2.Refuse($"{what} carries fields that records.proto does not define; a record must be canonical (log.md §3)")
        : value;
}
