using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Voting.Rpc.Tests;

public class TransportTests
{
    private const string P = "/" + EchoServer.Service + "/";

    [Fact]
    public async Task UnaryAndServerStreamingCallsWork()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = new GrpcClient(server.H2);
        var reply = await client.UnaryAsync(P + "Say", new StringValue { Value = "hello é" }, StringValue.Parser);
        Assert.Equal("echo: hello é", reply.Value);
        var values = new List<int>();
        await foreach (var v in client.ServerStreamingAsync(P + "Count", new Int32Value { Value = 5 }, Int32Value.Parser)) values.Add(v.Value);
        Assert.Equal([1, 2, 3, 4, 5], values);
        var none = new List<int>();
        await foreach (var v in client.ServerStreamingAsync(P + "Count", new Int32Value { Value = 0 }, Int32Value.Parser)) none.Add(v.Value);
        Assert.Empty(none);
    }

    [Fact]
    public async Task StatusesAndPercentEncodedMessagesReachTheClient()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = new GrpcClient(server.H2);
        var e = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(P + "Fail", new StringValue { Value = "ballot closed: 100% sure ✓\nline" }, StringValue.Parser));
        Assert.Equal(StatusCode.FailedPrecondition, e.Status);
        Assert.Equal("ballot closed: 100% sure ✓\nline", e.Message);
        var crash = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(P + "Crash", new StringValue(), StringValue.Parser));
        Assert.Equal(StatusCode.Internal, crash.Status);
        Assert.DoesNotContain("secret", crash.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(P + "Nope", new StringValue(), StringValue.Parser));
        Assert.Equal(StatusCode.Unimplemented, unknown.Status);
    }

    [Fact]
    public async Task DeadlinesExpireOnBothSides()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = new GrpcClient(server.H2);
        var e = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(P + "Sleep", new Int32Value { Value = 5000 }, Int32Value.Parser, deadline: TimeSpan.FromMilliseconds(50)));
        Assert.Equal(StatusCode.DeadlineExceeded, e.Status);
        // The server's own deadline answers too, when the client does not cancel locally.
        var (status, _) = await Raw(server.H2, P + "Sleep", Framing.Frame(new Int32Value { Value = 5000 }.ToByteArray()), ("grpc-timeout", "20m"));
        Assert.Equal(StatusCode.DeadlineExceeded, status);
        var ok = await client.UnaryAsync(P + "Sleep", new Int32Value { Value = 1 }, Int32Value.Parser, deadline: TimeSpan.FromSeconds(30));
        Assert.Equal(1, ok.Value);
    }

    [Fact]
    public async Task MalformedTruncatedOversizedAndCompressedRequestsGetTheirStatus()
    {
        await using var server = await EchoServer.StartAsync(maxMessage: 1024);
        Assert.Equal(StatusCode.InvalidArgument, (await Raw(server.H2, P + "Say", Framing.Frame([0x0a, 0x05, 0x41]))).Status);
        Assert.Equal(StatusCode.Internal, (await Raw(server.H2, P + "Say", Framing.Frame(new StringValue { Value = "x" }.ToByteArray())[..4])).Status);
        Assert.Equal(StatusCode.ResourceExhausted, (await Raw(server.H2, P + "Say", Framing.Frame(new StringValue { Value = new string('x', 2000) }.ToByteArray()))).Status);
        Assert.Equal(StatusCode.Unimplemented, (await Raw(server.H2, P + "Say", Framing.Frame(new StringValue().ToByteArray(), flag: 1), ("grpc-encoding", "gzip"))).Status);
        Assert.Equal(StatusCode.Unimplemented, (await Raw(server.H2, P + "Say", Framing.Frame(new StringValue().ToByteArray(), flag: 1))).Status);
        Assert.Equal(StatusCode.Internal, (await Raw(server.H2, P + "Say", [])).Status);
        Assert.Equal(StatusCode.Internal, (await Raw(server.H2, P + "Say", [.. Framing.Frame([]), .. Framing.Frame([])])).Status);
        Assert.Equal(StatusCode.Internal, (await Raw(server.H2, P + "Say", Framing.Frame([]), ("grpc-timeout", "soon"))).Status);
    }

    [Fact]
    public async Task Http11GrpcIsRefusedWithAReason()
    {
        await using var server = await EchoServer.StartAsync();
        using var http = new HttpClient();
        using var req = new HttpRequestMessage(HttpMethod.Post, new Uri(server.H1, P + "Say")) { Content = new ByteArrayContent(Framing.Frame([])) };
        req.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var resp = await http.SendAsync(req);
        Assert.Equal(HttpStatusCode.UpgradeRequired, resp.StatusCode);
        Assert.Equal("13", resp.Headers.GetValues("grpc-status").Single());
        Assert.Contains("HTTP/2", GrpcMessage.Decode(resp.Headers.GetValues("grpc-message").Single()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrpcWebWorksOverHttp11WithTrailerFrames()
    {
        await using var server = await EchoServer.StartAsync();
        using var http = new HttpClient();
        using var req = new HttpRequestMessage(HttpMethod.Post, new Uri(server.H1, P + "Count")) { Content = new ByteArrayContent(Framing.Frame(new Int32Value { Value = 2 }.ToByteArray())) };
        req.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc-web+proto");
        using var resp = await http.SendAsync(req);
        Assert.Equal("application/grpc-web+proto", resp.Content.Headers.ContentType!.MediaType);
        var body = await resp.Content.ReadAsByteArrayAsync();
        var frames = ParseFrames(body);
        Assert.Equal([0, 0, Framing.TrailerFlag], frames.Select(f => f.Flag));
        Assert.Equal(2, Int32Value.Parser.ParseFrom(frames[1].Data).Value);
        Assert.Equal("grpc-status:0\r\n", System.Text.Encoding.ASCII.GetString(frames[2].Data));

        using var bad = new HttpRequestMessage(HttpMethod.Post, new Uri(server.H1, P + "Fail")) { Content = new ByteArrayContent(Framing.Frame(new StringValue { Value = "no" }.ToByteArray())) };
        bad.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc-web");
        using var badResp = await http.SendAsync(bad);
        var trailer = ParseFrames(await badResp.Content.ReadAsByteArrayAsync()).Single();
        Assert.Equal("grpc-status:9\r\ngrpc-message:no\r\n", System.Text.Encoding.ASCII.GetString(trailer.Data));
    }

    [Theory]
    [InlineData("100m", 1000000)]
    [InlineData("5S", 50000000)]
    [InlineData("2M", 1200000000)]
    [InlineData("7u", 70)]
    [InlineData("1H", 36000000000)]
    public void GrpcTimeoutParses(string header, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var t));
        Assert.Equal(ticks, t.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("123456789m")]
    [InlineData("10x")]
    [InlineData("-5m")]
    public void MalformedGrpcTimeoutsAreRejected(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Fact]
    public void GrpcMessageEncodingRoundTrips()
    {
        Assert.Equal("a%25b%20c", GrpcMessage.Encode("a%b c").Replace(" ", "%20", StringComparison.Ordinal));
        Assert.Equal("caf%C3%A9", GrpcMessage.Encode("café"));
        Assert.Equal("café 100%", GrpcMessage.Decode(GrpcMessage.Encode("café 100%")));
        Assert.Equal("%zz", GrpcMessage.Decode("%zz"));
    }

    internal static List<(byte Flag, byte[] Data)> ParseFrames(byte[] body)
    {
        var frames = new List<(byte, byte[])>();
        for (int pos = 0; pos < body.Length;)
        {
            int len = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(pos + 1));
            frames.Add((body[pos], body[(pos + 5)..(pos + 5 + len)]));
            pos += 5 + len;
        }
        return frames;
    }

    /// <summary>Sends raw bytes as a gRPC call over HTTP/2 and returns the status from headers or trailers.</summary>
    internal static async Task<(StatusCode Status, string Message)> Raw(Uri server, string path, byte[] body, params (string, string)[] headers)
    {
        using var client = new GrpcClient(server);
        return await client.CallRawAsync(path, body, headers);
    }
}
