using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;

namespace Voting.Server.Tests;

/// <summary>
/// For the transport rows of errors.md only: a gRPC request whose body and headers the test writes byte by byte
/// (malformed on purpose), sent over HttpClient's HTTP/2, and the status the server ended it with. Real calls go
/// through Grpc.Net.Client.
/// </summary>
internal sealed class RawGrpc(Uri server) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>The 5-byte gRPC message prefix (flag, big-endian length) and the message.</summary>
    public static byte[] Frame(byte[] message, byte flag = 0)
    {
        var framed = new byte[5 + message.Length];
        framed[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        return framed;
    }

    public sealed record Outcome(HttpStatusCode Http, StatusCode? Status, string Message, HttpResponseHeaders Headers, byte[] Body);

    public async Task<Outcome> Call(string path, byte[] body, string contentType = "application/grpc", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path)) 
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var (status, message) = Read(response.Headers) ?? Read(response.TrailingHeaders) ?? (null, "");
        return new Outcome(response.StatusCode, status, message, response.Headers, bytes);
    }

    public async Task<StatusCode?> Status(string path, byte[] body, params (string Name, string Value)[] headers) =>
        (await Call(path, body, "application/grpc", headers)).Status;

    private static (StatusCode?, string)? Read(HttpHeaders h)
    {
        if (!h.TryGetValues("grpc-status", out var values)) return null;
        h.TryGetValues("grpc-message", out var messages);
        var code = int.Parse(values.First(), NumberStyles.None, CultureInfo.InvariantCulture);
        return ((StatusCode)code, Uri.UnescapeDataString(messages?.FirstOrDefault() ?? ""));
    }

    public void Dispose() => _http.Dispose();
}
