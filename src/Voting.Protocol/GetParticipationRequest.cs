using Google.Protobuf;
using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Voting.Protocol;

/// <summary>
/// Not a record: a member's question about their own roll entry (log.md §10.2), signed by the entry's office half —
/// whoever asks holds its office code. The payload is "voting/v1/participation-request\n" || the request without its signature.
/// </summary>
public partial class GetParticipationRequest
{
    public byte[] Payload()
    {
        var copy = Clone();
        copy.Signature = ByteString.Empty;
        return Labels.Prefix(Labels.ParticipationRequest, copy.ToByteArray());
    }

    /// <summary>Signs with the seed of the entry's office half (the key of the member's office code).</summary>
    public void Sign(ReadOnlySpan<byte> officeSeed) =>
        Signature = ByteString.CopyFrom(Ed25519.Sign(officeSeed, Ed25519.PublicKeyFromSeed(officeSeed), Payload()));

    /// <summary>
    /// True when the signature verifies against the entry's office half. Not the issuer half: the issuer holds every
    /// issuer code, and must not learn during voting which members have voted.
    /// </summary>
    public bool SignedByOfficeHalf(RollEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Ed25519.Verify(entry.Key.Span, Payload(), Signature.Span);
    }
}
