using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Voting.Core.Ballots;
using Voting.Core.Crypto;
using Voting.Core.Records;
using Voting.Synthetic;

namespace Voting.Core.Tests;

/// <summary>
/// The split roll's cryptography and rules (log.md §7.2–§7.4, §10.1): the published vectors checked with the checkers
/// alone, every signed field tampered, the audit sample's properties, and each definition and entry rule made to fail.
/// </summary>
public class SplitRollTests
{
    private static readonly SplitElection Split = new(new SyntheticElection(6, "split-tests"));

    private static JsonElement Vectors => JsonDocument.Parse(File.ReadAllText(TestPaths.Repo("docs", "spec", "vectors", "split-vectors.json"))).RootElement;

    [Fact]
    public void TheSplitVectorsVerifyWithTheCheckersAlone()
    {
        var v = Vectors;
        var id = v.GetProperty("election_id").GetString()!;
        var entries = new List<RollEntry>();
        RollAttestation? attestation = null;
        int signatures = 0;
        foreach (var r in v.GetProperty("records").EnumerateArray())
        {
            var bytes = Convert.FromHexString(r.GetProperty("record_hex").GetString()!);
            var record = Canonical.Parse(bytes);
            Assert.Equal(bytes, Canonical.Serialize(record));
            Assert.Equal(r.GetProperty("leaf_hash_hex").GetString(), Convert.ToHexStringLower(Voting.Core.Merkle.Rfc6962.HashLeaf(bytes)));
            if (record.BodyCase == LogRecord.BodyOneofCase.RollChunk) entries.AddRange(record.RollChunk.StyledEntries);
            if (record.BodyCase == LogRecord.BodyOneofCase.RollAttestation) attestation = record.RollAttestation;
            if (!r.TryGetProperty("signatures", out var sigs)) continue;
            foreach (var s in sigs.EnumerateArray())
            {
                var payload = Convert.FromHexString(s.GetProperty("payload_hex").GetString()!);
                Assert.StartsWith(s.GetProperty("label").GetString()!, System.Text.Encoding.ASCII.GetString(payload), StringComparison.Ordinal);
                Assert.True(Ed25519.Verify(Convert.FromHexString(s.GetProperty("public_key_hex").GetString()!), payload, Convert.FromHexString(s.GetProperty("signature_hex").GetString()!)));
                signatures++;
            }
        }
        Assert.True(signatures >= 4 * 3 + 2 + 2, "the attestation, the audit, three per enrollment and two for the dispute");
        Assert.Equal(v.GetProperty("styled_roll_digest_hex").GetString(), Convert.ToHexStringLower(SplitRoll.Digest(entries)));
        var seed = SplitRoll.IssuerSeed(id, v.GetProperty("issuer_code").GetString()!);
        Assert.Equal(v.GetProperty("issuer_code_seed_hex").GetString(), Convert.ToHexStringLower(seed));
        Assert.Equal(v.GetProperty("issuer_code_public_key_hex").GetString(), Convert.ToHexStringLower(Ed25519.PublicKeyFromSeed(seed)));
        var auditSeed = Convert.FromHexString(v.GetProperty("roll_audit_seed_hex").GetString()!);
        Assert.Equal(v.GetProperty("roll_audit_commitment_hex").GetString(), Convert.ToHexStringLower(SplitRoll.AuditSeedCommitment(auditSeed)));
        Assert.Equal(auditSeed, attestation!.RollAuditSeed.ToByteArray());
        var sample = SplitRoll.AuditSample(auditSeed, SplitRoll.Digest(entries), (ulong)entries.Count, (uint)v.GetProperty("roll_audit_sample_size").GetInt32());
        Assert.Equal(v.GetProperty("roll_audit_sample").EnumerateArray().Select(x => x.GetUInt64()), sample);
    }

    /// <summary>An issuer code's key differs from the office code's key for the same characters: each half has its own salt.</summary>
    [Fact]
    public void TheTwoHalvesDeriveUnderTheirOwnSalts()
    {
        Assert.NotEqual(RollMath.EnrollmentSeed("e", "ABCDE-FGHJK-MNPQR-STVWX"), SplitRoll.IssuerSeed("e", "ABCDE-FGHJK-MNPQR-STVWX"));
        Assert.NotEqual(SplitRoll.IssuerSeed("e1", "I-ABCDE-FGHJK-MNPQR-STVWX"), SplitRoll.IssuerSeed("e2", "I-ABCDE-FGHJK-MNPQR-STVWX"));
        Assert.Equal(SplitRoll.IssuerSeed("e", "i-abcde fghjk-mnpqr-stvwx"), SplitRoll.IssuerSeed("e", "I-ABCDE-FGHJK-MNPQR-STVWX"));
        Assert.True(SplitRoll.IsIssuerCode(SplitRoll.NewIssuerCode()));
        Assert.False(SplitRoll.IsIssuerCode("17-ABCDE-FGHJK-MNPQR-STVWX"));
        Assert.False(SplitRoll.IsIssuerCode("I-ABCDE-FGHJK-MNPQR-STVW"));
        Assert.False(SplitRoll.IsIssuerCode("I-ABCDE-FGHJK-MNPQR-STVWU")); // U is not in the alphabet
    }

    private static IssuerRules.SealedRoll SealedRoll() =>
        new(SplitRoll.Digest(Split.Entries), (ulong)Split.Entries.Count, RollRules.StyleCounts(Split.Entries, Split.Definition), Split.DefinitionLeafHash);

    private static RuleViolation? AttestationProblem(RollAttestation a) =>
        IssuerRules.AttestationContentProblem(a, Split.Definition, SealedRoll()) ?? IssuerRules.AttestationSignatureProblem(a, Split.Definition);

    [Fact]
    public void EveryFieldOfTheAttestationIsBound()
    {
        Assert.Null(AttestationProblem(Split.Attestation()));
        var tampered = new Action<RollAttestation>[]
        {
            a => a.ElectionId += "x",
            a => a.RollDigest = Flip(a.RollDigest),
            a => a.EntryCount++,
            a => a.StyleCounts[1]++,
            a => a.StyleCounts.Add(0),
            a => a.RollAuditSeed = Flip(a.RollAuditSeed),
            a => a.DefinitionLeafHash = Flip(a.DefinitionLeafHash),
            a => a.Signature = Flip(a.Signature),
        };
        foreach (var change in tampered)
        {
            var a = Split.Attestation();
            change(a);
            Assert.Equal(IssuerRules.Attested, AttestationProblem(a)?.Check);
        }
        // Content changed and signed again by the issuer: still refused, since it no longer matches the roll.
        var resigned = Split.Attestation();
        resigned.EntryCount++;
        IssuerSigning.SignAttestation(resigned, Split.IssuerSeed);
        Assert.NotNull(AttestationProblem(resigned));
    }

    [Fact]
    public void EveryFieldOfTheEnrollmentBindsTheIssuerHalf()
    {
        var entry = Split.Entries[2];
        Assert.Null(IssuerRules.EnrollmentProblem(Split.EnrollmentOf(2), Split.Definition, entry));
        var tampered = new Action<Enrollment>[]
        {
            e => e.ElectionId += "x",
            e => e.RollIndex++,
            e => e.CredentialKey = Flip(e.CredentialKey),
            e => e.IssuerSignature = Flip(e.IssuerSignature),
            e => e.IssuerSignature = ByteString.Empty,
            e => e.IssuerSignature = e.RollSignature, // the office half's signature in the issuer's place
        };
        foreach (var change in tampered)
        {
            var en = Split.EnrollmentOf(2);
            change(en);
            Assert.Equal(IssuerRules.BothHalves, IssuerRules.EnrollmentProblem(en, Split.Definition, entry)?.Check);
        }
        // Changing another signature leaves the issuer half valid: it signs the body without any of the three.
        var other = Split.EnrollmentOf(2);
        other.RollSignature = Flip(other.RollSignature);
        Assert.Null(IssuerRules.EnrollmentProblem(other, Split.Definition, entry));
        // A plain election takes no issuer half.
        var plain = Split.Definition.Clone();
        plain.IssuerKey = ByteString.Empty;
        Assert.Equal(IssuerRules.BothHalves, IssuerRules.EnrollmentProblem(Split.EnrollmentOf(2), plain, entry)?.Check);
    }

    [Fact]
    public void EveryFieldOfTheDisputeIsSignedByBothHalves()
    {
        var entry = Split.Entries[3];
        Assert.Null(DisputeRules.SignatureProblem(Split.DisputeOf(3), entry));
        foreach (var change in new Action<Dispute>[] { d => d.ElectionId += "x", d => d.RollIndex = 4, d => d.OfficeSignature = Flip(d.OfficeSignature), d => d.IssuerSignature = Flip(d.IssuerSignature), d => (d.OfficeSignature, d.IssuerSignature) = (d.IssuerSignature, d.OfficeSignature) })
        {
            var d = Split.DisputeOf(3);
            change(d);
            Assert.Equal(DisputeRules.Check, DisputeRules.SignatureProblem(d, entry)?.Check);
        }
    }

    [Fact]
    public void TheDisputeWindowAndItsOrder()
    {
        var d = Split.Definition;
        ulong close = 1_000_000, end = close + SplitElection.DisputeWindowSeconds * 1000;
        Assert.NotNull(DisputeRules.PhaseProblem(d, null, false, close));
        Assert.Null(DisputeRules.PhaseProblem(d, close, false, end));
        Assert.NotNull(DisputeRules.PhaseProblem(d, close, false, end + 1));
        Assert.NotNull(DisputeRules.PhaseProblem(d, close, true, close + 1));
        Assert.NotNull(DisputeRules.DeclarationProblem(d, close, end));
        Assert.Null(DisputeRules.DeclarationProblem(d, close, end + 1));
        var noWindow = d.Clone();
        noWindow.DisputeWindowSeconds = 0;
        Assert.NotNull(DisputeRules.PhaseProblem(noWindow, close, false, close + 1));
        Assert.NotNull(DisputeRules.EntryProblem(Split.DisputeOf(3), d, 6, enrolled: false, disputed: false));
        Assert.NotNull(DisputeRules.EntryProblem(Split.DisputeOf(3), d, 6, enrolled: true, disputed: true));
        Assert.NotNull(DisputeRules.EntryProblem(Split.DisputeOf(3), d, 3, enrolled: true, disputed: false));
        Assert.Null(DisputeRules.EntryProblem(Split.DisputeOf(3), d, 6, enrolled: true, disputed: false));
    }

    /// <summary>For any seed, roll size and sample size: min(size, N) distinct indexes below N, the same every time.</summary>
    [Fact]
    public void TheAuditSampleIsDistinctInRangeAndReproducible()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), Gen.Choose(1, 5000).ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (s, n, size) =>
        {
            var seed = System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(s));
            var digest = System.Security.Cryptography.SHA256.HashData(seed);
            var sample = SplitRoll.AuditSample(seed, digest, (ulong)n, (uint)size);
            return sample.Count == Math.Min(n, size) && sample.Distinct().Count() == sample.Count && sample.All(i => i < (ulong)n)
                && sample.SequenceEqual(SplitRoll.AuditSample(seed, digest, (ulong)n, (uint)size));
        }).QuickCheckThrowOnFailure();
        // Another seed, or another roll, draws another sample.
        var a = SplitRoll.AuditSample(new byte[32], new byte[32], 1_000_000, 20);
        Assert.NotEqual(a, SplitRoll.AuditSample(Enumerable.Repeat((byte)1, 32).ToArray(), new byte[32], 1_000_000, 20));
        Assert.NotEqual(a, SplitRoll.AuditSample(new byte[32], Enumerable.Repeat((byte)1, 32).ToArray(), 1_000_000, 20));
    }

    [Fact]
    public void TheAuditMustBeTheDrawnSampleWithOutcomesAndNoGhost()
    {
        var a = Split.Attestation();
        var sample = SplitRoll.AuditSample(a.RollAuditSeed.Span, a.RollDigest.Span, a.EntryCount, Split.Definition.RollAuditSample);
        Assert.Null(IssuerRules.AuditContentProblem(Split.Audit(), Split.Definition, sample));
        foreach (var change in new Action<RollAudit>[] { x => x.Findings.RemoveAt(0), x => x.Findings[0].RollIndex++, x => (x.Findings[0], x.Findings[1]) = (x.Findings[1], x.Findings[0]), x => x.Findings[2].Outcome = RollAuditOutcome.Unspecified, x => x.ElectionId += "x" })
        {
            var audit = Split.Audit();
            change(audit);
            Assert.Equal(IssuerRules.Audit, IssuerRules.AuditContentProblem(audit, Split.Definition, sample)?.Check);
        }
        var forged = Split.Audit();
        forged.Findings[0].Outcome = RollAuditOutcome.Unreachable; // changed after the issuer signed
        Assert.NotNull(IssuerRules.AuditSignatureProblem(forged, Split.Definition));
        var ghost = Split.Audit(i => i == sample[1] ? RollAuditOutcome.NotAMember : RollAuditOutcome.Confirmed);
        Assert.Contains($"entries {sample[1]}", IssuerRules.GhostProblem(ghost)!.Message, StringComparison.Ordinal);
        Assert.Null(IssuerRules.GhostProblem(Split.Audit(_ => RollAuditOutcome.Unreachable)));
    }

    [Fact]
    public void EachDefinitionRuleOfTheSplitRollCanFail()
    {
        Assert.Empty(DefinitionRules.Problems(Split.Definition));
        var cases = new (Action<ElectionDefinition> Change, string Problem)[]
        {
            (d => d.IssuerKey = ByteString.CopyFrom(new byte[32]), "issuer_key must be a 32-byte Ed25519 public key"),
            (d => d.IssuerKey = d.OrganiserKeys[0], "issuer_key is one of the organiser keys"),
            (d => d.RollKind = RollKind.CredentialKeys, "an issuer_key needs roll_kind ROLL_KIND_ENROLLMENT_KEYS"),
            (d => d.RollAuditCommitment = ByteString.Empty, "roll_audit_commitment must be 32 bytes"),
            (d => d.RollAuditSample = 1001, "roll_audit_sample must be 1 to 1000"),
            (d => d.DisputeWindowSeconds = DisputeRules.MaxWindowSeconds + 1, "dispute_window_seconds must be at most"),
            (d => { d.IssuerKey = ByteString.Empty; d.RollAuditCommitment = ByteString.Empty; d.RollAuditSample = 0; }, "dispute_window_seconds needs an issuer_key"),
            (d => d.BallotStyles[1].StyleId = "full", "ballot style \"full\" repeats"),
            (d => d.BallotStyles[1].ContestIds.Add("nowhere"), "names contest \"nowhere\""),
            (d => { var ids = d.BallotStyles[0].ContestIds.ToList(); d.BallotStyles[0].ContestIds.Clear(); d.BallotStyles[0].ContestIds.Add(ids.AsEnumerable().Reverse()); }, "in the definition's order"),
            (d => d.BallotStyles[1].ContestIds.Clear(), "lists no contest"),
            (d => { d.BallotStyles[0].ContestIds.RemoveAt(0); }, "contest \"committee\" is in no ballot style"),
            (d => d.BallotStyles[0].StyleId = "", "style_id must be 1-64 printable ASCII"),
        };
        foreach (var (change, problem) in cases)
        {
            var d = Split.Definition.Clone();
            change(d);
            Assert.Contains(DefinitionRules.Problems(d), p => p.Contains(problem, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EachStyledEntryRuleCanFail()
    {
        var d = Split.Definition;
        var e = Split.Entries[0];
        Assert.Null(RollRules.StyledEntryProblem(0, e, d, null, null));
        Assert.NotNull(RollRules.StyledEntryProblem(0, e, d, 3, null));
        Assert.NotNull(RollRules.StyledEntryProblem(0, e, d, null, 3));
        Assert.NotNull(RollRules.StyledEntryProblem(0, new RollEntry { Key = e.Key, IssuerKey = e.Key }, d, null, null));
        Assert.NotNull(RollRules.StyledEntryProblem(0, new RollEntry { Key = e.Key, Style = 2 }, d, null, null));
        Assert.NotNull(RollRules.StyledEntryProblem(0, new RollEntry { Key = e.Key, IssuerKey = e.IssuerKey, Style = 2 }, d, null, null));
        Assert.NotNull(RollRules.StyledEntryProblem(0, new RollEntry { Key = ByteString.CopyFrom(new byte[31]), IssuerKey = e.IssuerKey }, d, null, null));
        // An issuer half on a roll without an issuer, and a repeat across halves in a whole offered roll.
        var noIssuer = d.Clone();
        noIssuer.IssuerKey = ByteString.Empty;
        Assert.NotNull(RollRules.StyledEntryProblem(0, e, noIssuer, null, null));
        var entries = Split.Entries.Select(x => x.Clone()).ToList();
        entries[4].Key = entries[1].IssuerKey;
        Assert.Contains("repeats a key of entry 1", RollRules.OfferedStyledRollProblem(entries, SplitRoll.Seal("split-tests", entries), d)!.Message, StringComparison.Ordinal);
        Assert.Null(RollRules.OfferedStyledRollProblem(Split.Entries, SplitRoll.Seal("split-tests", Split.Entries), d));
    }

    [Fact]
    public void ABallotMarksOnlyItsStylesContests()
    {
        var d = Split.Definition;
        var styles = StyleRules.Contests(d);
        Assert.Equal([true, true], styles[0]);
        Assert.Equal([false, true], styles[1]);
        Assert.Null(StyleRules.BallotProblem(Split.BallotOf(1).Plain, d, styles[1], 1));
        var outside = StyleRules.BallotProblem(Split.Election.BallotOf(1).Plain, d, styles[1], 1);
        Assert.Equal(StyleRules.Check, outside?.Check);
        Assert.Contains("\"committee\"", outside!.Message, StringComparison.Ordinal);
        Assert.Single(StyleRules.Contests(Split.Election.Definition)); // no styles: one of every contest
    }

    private static ByteString Flip(ByteString b)
    {
        var bytes = b.ToByteArray();
        bytes[^1] ^= 1;
        return ByteString.CopyFrom(bytes);
    }
}
