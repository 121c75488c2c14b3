using Google.Protobuf;
using Voting.Core.Crypto;

namespace Voting.Core.Records;

/// <summary>
/// The trustees' signatures (sealed.md §3.2): each record's payload is its label followed by the record with its
/// signature cleared, signed by the trustee's signing_key from the definition.
/// </summary>
public static class TrusteeSigning
{
    /// <summary>The label, then the record as encoded with its signature field empty.</summary>
    private static byte[] Payload<T>(string label, T record, Action<T> clearSignature) where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(record);
        var copy = record.Clone();
        clearSignature(copy);
        return Labels.Prefix(label, copy.ToByteArray());
    }

    public static byte[] CommitmentPayload(TrusteeCommitment c) => Payload(Labels.TrusteeCommitment, c, x => x.Signature = ByteString.Empty);

    public static void Sign(TrusteeCommitment c, ReadOnlySpan<byte> signingSeed) =>
        c.Signature = ByteString.CopyFrom(Ed25519.Sign(signingSeed, Ed25519.PublicKeyFromSeed(signingSeed), CommitmentPayload(c)));

    public static bool SignatureValid(TrusteeCommitment c, ReadOnlySpan<byte> signingKey) =>
        Ed25519.Verify(signingKey, CommitmentPayload(c), c.Signature.Span);

    /// <summary>What a confirmation names each commitment by: the hash of its encoding, wherever it sits in the log.</summary>
    public static byte[] CommitmentDigest(TrusteeCommitment c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return System.Security.Cryptography.SHA256.HashData(Labels.Prefix(Labels.TrusteeCommitmentDigest, c.ToByteArray()));
    }

    public static byte[] ConfirmationPayload(TrusteeConfirmation c) => Payload(Labels.TrusteeConfirmation, c, x => x.Signature = ByteString.Empty);

    public static void Sign(TrusteeConfirmation c, ReadOnlySpan<byte> signingSeed) =>
        c.Signature = ByteString.CopyFrom(Ed25519.Sign(signingSeed, Ed25519.PublicKeyFromSeed(signingSeed), ConfirmationPayload(c)));

    public static bool SignatureValid(TrusteeConfirmation c, ReadOnlySpan<byte> signingKey) =>
        Ed25519.Verify(signingKey, ConfirmationPayload(c), c.Signature.Span);
}
