using Grpc.Net.Client;
using Voting.Core;
using Voting.Core.Records;
using Voting.Protocol;

namespace Scrutineer.Issuer;

/// <summary>
/// The roll as the log publishes it before Open (records before Open are always served, errors.md L3): every entry in
/// order, the RollCommitment that sealed it and the issuer's RollAttestation if recorded. Read with
/// LogService/GetEntries, 1,024 records a call, from record 1 until Open or the end of what is published.
/// </summary>
internal sealed record PublishedRoll(ElectionDefinition Definition, Phase Phase, List<RollEntry> Entries, RollCommitment? Commitment, RollAttestation? Attestation)
{
    public static async Task<PublishedRoll> ReadAsync(GrpcChannel channel, string electionId, CancellationToken ct)
    {
        var info = await new VoterService.VoterServiceClient(channel).GetElectionAsync(new GetElectionRequest { ElectionId = electionId }, deadline: ServerCalls.Deadline, cancellationToken: ct).ConfigureAwait(false);
        var log = new LogService.LogServiceClient(channel);
        var checkpoint = await log.GetCheckpointAsync(new GetCheckpointRequest { ElectionId = electionId }, deadline: ServerCalls.Deadline, cancellationToken: ct).ConfigureAwait(false);
        ulong size = Voting.Core.Notes.Checkpoint.ParseText(Voting.Core.Notes.SignedNote.Parse(checkpoint.Checkpoint).Text).Size;
        var entries = new List<RollEntry>();
        RollCommitment? commitment = null;
        RollAttestation? attestation = null;
        for (ulong start = 1; start < size; start += 1024)
        {
            var page = await log.GetEntriesAsync(new GetEntriesRequest { ElectionId = electionId, Start = start, End = Math.Min(size, start + 1024) }, deadline: ServerCalls.Deadline, cancellationToken: ct).ConfigureAwait(false);
            foreach (var bytes in page.Entries)
            {
                var r = Canonical.Parse(bytes.Span);
                switch (r.BodyCase)
                {
                    case LogRecord.BodyOneofCase.RollChunk:
                        entries.AddRange(r.RollChunk.StyledEntries);
                        entries.AddRange(r.RollChunk.Entries.Select(k => new RollEntry { Key = k }));
                        break;
                    case LogRecord.BodyOneofCase.RollCommitment: commitment ??= r.RollCommitment; break;
                    case LogRecord.BodyOneofCase.RollAttestation: attestation ??= r.RollAttestation; break;
                    case LogRecord.BodyOneofCase.Open: return new(info.Definition, info.Phase, entries, commitment, attestation);
                }
            }
        }
        return new(info.Definition, info.Phase, entries, commitment, attestation);
    }
}
