namespace Voting.Core.Records;

/// <summary>Domain-separation labels (log.md §9): every signed or hashed message starts with one.</summary>
public static class Labels
{
    public const string Election = "voting/v1/election\n";
    public const string RollCommitment = "voting/v1/roll-commitment\n";
    public const string Open = "voting/v1/open\n";
    public const string Close = "voting/v1/close\n";
    public const string Declaration = "voting/v1/declaration\n";
    public const string StatusRequest = "voting/v1/status-request\n";
    public const string Ballot = "voting/v1/ballot\n";
    public const string Enrollment = "voting/v1/enrollment\n";
    public const string EnrollmentCredential = "voting/v1/enrollment-credential\n";
    public const string RollDigest = "voting/v1/roll\n";
    public const string TieBreakSeed = "voting/v1/tie-break-seed\n";
    public const string EnrollmentCode = "voting/v1/enrollment-code\n";
    public const string LotContribution = "voting/v1/lot-contribution\n";
    public const string Lot = "voting/v1/lot\n";
    public const string StyledRollDigest = "voting/v1/roll-entries\n";
    public const string IssuerCode = "voting/v1/issuer-code\n";
    public const string EnrollmentIssuer = "voting/v1/enrollment-issuer\n";
    public const string RollAttestation = "voting/v1/roll-attestation\n";
    public const string RollAuditSeed = "voting/v1/roll-audit-seed\n";
    public const string RollAuditSample = "voting/v1/roll-audit-sample\n";
    public const string RollAudit = "voting/v1/roll-audit\n";
    public const string Dispute = "voting/v1/dispute\n";
    public const string DisputeIssuer = "voting/v1/dispute-issuer\n";
    public const string ParticipationRequest = "voting/v1/participation-request\n";
    public const string TrusteeCommitment = "voting/v2/trustee-commitment\n";
    public const string TrusteeConfirmation = "voting/v2/trustee-confirmation\n";
    public const string TrusteeCommitmentDigest = "voting/v2/trustee-commitment-digest\n";

    public static byte[] Prefix(string label, ReadOnlySpan<byte> body)
    {
        var l = System.Text.Encoding.ASCII.GetBytes(label);
        var buffer = new byte[l.Length + body.Length];
        l.CopyTo(buffer, 0);
        body.CopyTo(buffer.AsSpan(l.Length));
        return buffer;
    }
}
