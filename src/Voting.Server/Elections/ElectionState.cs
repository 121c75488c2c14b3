using System.Security.Cryptography;
using Google.Protobuf;
using Voting.Core.Records;
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
    public List<byte[]> RollEntries { get; } = [];
    public Dictionary<string, int> RollIndexOf { get; } = new(StringComparer.Ordinal);
    public uint RollChunks { get; private set; }
    public ulong? OpenIndex { get; private set; }
    public ulong? CloseIndex { get; private set; }
    /// <summary>Roll index → credential key, and the reverse.</summary>
    public Dictionary<ulong, string> EnrolledByRollIndex { get; } = [];
    public Dictionary<string, ulong> EnrolledCredentials { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Voted { get; } = new(StringComparer.Ordinal);
    public ulong Ballots { get; private set; }
    /// <summary>Lot contributor index → the index of its LotReveal record (log.md §7.1).</summary>
    public Dictionary<uint, ulong> LotReveals { get; } = [];
    /// <summary>Leaf hash → index, for receipts; body hash → index, for idempotent repeats.</summary>
    public Dictionary<string, ulong> LeafIndex { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ulong> BodyIndex { get; } = new(StringComparer.Ordinal);

    public string ElectionId => Definition.ElectionId;

    public static string BodyHash(IMessage body) => Key.Of(SHA256.HashData(body.ToByteArray()));

    /// <param name="bodyHash">The body's <see cref="BodyHash"/> when the caller has it already (a ballot or enrollment).</param>
    public void Apply(LogRecord record, ulong index, byte[] leafHash, string? bodyHash = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        LeafIndex[Key.Of(leafHash)] = index;
        switch (record.BodyCase)
        {
            case LogRecord.BodyOneofCase.Election:
                Definition = record.Election;
                Phase = Phase.Defined;
                break;
            case LogRecord.BodyOneofCase.RollChunk:
                foreach (var e in record.RollChunk.Entries)
                {
                    RollIndexOf[Key.Of(e.Span)] = RollEntries.Count;
                    RollEntries.Add(e.ToByteArray());
                }
                RollChunks++;
                break;
            case LogRecord.BodyOneofCase.RollCommitment:
                Phase = Phase.RollCommitted;
                break;
            case LogRecord.BodyOneofCase.Enrollment:
                var en = record.Enrollment;
                EnrolledByRollIndex[en.RollIndex] = Key.Of(en.CredentialKey.Span);
                EnrolledCredentials[Key.Of(en.CredentialKey.Span)] = en.RollIndex;
                BodyIndex[bodyHash ?? BodyHash(en)] = index;
                break;
            case LogRecord.BodyOneofCase.Open:
                Phase = Phase.Open;
                OpenIndex = index;
                break;
            case LogRecord.BodyOneofCase.Ballot:
                Voted.Add(Key.Of(record.Ballot.CredentialKey.Span));
                BodyIndex[bodyHash ?? BodyHash(record.Ballot)] = index;
                Ballots++;
                break;
            case LogRecord.BodyOneofCase.Close:
                Phase = Phase.Closed;
                CloseIndex = index;
                break;
            case LogRecord.BodyOneofCase.Declaration:
                Phase = Phase.Declared;
                break;
            case LogRecord.BodyOneofCase.LotReveal:
                LotReveals[record.LotReveal.ContributorIndex] = index;
                break;
        }
    }

    /// <summary>A credential may vote when it is a roll entry (credential roll) or enrolled (enrollment roll).</summary>
    public bool IsEligible(string credential) => Definition.RollKind switch
    {
        RollKind.CredentialKeys => RollIndexOf.ContainsKey(credential),
        RollKind.EnrollmentKeys => EnrolledCredentials.ContainsKey(credential),
        _ => false,
    };
}
