using Google.Protobuf;
using Voting.Core.Services;
using Voting.Rpc;
using Voting.Server.Elections;
using Voting.Storage;

namespace Voting.Server.Services;

/// <summary>The three gRPC services of services.proto, as thin handlers over the election registry.</summary>
internal static class VotingServices
{
    public const string Organiser = "voting.v1.OrganiserService";
    public const string Voter = "voting.v1.VoterService";
    public const string Log = "voting.v1.LogService";

    private static AppendResponse Response(AppendResult r) =>
        new() { Index = r.Index, Record = ByteString.CopyFrom(r.Record), Receipt = r.ToReceipt().Format() };

    private static T Required<T>(T? value, string what) where T : class =>
        value ?? throw new RpcException(StatusCode.InvalidArgument, $"{what} is missing");

    public static ServiceRegistry Register(ElectionRegistry elections, ServiceRegistry? registry = null)
    {
        var r = registry ?? new ServiceRegistry();
        r.AddUnary<CreateElectionRequest, AppendResponse>(Organiser, "CreateElection", CreateElectionRequest.Parser,
            async (req, ctx) => Response(await elections.CreateAsync(Required(req.Definition, "definition"), ctx.CancellationToken)));
        r.AddUnary<CommitRollRequest, AppendResponse>(Organiser, "CommitRoll", CommitRollRequest.Parser,
            async (req, ctx) => Response(await elections.Get(req.ElectionId).CommitRollAsync(req, ctx.CancellationToken)));
        r.AddUnary<OpenRequest, AppendResponse>(Organiser, "Open", OpenRequest.Parser,
            async (req, ctx) => Response(await elections.Get(Required(req.Open, "open").ElectionId).OpenAsync(req.Open, ctx.CancellationToken)));
        r.AddUnary<CloseRequest, AppendResponse>(Organiser, "Close", CloseRequest.Parser,
            async (req, ctx) => Response(await elections.Get(Required(req.Close, "close").ElectionId).CloseAsync(req.Close, ctx.CancellationToken)));
        r.AddUnary<DeclareRequest, AppendResponse>(Organiser, "Declare", DeclareRequest.Parser,
            async (req, ctx) => Response(await elections.Get(Required(req.Declaration, "declaration").ElectionId).DeclareAsync(req.Declaration, ctx.CancellationToken)));
        r.AddUnary<GetStatusRequest, GetStatusResponse>(Organiser, "GetStatus", GetStatusRequest.Parser,
            (req, _) => Task.FromResult(elections.Get(req.ElectionId).Status(req)));

        r.AddUnary<GetElectionRequest, GetElectionResponse>(Voter, "GetElection", GetElectionRequest.Parser, (req, _) =>
        {
            var h = elections.Get(req.ElectionId);
            return Task.FromResult(new GetElectionResponse { Definition = h.State.Definition, Phase = h.State.Phase, LogVkey = h.Store.LogKey.ToVkey() });
        });
        r.AddUnary<EnrollRequest, AppendResponse>(Voter, "Enroll", EnrollRequest.Parser,
            async (req, ctx) => Response(await elections.Get(Required(req.Enrollment, "enrollment").ElectionId).EnrollAsync(req.Enrollment, ctx.CancellationToken)));
        r.AddUnary<CastRequest, AppendResponse>(Voter, "Cast", CastRequest.Parser,
            async (req, ctx) => Response(await elections.Get(Required(req.Ballot, "ballot").ElectionId).CastAsync(req.Ballot, ctx.CancellationToken)));
        r.AddUnary<GetReceiptRequest, AppendResponse>(Voter, "GetReceipt", GetReceiptRequest.Parser,
            (req, _) => Task.FromResult(Response(elections.Get(req.ElectionId).Receipt(req.LeafHash.Span))));

        r.AddUnary<GetCheckpointRequest, GetCheckpointResponse>(Log, "GetCheckpoint", GetCheckpointRequest.Parser,
            (req, _) => Task.FromResult(new GetCheckpointResponse { Checkpoint = elections.Get(req.ElectionId).Store.LatestCheckpoint }));
        r.AddUnary<GetEntriesRequest, GetEntriesResponse>(Log, "GetEntries", GetEntriesRequest.Parser, (req, _) =>
        {
            var h = elections.Get(req.ElectionId);
            const ulong MaxEntries = 1024;
            if (req.End <= req.Start || req.End - req.Start > MaxEntries) throw new RpcException(StatusCode.InvalidArgument, $"ask for 1 to {MaxEntries} entries: start < end ≤ start + {MaxEntries}");
            if (req.End > h.Store.Size) throw new RpcException(StatusCode.OutOfRange, $"the log has {h.Store.Size} records");
            if (req.End > h.PublishableEnd()) throw new RpcException(StatusCode.FailedPrecondition, "records after Open are published when voting closes");
            var resp = new GetEntriesResponse();
            resp.Entries.AddRange(h.Store.ReadRecords(req.Start, req.End).Select(ByteString.CopyFrom));
            return Task.FromResult(resp);
        });
        r.AddUnary<GetInclusionProofRequest, ProofResponse>(Log, "GetInclusionProof", GetInclusionProofRequest.Parser, (req, _) =>
        {
            var h = elections.Get(req.ElectionId);
            if (req.Size > h.Store.Size || req.Index >= req.Size) throw new RpcException(StatusCode.OutOfRange, $"need index < size ≤ {h.Store.Size}");
            return Task.FromResult(Proof(h.Store.InclusionProofAt(req.Index, req.Size)));
        });
        r.AddUnary<GetConsistencyProofRequest, ProofResponse>(Log, "GetConsistencyProof", GetConsistencyProofRequest.Parser, (req, _) =>
        {
            var h = elections.Get(req.ElectionId);
            if (req.Size1 == 0 || req.Size1 > req.Size2 || req.Size2 > h.Store.Size) throw new RpcException(StatusCode.OutOfRange, $"need 0 < size1 ≤ size2 ≤ {h.Store.Size}");
            return Task.FromResult(Proof(h.Store.ConsistencyProofBetween(req.Size1, req.Size2)));
        });
        r.AddServerStreaming<GetCheckpointRequest, GetCheckpointResponse>(Log, "WatchCheckpoints", GetCheckpointRequest.Parser, async (req, stream, ctx) =>
        {
            var h = elections.Get(req.ElectionId);
            string? last = null;
            while (!ctx.CancellationToken.IsCancellationRequested)
            {
                var cp = h.Store.LatestCheckpoint;
                if (cp != last)
                {
                    await stream.WriteAsync(new GetCheckpointResponse { Checkpoint = cp });
                    last = cp;
                }
                await h.Store.WaitForNewCheckpointAsync(cp, ctx.CancellationToken);
            }
        });
        return r;
    }

    private static ProofResponse Proof(byte[][] hashes)
    {
        var p = new ProofResponse();
        p.Hashes.AddRange(hashes.Select(ByteString.CopyFrom));
        return p;
    }
}
