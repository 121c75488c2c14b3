using Google.Protobuf;
using Voting.Core.Crypto;

namespace Voting.Core.Records;

/// <summary>Signatures by members' keys (log.md §8.6): ballots and enrollments.</summary>
public static class VoterSigning
{
    public static byte[] BallotPayload(Ballot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        var copy = ballot.Clone();
        copy.Signature = ByteString.Empty;
        return Labels.Prefix(Labels.Ballot, copy.ToByteArray());
    }

    /// <summary>
    /// The same payload as BallotPayload, cut from a canonical record's bytes instead of re-serialised: in a
    /// canonical LogRecord the body is the last field, so the Ballot's bytes are the record's tail, and in a canonical
    /// Ballot the signature (field 6, the highest) is the Ballot's tail. For verifiers reading many records.
    /// </summary>
    public static byte[] BallotPayload(ReadOnlySpan<byte> canonicalRecord, Ballot ballot) =>
        Labels.Prefix(Labels.Ballot, UnsignedBallotBytes(canonicalRecord, ballot));

    /// <summary>The Ballot's bytes without its signature field, as a slice of the canonical record that holds it.</summary>
    private static ReadOnlySpan<byte> UnsignedBallotBytes(ReadOnlySpan<byte> canonicalRecord, Ballot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        int ballotSize = ballot.CalculateSize();
        int sig = ballot.Signature.Length;
        int sigField = sig == 0 ? 0 : 1 + CodedOutputStream.ComputeLengthSize(sig) + sig;
        if (ballotSize > canonicalRecord.Length) throw new ArgumentException("the record does not hold this ballot", nameof(canonicalRecord));
        return canonicalRecord[^ballotSize..^sigField];
    }

    private static readonly byte[] BallotLabel = System.Text.Encoding.ASCII.GetBytes(Labels.Ballot);

    /// <summary>BallotSignatureValid for a ballot parsed from a canonical record (Canonical.Parse), without re-serialising it.</summary>
    /// <remarks>The payload is assembled on the stack when it fits: verifiers run this for every ballot of an election.</remarks>
    public static bool BallotSignatureValid(ReadOnlySpan<byte> canonicalRecord, Ballot ballot)
    {
        var body = UnsignedBallotBytes(canonicalRecord, ballot);
        int n = BallotLabel.Length + body.Length;
        Span<byte> payload = n <= 1024 ? stackalloc byte[n] : new byte[n];
        BallotLabel.CopyTo(payload);
        body.CopyTo(payload[BallotLabel.Length..]);
        return Ed25519.Verify(ballot.CredentialKey.Span, payload, ballot.Signature.Span);
    }

    public static void SignBallot(Ballot ballot, ReadOnlySpan<byte> credentialSeed)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        var sig = Ed25519.Sign(credentialSeed, ballot.CredentialKey.Span, BallotPayload(ballot));
        ballot.Signature = ByteString.CopyFrom(sig);
    }

    public static bool BallotSignatureValid(Ballot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        return Ed25519.Verify(ballot.CredentialKey.Span, BallotPayload(ballot), ballot.Signature.Span);
    }

    /// <summary>The enrollment without any of its three signatures: what each of them signs, under its own label.</summary>
    public static byte[] EnrollmentBody(Enrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        var copy = enrollment.Clone();
        copy.RollSignature = ByteString.Empty;
        copy.CredentialSignature = ByteString.Empty;
        copy.IssuerSignature = ByteString.Empty;
        return copy.ToByteArray();
    }

    public static byte[] EnrollmentPayload(Enrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return Labels.Prefix(Labels.Enrollment, EnrollmentBody(enrollment));
    }

    public static byte[] EnrollmentCredentialPayload(Enrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return Labels.Prefix(Labels.EnrollmentCredential, EnrollmentBody(enrollment));
    }

    /// <summary>Signs with the roll entry's key (derived from the one-time code) and proves possession of the credential key.</summary>
    public static void SignEnrollment(Enrollment enrollment, ReadOnlySpan<byte> rollSeed, ReadOnlySpan<byte> credentialSeed)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        var rollKey = Ed25519.PublicKeyFromSeed(rollSeed);
        enrollment.RollSignature = ByteString.CopyFrom(Ed25519.Sign(rollSeed, rollKey, EnrollmentPayload(enrollment)));
        enrollment.CredentialSignature = ByteString.CopyFrom(
            Ed25519.Sign(credentialSeed, enrollment.CredentialKey.Span, EnrollmentCredentialPayload(enrollment)));
    }

    /// <summary>Null when both signatures verify against the given roll entry key; else the reason.</summary>
    public static string? CheckEnrollment(Enrollment enrollment, ReadOnlySpan<byte> rollEntryKey)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        if (enrollment.CredentialKey.Length != Ed25519.PublicKeySize) return "credential key is not 32 bytes";
        if (!Ed25519.Verify(rollEntryKey, EnrollmentPayload(enrollment), enrollment.RollSignature.Span))
            return $"roll signature does not verify against roll entry {enrollment.RollIndex}";
        if (!Ed25519.Verify(enrollment.CredentialKey.Span, EnrollmentCredentialPayload(enrollment), enrollment.CredentialSignature.Span))
            return "credential possession signature does not verify";
        return null;
    }
}
