using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Voting.Rpc.Tests;

/// <summary>A real Kestrel server on loopback with a small test service: HTTP/2 cleartext on one port, HTTP/1.1 on another.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    public const string Service = "test.v1.Echo";
    private readonly WebApplication _app;

    public Uri H2 { get; }
    public Uri H1 { get; }

    private EchoServer(WebApplication app, Uri h2, Uri h1) { _app = app; H2 = h2; H1 = h1; }

    public static ServiceRegistry Registry() => new ServiceRegistry()
        .AddUnary<StringValue, StringValue>(Service, "Say", StringValue.Parser, (req, _) => Task.FromResult(new StringValue { Value = "echo: " + req.Value }))
        .AddUnary<StringValue, StringValue>(Service, "Fail", StringValue.Parser, (req, _) => throw new RpcException(StatusCode.FailedPrecondition, req.Value))
        .AddUnary<StringValue, StringValue>(Service, "Crash", StringValue.Parser, (_, _) => throw new InvalidOperationException("secret detail"))
        .AddUnary<Int32Value, Int32Value>(Service, "Sleep", Int32Value.Parser, async (req, ctx) =>
        {
            await Task.Delay(req.Value, ctx.CancellationToken);
            return req;
        })
        .AddServerStreaming<Int32Value, Int32Value>(Service, "Count", Int32Value.Parser, async (req, stream, _) =>
        {
            for (int i = 1; i <= req.Value; i++) await stream.WriteAsync(new Int32Value { Value = i });
        });

    public static async Task<EchoServer> StartAsync(int maxMessage = 4 * 1024 * 1024)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2);
            k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.UseGrpc(Registry(), new GrpcOptions { MaxReceiveMessageSize = maxMessage });
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new EchoServer(app, addresses[0], addresses[1]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
