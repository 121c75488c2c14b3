using Google.Protobuf;
using Grpc.Core;
using Voting.Protocol;
using Voting.Server.Elections;
using static Voting.Server.Services.Replies;

namespace Voting.Server.Services;

/// <summary>LogService of services.proto: checkpoints, entries (withheld after Open until Close) and proofs.</summary>
internal sealed class LogApi(ElectionRegistry elections) : LogService.LogServiceBase
{
    private const ulong MaxEntries = 1024;

    public override Task<GetCheckpointResponse> GetCheckpoint(GetCheckpointRequest request, ServerCallContext context) =>
        Task.FromResult(new GetCheckpointResponse { Checkpoint = elections.Get(request.ElectionId).Store.LatestCheckpoint });

    public override Task<GetEntriesResponse> GetEntries(GetEntriesRequest request, ServerCallContext context)
    {
        var h = elections.Get(request.ElectionId);
        if (request.End <= request.Start || request.End - request.Start > MaxEntries)
            throw ErrorRows.L1.Refuse($"ask for 1 to {MaxEntries} entries: start < end ≤ start + {MaxEntries}");
        if (request.End > h.Store.Size) throw ErrorRows.L2.Refuse($"the log has {h.Store.Size} records");
        if (request.End > h.PublishableEnd()) throw ErrorRows.L3.Refuse("records after Open are published when voting closes (and its dispute window, if any, has ended)");
        var response = new GetEntriesResponse();
        response.Entries.AddRange(h.Store.ReadRecords(request.Start, request.End).Select(ByteString.CopyFrom));
        return Task.FromResult(response);
    }

    public override Task<ProofResponse> GetInclusionProof(GetInclusionProofRequest request, ServerCallContext context)
    {
        var h = elections.Get(request.ElectionId);
        if (request.Size > h.Store.Size || request.Index >= request.Size) throw ErrorRows.L4.Refuse($"need index < size ≤ {h.Store.Size}");
        return Task.FromResult(Proof(h.Store.InclusionProofAt(request.Index, request.Size)));
    }

    public override Task<ProofResponse> GetConsistencyProof(GetConsistencyProofRequest request, ServerCallContext context)
    {
        var h = elections.Get(request.ElectionId);
        if (request.Size1 == 0 || request.Size1 > request.Size2 || request.Size2 > h.Store.Size)
            throw ErrorRows.L5.Refuse($"need 0 < size1 ≤ size2 ≤ {h.Store.Size}");
        return Task.FromResult(Proof(h.Store.ConsistencyProofBetween(request.Size1, request.Size2)));
    }

    /// <summary>The latest checkpoint at once, then each new one as it is published, until the client goes.</summary>
    public override async Task WatchCheckpoints(GetCheckpointRequest request, IServerStreamWriter<GetCheckpointResponse> responseStream, ServerCallContext context)
    {
        var h = elections.Get(request.ElectionId);
        var ct = context.CancellationToken;
        string? last = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var cp = h.Store.LatestCheckpoint;
                if (cp != last)
                {
                    await responseStream.WriteAsync(new GetCheckpointResponse { Checkpoint = cp }, ct).ConfigureAwait(false);
                    last = cp;
                }
                await h.Store.WaitForNewCheckpointAsync(cp, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The watcher left or its deadline passed: the stream simply ends.
        }
    }
}
