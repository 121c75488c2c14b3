using Google.Protobuf;
using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Voting.Protocol;

/// <summary>
/// Not a record: a member's question about their own roll entry (log.md §10.2), signed by one half of the entry —
/// whoever asks holds one of its codes. The payload is "voting/v1/participation-request\n" || the request without its signature.
/// </summary>
public partial class GetParticipationRequest
{
    public byte[] Payload()
    {
        var copy = Clone();
        copy.Signature = ByteString.Empty;
        return Labels.Prefix(Labels.ParticipationRequest, copy.ToByteArray());
    }

    /// <summary>Signs with the seed of either half of the entry.</summary>
    public void Sign(ReadOnlySpan<byte> halfSeed) =>
        Signature = ByteString.CopyFrom(Ed25519.Sign(halfSeed, Ed25519.PublicKeyFromSeed(halfSeed), Payload()));

    /// <summary>True when the signature verifies against either half of the entry.</summary>
    public bool SignedBy(RollEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var payload = Payload();
        return Ed25519.Verify(entry.Key.Span, payload, Signature.Span)
            || (entry.IssuerKey.Length == Ed25519.PublicKeySize && Ed25519.Verify(entry.IssuerKey.Span, payload, Signature.Span));
    }
}
