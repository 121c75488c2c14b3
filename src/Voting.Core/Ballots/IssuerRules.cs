using System.Security.Cryptography;
using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Voting.Core.Ballots;

/// <summary>
/// The independent issuer's part (log.md §7.2, §7.4; audit checks roll.attested, enrollment.both-halves and
/// roll.audit), pure: the server asks before it admits an attestation, an audit, an Open or an enrollment; the
/// scrutineer's walk asks of every such record, with the same messages.
/// </summary>
public static class IssuerRules
{
    public const string Attested = "roll.attested";
    public const string BothHalves = "enrollment.both-halves";
    public const string Audit = "roll.audit";

    /// <summary>The committed roll as the attestation and the audit see it: its digest, size and entries per style, and the leaf hash of the definition (record 0) whose styles those are.</summary>
    public sealed record SealedRoll(byte[] Digest, ulong Entries, IReadOnlyList<ulong> StyleCounts, byte[] DefinitionLeafHash);

    private static RuleViolation? NoIssuer(ElectionDefinition d, string check) =>
        SplitRoll.HasIssuer(d) ? null : new(check, "the definition names no independent issuer");

    /// <summary>When an attestation may come: with an issuer, after the roll commitment, before Open, once.</summary>
    public static RuleViolation? AttestationPhaseProblem(ElectionDefinition d, bool rollCommitted, bool opened, bool attested) =>
        NoIssuer(d, Attested)
        ?? (attested ? new(Attested, "the roll was attested already")
        : !rollCommitted ? new(Attested, "an attestation before the roll commitment")
        : opened ? new(Attested, "an attestation after Open")
        : null);

    /// <summary>
    /// What an attestation must say: this election, the committed roll's digest, size and per-style counts, the seed
    /// that opens the definition's roll-audit commitment; and it must carry the issuer's signature (checked last, as
    /// the server does, so that a mismatch is named before a signature is blamed).
    /// </summary>
    public static RuleViolation? AttestationContentProblem(RollAttestation a, ElectionDefinition d, SealedRoll roll)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(roll);
        if (a.ElectionId != d.ElectionId) return new(Attested, $"the attestation names election \"{a.ElectionId}\", not \"{d.ElectionId}\"");
        // Bound, so that an issuer shown another definition (styles renamed or reordered) attests that one, and is found out.
        if (!CryptographicOperations.FixedTimeEquals(a.DefinitionLeafHash.Span, roll.DefinitionLeafHash))
            return new(Attested, "the attestation is of another definition than record 0 (its definition_leaf_hash differs)");
        if (!CryptographicOperations.FixedTimeEquals(a.RollDigest.Span, roll.Digest)) return new(Attested, "the attestation's roll_digest is not the committed roll's");
        if (a.EntryCount != roll.Entries) return new(Attested, $"the attestation counts {a.EntryCount} entries; the committed roll has {roll.Entries}");
        if (!a.StyleCounts.SequenceEqual(roll.StyleCounts))
            return new(Attested, $"the attestation's entries per style ({string.Join(", ", a.StyleCounts)}) are not the roll's ({string.Join(", ", roll.StyleCounts)})");
        if (a.RollAuditSeed.Length != 32 || !CryptographicOperations.FixedTimeEquals(SplitRoll.AuditSeedCommitment(a.RollAuditSeed.Span), d.RollAuditCommitment.Span))
            return new(Attested, "the roll-audit seed does not open the definition's roll_audit_commitment");
        return null;
    }

    public static RuleViolation? AttestationSignatureProblem(RollAttestation a, ElectionDefinition d) =>
        IssuerSigning.AttestationSignatureValid(a, d.IssuerKey.Span) ? null : new(Attested, "the attestation's signature does not verify against the definition's issuer_key");

    /// <summary>With an independent issuer, Open needs its attestation in the log: an unattested roll is the office's word alone.</summary>
    public static RuleViolation? OpenProblem(ElectionDefinition d, bool attested) =>
        SplitRoll.HasIssuer(d) && !attested ? new(Attested, "Open before the independent issuer attested the roll") : null;

    /// <summary>
    /// An enrollment's issuer half (log.md §7.2): with an issuer, a signature by the entry's issuer key; without one, none.
    /// </summary>
    public static RuleViolation? EnrollmentProblem(Enrollment en, ElectionDefinition d, RollEntry entry)
    {
        ArgumentNullException.ThrowIfNull(en);
        ArgumentNullException.ThrowIfNull(entry);
        if (!SplitRoll.HasIssuer(d))
            return en.IssuerSignature.IsEmpty ? null : new(BothHalves, "an issuer half's signature, but the definition names no independent issuer");
        if (en.IssuerSignature.IsEmpty) return new(BothHalves, $"the enrollment on roll entry {en.RollIndex} has no signature by the independent issuer's half: the office's code alone cannot enrol");
        return IssuerSigning.EnrollmentIssuerHalfValid(en, entry.IssuerKey.Span) ? null
            : new(BothHalves, $"the issuer half's signature does not verify against roll entry {en.RollIndex}");
    }

    /// <summary>When the roll audit may come: with an issuer, after its attestation, before the Declaration, once.</summary>
    public static RuleViolation? AuditPhaseProblem(ElectionDefinition d, bool attested, bool declared, bool audited) =>
        NoIssuer(d, Audit)
        ?? (audited ? new(Audit, "the roll audit was recorded already")
        : !attested ? new(Audit, "a roll audit before the issuer's attestation")
        : declared ? new(Audit, "a roll audit after the Declaration")
        : null);

    /// <summary>
    /// What the audit must say: this election, one finding per sampled entry in the sample's order (SplitRoll.AuditSample
    /// from the attestation's seed), each with an outcome; signed by the issuer.
    /// </summary>
    public static RuleViolation? AuditContentProblem(RollAudit audit, ElectionDefinition d, IReadOnlyList<ulong> sample)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(sample);
        if (audit.ElectionId != d.ElectionId) return new(Audit, $"the roll audit names election \"{audit.ElectionId}\", not \"{d.ElectionId}\"");
        if (audit.Findings.Count != sample.Count) return new(Audit, $"the roll audit reports {audit.Findings.Count} entries; the sample drawn from the seed has {sample.Count}");
        for (int i = 0; i < sample.Count; i++)
        {
            var f = audit.Findings[i];
            if (f.RollIndex != sample[i]) return new(Audit, $"finding {i} is for roll entry {f.RollIndex}; the sample's entry {i} is {sample[i]}");
            if (f.Outcome is not (RollAuditOutcome.Confirmed or RollAuditOutcome.Unreachable or RollAuditOutcome.NotAMember))
                return new(Audit, $"finding {i} (roll entry {f.RollIndex}) has no outcome");
        }
        return null;
    }

    public static RuleViolation? AuditSignatureProblem(RollAudit audit, ElectionDefinition d) =>
        IssuerSigning.AuditSignatureValid(audit, d.IssuerKey.Span) ? null : new(Audit, "the roll audit's signature does not verify against the definition's issuer_key");

    /// <summary>An entry the issuer found to be no member is a ghost on the roll: the audit fails, naming it.</summary>
    public static RuleViolation? GhostProblem(RollAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var ghosts = audit.Findings.Where(f => f.Outcome == RollAuditOutcome.NotAMember).Select(f => f.RollIndex).ToList();
        return ghosts.Count == 0 ? null
            : new(Audit, $"the independent issuer found {ghosts.Count} of {audit.Findings.Count} sampled roll entries not to be members (ghosts): entries {string.Join(", ", ghosts.Take(20))}{(ghosts.Count > 20 ? ", …" : "")}");
    }

    /// <summary>With an issuer, the Declaration needs the roll audit in the log.</summary>
    public static RuleViolation? DeclarationProblem(ElectionDefinition d, bool audited) =>
        SplitRoll.HasIssuer(d) && !audited ? new(Audit, "the independent issuer's roll audit is not recorded") : null;

    /// <summary>The definition's issuer fields (log.md §6): all three with an enrollment roll, or none.</summary>
    public static IEnumerable<string> DefinitionProblems(ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!SplitRoll.HasIssuer(d))
        {
            if (!d.RollAuditCommitment.IsEmpty || d.RollAuditSample != 0) yield return "roll_audit_commitment and roll_audit_sample need an issuer_key";
            if (d.DisputeWindowSeconds != 0) yield return "dispute_window_seconds needs an issuer_key: a dispute is signed with both halves of a member's codes";
            yield break;
        }
        if (!Ed25519Encoding.IsAcceptablePoint(d.IssuerKey.Span)) yield return "issuer_key must be a 32-byte Ed25519 public key (canonical, not of small order)";
        if (d.RollKind != RollKind.EnrollmentKeys) yield return "an issuer_key needs roll_kind ROLL_KIND_ENROLLMENT_KEYS: the issuer's half is an enrollment code";
        if (d.OrganiserKeys.Any(k => k.Span.SequenceEqual(d.IssuerKey.Span))) yield return "issuer_key is one of the organiser keys: the issuer must be independent of the office";
        if (d.RollAuditCommitment.Length != 32) yield return "roll_audit_commitment must be 32 bytes (scrutineer issuer init prints it)";
        if (d.RollAuditSample is < 1 or > MaxAuditSample) yield return $"roll_audit_sample must be 1 to {MaxAuditSample}";
        if (d.DisputeWindowSeconds > DisputeRules.MaxWindowSeconds) yield return $"dispute_window_seconds must be at most {DisputeRules.MaxWindowSeconds} (30 days)";
    }

    public const uint MaxAuditSample = 1000;
}
