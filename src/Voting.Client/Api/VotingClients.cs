using Grpc.Net.Client;
using Voting.Protocol;

namespace Voting.Client.Api;

/// <summary>
/// One gRPC channel to a ballot server (Grpc.Net.Client: h2c for http://, TLS and ALPN for https://) and the four
/// generated clients of services.proto over it. Calls go through <see cref="VotingCalls"/> (one typed call per RPC) or
/// <see cref="VotingApi"/> (the same with retries).
/// </summary>
public sealed class VotingClients : IDisposable
{
    private readonly GrpcChannel _channel;

    public Uri BaseAddress { get; }
    public OrganiserService.OrganiserServiceClient Organiser { get; }
    public VoterService.VoterServiceClient Voter { get; }
    public LogService.LogServiceClient Log { get; }
    public TrusteeService.TrusteeServiceClient Trustee { get; }

    public VotingClients(Uri baseAddress, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        BaseAddress = baseAddress;
        _channel = GrpcChannel.ForAddress(baseAddress, new GrpcChannelOptions
        {
            HttpHandler = handler ?? new SocketsHttpHandler
            {
                // Many concurrent members share one client in the demo: more than 100 streams need more connections.
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            },
            DisposeHttpClient = true,
            // A page of 1,024 entries or a roll commitment's receipt is far below this; the server caps requests itself.
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = null,
        });
        Organiser = new OrganiserService.OrganiserServiceClient(_channel);
        Voter = new VoterService.VoterServiceClient(_channel);
        Log = new LogService.LogServiceClient(_channel);
        Trustee = new TrusteeService.TrusteeServiceClient(_channel);
    }

    public void Dispose() => _channel.Dispose();
}
