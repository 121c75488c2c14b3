using Google.Protobuf;
using Voting.Core.Crypto;

namespace Voting.Core.Records;

/// <summary>
/// Signatures of the split roll (log.md §8.6): the independent issuer's attestation and audit, the issuer half of an
/// enrollment, and a member's dispute (both halves). Each payload is its label
/// followed by the message with its signature fields cleared, so each key signs each kind of message apart.
/// </summary>
public static class IssuerSigning
{
    private static byte[] Payload(string label, IMessage unsigned) => Labels.Prefix(label, unsigned.ToByteArray());

    private static byte[] Sign(ReadOnlySpan<byte> seed, byte[] payload) => Ed25519.Sign(seed, Ed25519.PublicKeyFromSeed(seed), payload);

    public static byte[] AttestationPayload(RollAttestation a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var copy = a.Clone();
        copy.Signature = ByteString.Empty;
        return Payload(Labels.RollAttestation, copy);
    }

    public static void SignAttestation(RollAttestation a, ReadOnlySpan<byte> issuerSeed) =>
        a.Signature = ByteString.CopyFrom(Sign(issuerSeed, AttestationPayload(a)));

    public static bool AttestationSignatureValid(RollAttestation a, ReadOnlySpan<byte> issuerKey) =>
        Ed25519.Verify(issuerKey, AttestationPayload(a), a.Signature.Span);

    public static byte[] AuditPayload(RollAudit a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var copy = a.Clone();
        copy.Signature = ByteString.Empty;
        return Payload(Labels.RollAudit, copy);
    }

    public static void SignAudit(RollAudit a, ReadOnlySpan<byte> issuerSeed) =>
        a.Signature = ByteString.CopyFrom(Sign(issuerSeed, AuditPayload(a)));

    public static bool AuditSignatureValid(RollAudit a, ReadOnlySpan<byte> issuerKey) =>
        Ed25519.Verify(issuerKey, AuditPayload(a), a.Signature.Span);

    /// <summary>The enrollment's body as both its other signatures see it, under the issuer half's own label.</summary>
    public static byte[] EnrollmentIssuerPayload(Enrollment en)
    {
        ArgumentNullException.ThrowIfNull(en);
        return Labels.Prefix(Labels.EnrollmentIssuer, VoterSigning.EnrollmentBody(en));
    }

    public static void SignEnrollmentIssuerHalf(Enrollment en, ReadOnlySpan<byte> issuerSeed) =>
        en.IssuerSignature = ByteString.CopyFrom(Sign(issuerSeed, EnrollmentIssuerPayload(en)));

    public static bool EnrollmentIssuerHalfValid(Enrollment en, ReadOnlySpan<byte> issuerKey) =>
        Ed25519.Verify(issuerKey, EnrollmentIssuerPayload(en), en.IssuerSignature.Span);

    private static Dispute Unsigned(Dispute d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var copy = d.Clone();
        copy.OfficeSignature = ByteString.Empty;
        copy.IssuerSignature = ByteString.Empty;
        return copy;
    }

    public static byte[] DisputeOfficePayload(Dispute d) => Payload(Labels.Dispute, Unsigned(d));
    public static byte[] DisputeIssuerPayload(Dispute d) => Payload(Labels.DisputeIssuer, Unsigned(d));

    /// <summary>A dispute needs both of the member's codes: each half signs under its own label.</summary>
    public static void SignDispute(Dispute d, ReadOnlySpan<byte> officeSeed, ReadOnlySpan<byte> issuerSeed)
    {
        ArgumentNullException.ThrowIfNull(d);
        d.OfficeSignature = ByteString.CopyFrom(Sign(officeSeed, DisputeOfficePayload(d)));
        d.IssuerSignature = ByteString.CopyFrom(Sign(issuerSeed, DisputeIssuerPayload(d)));
    }

    /// <summary>Null when both halves' signatures verify against the entry; else which does not.</summary>
    public static string? DisputeSignatureProblem(Dispute d, RollEntry entry)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(entry);
        if (!Ed25519.Verify(entry.Key.Span, DisputeOfficePayload(d), d.OfficeSignature.Span))
            return $"the office half's signature does not verify against roll entry {d.RollIndex}";
        if (!Ed25519.Verify(entry.IssuerKey.Span, DisputeIssuerPayload(d), d.IssuerSignature.Span))
            return $"the issuer half's signature does not verify against roll entry {d.RollIndex}";
        return null;
    }
}
