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

    /// <summary>A part of the request that must be there (errors.md G2).</summary>
    public static T Required<T>(T? value, string what) where T : class =>
        value ?? throw ErrorRows.G2.Refuse($"{what} is missing");
}
