using Grpc.Net.Client;
using Voting.Core;
using Voting.Core.Records;
using Voting.Protocol;

namespace Scrutineer.Issuer;

/// <summary>
/// The election and its roll as the log publishes them before Open (records before Open are always served, errors.md
/// L3): the definition from record 0 itself — not GetElection's word — with its leaf hash, which the attestation binds
/// (log.md §7.2); every entry in order; the RollCommitment that sealed it and the issuer's RollAttestation if recorded;
/// and the trustees' commitments and confirmations in log order (sealed.md §3.2), which come before Open too.
/// Read with LogService/GetEntries, 1,024 records a call, until Open or the end of what is published.
/// </summary>
internal sealed record PublishedRoll(ElectionDefinition Definition, byte[] DefinitionLeafHash, Phase Phase, List<RollEntry> Entries, RollCommitment? Commitment, RollAttestation? Attestation,
    List<TrusteeCommitment> TrusteeCommitments, List<TrusteeConfirmation> TrusteeConfirmations)
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
        var trusteeCommitments = new List<TrusteeCommitment>();
        var trusteeConfirmations = new List<TrusteeConfirmation>();
        ElectionDefinition? definition = null;
        byte[] leaf = [];
        for (ulong start = 0; start < size; start += 1024)
        {
            ulong end = Math.Min(size, start + 1024);
            var page = await Page(log, electionId, start, end, ct).ConfigureAwait(false);
            ulong at = start;
            foreach (var bytes in page)
            {
                var r = Canonical.Parse(bytes.Span);
                if (r.Height != at++) throw new VotingFormatException($"record {at - 1} of {electionId} says it is record {r.Height}");
                switch (r.BodyCase)
                {
                    case LogRecord.BodyOneofCase.Election when at == 1:
                        definition = r.Election;
                        leaf = Chain.LeafHash(bytes.Span);
                        if (OrganiserSigning.Check(definition, definition) is { } unsigned) throw new VotingFormatException($"record 0 of {electionId} is not a definition its organisers signed: {unsigned}");
                        break;
                    case LogRecord.BodyOneofCase.RollChunk:
                        entries.AddRange(r.RollChunk.StyledEntries);
                        entries.AddRange(r.RollChunk.Entries.Select(k => new RollEntry { Key = k }));
                        break;
                    case LogRecord.BodyOneofCase.RollCommitment: commitment ??= r.RollCommitment; break;
                    case LogRecord.BodyOneofCase.RollAttestation: attestation ??= r.RollAttestation; break;
                    case LogRecord.BodyOneofCase.TrusteeCommitment: trusteeCommitments.Add(r.TrusteeCommitment); break;
                    case LogRecord.BodyOneofCase.TrusteeConfirmation: trusteeConfirmations.Add(r.TrusteeConfirmation); break;
                    case LogRecord.BodyOneofCase.Open: return Done();
                }
            }
            if (at < end) break; // the rest is withheld: voting has opened (and its Open record was not served)
        }
        return Done();

        PublishedRoll Done() => definition is null
            ? throw new VotingFormatException($"the log of {electionId} has no definition at record 0")
            : new(definition, leaf, info.Phase, entries, commitment, attestation, trusteeCommitments, trusteeConfirmations);
    }

    /// <summary>
    /// Records [start, end): in one call while they are published; once voting has opened, the records after Open are
    /// withheld (L3), so the page is read one record at a time up to the first one refused.
    /// </summary>
    private static async Task<List<Google.Protobuf.ByteString>> Page(LogService.LogServiceClient log, string electionId, ulong start, ulong end, CancellationToken ct)
    {
        try
        {
            return [.. (await log.GetEntriesAsync(new GetEntriesRequest { ElectionId = electionId, Start = start, End = end }, deadline: ServerCalls.Deadline, cancellationToken: ct).ConfigureAwait(false)).Entries];
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.FailedPrecondition)
        {
            var records = new List<Google.Protobuf.ByteString>();
            for (ulong i = start; i < end; i++)
            {
                try { records.AddRange((await log.GetEntriesAsync(new GetEntriesRequest { ElectionId = electionId, Start = i, End = i + 1 }, deadline: ServerCalls.Deadline, cancellationToken: ct).ConfigureAwait(false)).Entries); }
                catch (Grpc.Core.RpcException one) when (one.StatusCode == Grpc.Core.StatusCode.FailedPrecondition) { break; }
            }
            return records;
        }
    }
}
