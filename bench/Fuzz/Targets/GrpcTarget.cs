using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Voting.Client.Api;
using Voting.Protocol;
using Voting.Server;
using Voting.Synthetic;

namespace Voting.Fuzz.Targets;

/// <summary>
/// The ballot server's handlers over real gRPC (an in-process server on loopback, one election open): each unary
/// method of services.proto sent a valid request with its bytes mutated. Oracle (errors.md): every answer is a
/// documented status — never INTERNAL "internal error" (T14, a handler that failed), and UNKNOWN only for bytes
/// that are not the request type (T1) — and the server still answers afterwards.
/// </summary>
internal sealed class GrpcTarget : Target
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;
    private readonly (string Path, byte[] Request)[] _methods;

    public GrpcTarget()
    {
        var data = Directory.CreateTempSubdirectory("fuzz-server-").FullName;
        // Every refused request is logged by grpc-dotnet with its exception; a million of them would only fill the disk.
        _app = ServerApp.Build(["--Logging:LogLevel:Default=None"], o => { o.GrpcListen = "127.0.0.1:0"; o.HttpListen = "127.0.0.1:0"; o.DataDir = data; o.LogHost = "fuzz.voting.example"; });
        _app.StartAsync().GetAwaiter().GetResult();
        var grpc = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        // Voting now, so that mutated casts reach the ballot rules: the server refuses every cast outside the schedule.
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var e = new SyntheticElection(4, "fuzz-grpc", schedule: new Voting.Core.Records.Schedule { OpensAtUnix = now - 3600, ClosesAtUnix = now + 86_400 });
        using (var c = new VotingClients(grpc))
        {
            c.Create(e.Definition).GetAwaiter().GetResult();
            c.CommitRoll(e.RollRequest()).GetAwaiter().GetResult();
            c.Open(e.OpenAct()).GetAwaiter().GetResult();
        }
        _channel = GrpcChannel.ForAddress(grpc);
        var other = new SyntheticElection(2, "fuzz-grpc-new");
        var id = e.ElectionId;
        _methods =
        [
            ("/voting.v1.OrganiserService/CreateElection", new CreateElectionRequest { Definition = other.Definition }.ToByteArray()),
            ("/voting.v1.OrganiserService/CommitRoll", e.RollRequest().ToByteArray()),
            ("/voting.v1.OrganiserService/Open", new OpenRequest { Open = e.OpenAct() }.ToByteArray()),
            ("/voting.v1.OrganiserService/Close", new CloseRequest { Close = e.CloseRecord().Close }.ToByteArray()),
            ("/voting.v1.OrganiserService/Declare", new DeclareRequest { Declaration = new Voting.Core.Records.Declaration { ElectionId = id, ResultDigest = ByteString.CopyFrom(new byte[32]) } }.ToByteArray()),
            ("/voting.v1.OrganiserService/RevealLot", new RevealLotRequest { Reveal = e.LotRevealAct() }.ToByteArray()),
            ("/voting.v1.OrganiserService/GetStatus", new GetStatusRequest { ElectionId = id }.ToByteArray()),
            ("/voting.v1.VoterService/GetElection", new GetElectionRequest { ElectionId = id }.ToByteArray()),
            ("/voting.v1.VoterService/Enroll", new EnrollRequest { Enrollment = new Voting.Core.Records.Enrollment { ElectionId = id, CredentialKey = ByteString.CopyFrom(new byte[32]) } }.ToByteArray()),
            ("/voting.v1.VoterService/Cast", new CastRequest { Ballot = e.BallotOf(1) }.ToByteArray()),
            ("/voting.v1.VoterService/GetReceipt", new GetReceiptRequest { ElectionId = id, LeafHash = ByteString.CopyFrom(new byte[32]) }.ToByteArray()),
            ("/voting.v1.LogService/GetCheckpoint", new GetCheckpointRequest { ElectionId = id }.ToByteArray()),
            ("/voting.v1.LogService/GetEntries", new GetEntriesRequest { ElectionId = id, Start = 0, End = 2 }.ToByteArray()),
            ("/voting.v1.LogService/GetInclusionProof", new GetInclusionProofRequest { ElectionId = id, Index = 0, Size = 2 }.ToByteArray()),
            ("/voting.v1.LogService/GetConsistencyProof", new GetConsistencyProofRequest { ElectionId = id, Size1 = 1, Size2 = 2 }.ToByteArray()),
        ];
    }

    public override string Name => "grpc";

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    public override Finding? One(Random rng)
    {
        var (path, valid) = _methods[rng.Next(_methods.Length)];
        var bytes = Mutate.Bytes(valid, rng);
        var input = $"{path} {Mutate.Show(bytes)}";
        var slash = path.LastIndexOf('/');
        var method = new Method<byte[], byte[]>(MethodType.Unary, path[1..slash], path[(slash + 1)..], Raw, Raw);
        try
        {
            _channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(), bytes).ResponseAsync.GetAwaiter().GetResult();
            return null;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Internal && e.Status.Detail == "internal error")
        {
            return new Finding("crash", $"{path}: a handler failed (T14 INTERNAL \"internal error\"); the server log has the exception", input);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unknown && !e.Status.Detail.Contains("InvalidProtocolBufferException", StringComparison.Ordinal))
        {
            return new Finding("crash", $"{path}: UNKNOWN {e.Status.Detail}", input);
        }
        catch (RpcException) { return null; }
        catch (Exception e) { return Crash(e, input); }
    }

    public override void Dispose()
    {
        _channel.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }
}
