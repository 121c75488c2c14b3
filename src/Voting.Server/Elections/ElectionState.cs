using System.Security.Cryptography;
using Google.Protobuf;
using Voting.Core.Ballots;
using Voting.Core.Records;
using Voting.Core.Sealed;
using Voting.Protocol;

namespace Voting.Server.Elections;

/// <summary>
/// What the server knows about one election, derived only from its log: replaying the records rebuilds it
/// exactly after a restart. Records applied here have already passed the rules.
/// </summary>
internal sealed class ElectionState
{
    public ElectionDefinition Definition { get; private set; } = new();
    public Phase Phase { get; private set; } = Phase.Unspecified;
    /// <summary>Every roll entry in order; a plain roll's keys as entries of style 0 without an issuer half.</summary>
    public List<RollEntry> RollEntries { get; } = [];
    /// <summary>An entry's key (office half, or credential on a credential roll) → its index.</summary>
    public Dictionary<string, int> RollIndexOf { get; } = new(StringComparer.Ordinal);
    /// <summary>For each ballot style, which contests it includes (StyleRules.Contests).</summary>
    public bool[][] StyleContests { get; private set; } = [];
    public uint RollChunks { get; private set; }
    public ulong? OpenIndex { get; private set; }
    public ulong? CloseIndex { get; private set; }
    /// <summary>Close's sequenced_at_ms: the dispute window runs from it (log.md §10.1).</summary>
    public ulong? ClosedAtMs { get; private set; }
    public ulong? AttestationIndex { get; private set; }
    public RollAttestation? Attestation { get; private set; }
    public ulong? RollAuditIndex { get; private set; }
    /// <summary>The trustees' key generation so far (sealed.md §3.2); empty on a plain election.</summary>
    public TrusteeKeys Trustees { get; private set; } = new(new ElectionDefinition(), []);
    /// <summary>Roll index → credential key, and the reverse.</summary>
    public Dictionary<ulong, string> EnrolledByRollIndex { get; } = [];
    public Dictionary<string, ulong> EnrolledCredentials { get; } = new(StringComparer.Ordinal);
    /// <summary>Roll index → the index of its Enrollment record.</summary>
    public Dictionary<ulong, ulong> EnrollmentRecord { get; } = [];
    /// <summary>Credential → its ballots' record indexes and sequenced_at_ms, in log order (participation, log.md §10.2).</summary>
    public Dictionary<string, List<(ulong Index, ulong AtMs)>> BallotsBy { get; } = new(StringComparer.Ordinal);
    public ulong Ballots { get; private set; }
    /// <summary>A sealed election's α of every sealed part in the log → its record (sealed.md §6: a ciphertext may be cast once).</summary>
    public AlphaRegister Alphas { get; } = new();
    /// <summary>Roll index → the index of its Dispute record.</summary>
    public Dictionary<ulong, ulong> Disputes { get; } = [];
    /// <summary>Lot contributor index → the index of its LotReveal record (log.md §7.1).</summary>
    public Dictionary<uint, ulong> LotReveals { get; } = [];
    /// <summary>Leaf hash → index, for receipts; body hash → index, for idempotent repeats.</summary>
    public Dictionary<string, ulong> LeafIndex { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ulong> BodyIndex { get; } = new(StringComparer.Ordinal);

    public string ElectionId => Definition.ElectionId;
    /// <summary>Record 0's leaf hash, which the issuer's attestation binds (log.md §7.2).</summary>
    public byte[] DefinitionLeafHash { get; private set; } = [];
    public int Voters => BallotsBy.Count;

    public static string BodyHash(IMessage body) => Key.Of(SHA256.HashData(body.ToByteArray()));

    /// <param name="sequencedAtMs">The record's sequenced_at_ms (the store's, on append; the record's own, on replay).</param>
    /// <param name="bodyHash">The body's <see cref="BodyHash"/> when the caller has it already (a ballot or enrollment).</param>
    public void Apply(LogRecord record, ulong index, byte[] leafHash, ulong sequencedAtMs, string? bodyHash = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        LeafIndex[Key.Of(leafHash)] = index;
        switch (record.BodyCase)
        {
            case LogRecord.BodyOneofCase.Election:
                Definition = record.Election;
                DefinitionLeafHash = leafHash;
                StyleContests = StyleRules.Contests(Definition);
                Trustees = new TrusteeKeys(Definition, leafHash);
                Phase = Phase.Defined;
                break;
            case LogRecord.BodyOneofCase.RollChunk:
                foreach (var e in record.RollChunk.Entries) AddEntry(new RollEntry { Key = e });
                foreach (var e in record.RollChunk.StyledEntries) AddEntry(e);
                RollChunks++;
                break;
            case LogRecord.BodyOneofCase.RollCommitment:
                Phase = Phase.RollCommitted;
                break;
            case LogRecord.BodyOneofCase.RollAttestation:
                AttestationIndex = index;
                Attestation = record.RollAttestation;
                BodyIndex[BodyHash(record.RollAttestation)] = index;
                break;
            case LogRecord.BodyOneofCase.RollAudit:
                RollAuditIndex = index;
                BodyIndex[BodyHash(record.RollAudit)] = index;
                break;
            case LogRecord.BodyOneofCase.TrusteeCommitment:
                Trustees.AddCommitment(record.TrusteeCommitment);
                BodyIndex[BodyHash(record.TrusteeCommitment)] = index;
                break;
            case LogRecord.BodyOneofCase.TrusteeConfirmation:
                Trustees.AddConfirmation(record.TrusteeConfirmation);
                BodyIndex[BodyHash(record.TrusteeConfirmation)] = index;
                break;
            case LogRecord.BodyOneofCase.Enrollment:
                var en = record.Enrollment;
                EnrolledByRollIndex[en.RollIndex] = Key.Of(en.CredentialKey.Span);
                EnrolledCredentials[Key.Of(en.CredentialKey.Span)] = en.RollIndex;
                EnrollmentRecord[en.RollIndex] = index;
                BodyIndex[bodyHash ?? BodyHash(en)] = index;
                break;
            case LogRecord.BodyOneofCase.Open:
                Phase = Phase.Open;
                OpenIndex = index;
                break;
            case LogRecord.BodyOneofCase.Ballot:
                var voter = Key.Of(record.Ballot.CredentialKey.Span);
                if (!BallotsBy.TryGetValue(voter, out var cast)) BallotsBy[voter] = cast = [];
                cast.Add((index, sequencedAtMs));
                BodyIndex[bodyHash ?? BodyHash(record.Ballot)] = index;
                if (record.Ballot.ContentCase == Ballot.ContentOneofCase.Sealed)
                    Alphas.Add(record.Ballot.Sealed, index);
                Ballots++;
                break;
            case LogRecord.BodyOneofCase.Close:
                Phase = Phase.Closed;
                CloseIndex = index;
                ClosedAtMs = sequencedAtMs;
                break;
            case LogRecord.BodyOneofCase.Dispute:
                Disputes[record.Dispute.RollIndex] = index;
                BodyIndex[BodyHash(record.Dispute)] = index;
                break;
            case LogRecord.BodyOneofCase.Declaration:
                Phase = Phase.Declared;
                break;
            case LogRecord.BodyOneofCase.LotReveal:
                LotReveals[record.LotReveal.ContributorIndex] = index;
                break;
        }
    }

    private void AddEntry(RollEntry e)
    {
        RollIndexOf[Key.Of(e.Key.Span)] = RollEntries.Count;
        RollEntries.Add(e);
    }

    public bool Voted(string credential) => BallotsBy.ContainsKey(credential);

    /// <summary>A credential may vote when it is a roll entry (credential roll) or enrolled (enrollment roll).</summary>
    public bool IsEligible(string credential) => RollEntryOf(credential) is not null;

    /// <summary>The roll entry a credential votes for: the entry itself (credential roll) or the one it enrolled on.</summary>
    public int? RollEntryOf(string credential) => Definition.RollKind switch
    {
        RollKind.CredentialKeys => RollIndexOf.TryGetValue(credential, out var i) ? i : null,
        RollKind.EnrollmentKeys => EnrolledCredentials.TryGetValue(credential, out var e) ? (int)e : null,
        _ => null,
    };

    /// <summary>The credential that votes for a roll entry, if any: its enrolled credential, or the entry's own key.</summary>
    public string? CredentialOf(ulong rollIndex) => Definition.RollKind == RollKind.CredentialKeys
        ? rollIndex < (ulong)RollEntries.Count ? Key.Of(RollEntries[(int)rollIndex].Key.Span) : null
        : EnrolledByRollIndex.GetValueOrDefault(rollIndex);

    /// <summary>The committed roll as the issuer attests it.</summary>
    public IssuerRules.SealedRoll SealedRoll() =>
        new(SplitRoll.IsStyled(Definition) ? SplitRoll.Digest(RollEntries) : RollMath.Digest(RollEntries.Select(e => e.Key.Memory)),
            (ulong)RollEntries.Count, RollRules.StyleCounts(RollEntries, Definition), DefinitionLeafHash);
}
