using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Voting.Rpc;

/// <summary>
/// A gRPC client over HttpClient HTTP/2 (cleartext h2c with prior knowledge for http://, TLS for https://).
/// Unary and server-streaming calls; deadlines travel as grpc-timeout and also cancel locally.
/// </summary>
public sealed class GrpcClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly int _maxReceive;

    public Uri BaseAddress { get; }

    public GrpcClient(Uri baseAddress, HttpMessageHandler? handler = null, int maxReceiveMessageSize = 64 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        BaseAddress = baseAddress;
        _maxReceive = maxReceiveMessageSize;
        _ownsHttp = true;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public async Task<TResp> UnaryAsync<TReq, TResp>(string path, TReq request, MessageParser<TResp> parser, TimeSpan? deadline = null, CancellationToken ct = default)
        where TReq : IMessage<TReq> where TResp : IMessage<TResp>
    {
        ArgumentNullException.ThrowIfNull(parser);
        TResp? result = default;
        int count = 0;
        await foreach (var m in CallAsync(path, request, parser, deadline, ct).ConfigureAwait(false))
        {
            result = m;
            count++;
        }
        if (count != 1) throw new RpcException(StatusCode.Internal, $"a unary call returned {count} messages");
        return result!;
    }

    public IAsyncEnumerable<TResp> ServerStreamingAsync<TReq, TResp>(string path, TReq request, MessageParser<TResp> parser, TimeSpan? deadline = null, CancellationToken ct = default)
        where TReq : IMessage<TReq> where TResp : IMessage<TResp> => CallAsync(path, request, parser, deadline, ct);

    private async IAsyncEnumerable<TResp> CallAsync<TReq, TResp>(string path, TReq request, MessageParser<TResp> parser, TimeSpan? deadline,
        [EnumeratorCancellation] CancellationToken ct)
        where TReq : IMessage<TReq> where TResp : IMessage<TResp>
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (deadline is { } d) cts.CancelAfter(d);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(Framing.Frame(request.ToByteArray())),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TryAddWithoutValidation("te", "trailers");
        if (deadline is { } dl) message.Headers.TryAddWithoutValidation("grpc-timeout", GrpcTimeout.Format(dl));

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && deadline is not null)
        {
            throw new RpcException(StatusCode.DeadlineExceeded, $"deadline of {deadline} exceeded before the server answered");
        }
        catch (HttpRequestException e)
        {
            throw new RpcException(StatusCode.Unavailable, $"cannot reach {BaseAddress}: {e.Message}");
        }
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK) throw FromHttpStatus(response);
            if (HeaderStatus(response.Headers) is { } trailersOnly)
            {
                if (trailersOnly.Status != StatusCode.OK) throw new RpcException(trailersOnly.Status, trailersOnly.Message);
                yield break;
            }
            var stream = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
            var reader = PipeReader.Create(stream);
            while (true)
            {
                (byte Flag, byte[] Message)? frame;
                try
                {
                    frame = await Framing.ReadAsync(reader, _maxReceive, cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested && deadline is not null)
                {
                    throw new RpcException(StatusCode.DeadlineExceeded, $"deadline of {deadline} exceeded");
                }
                catch (IOException e)
                {
                    throw new RpcException(StatusCode.Unavailable, $"the connection failed during the call: {e.Message}");
                }
                if (frame is null) break;
                TResp m;
                try { m = parser.ParseFrom(frame.Value.Message); }
                catch (InvalidProtocolBufferException e) { throw new RpcException(StatusCode.Internal, $"the response is not a valid message: {e.Message}"); }
                yield return m;
            }
            var status = HeaderStatus(response.TrailingHeaders)
                ?? throw new RpcException(StatusCode.Internal, "the server ended the call without grpc-status");
            if (status.Status != StatusCode.OK) throw new RpcException(status.Status, status.Message);
        }
    }

    /// <summary>
    /// Sends a request body exactly as given (already framed, or deliberately malformed) with extra headers,
    /// and returns the call's status: for diagnostics and for testing servers against bad input.
    /// </summary>
    public async Task<(StatusCode Status, string Message)> CallRawAsync(string path, byte[] body, IEnumerable<(string Name, string Value)>? headers = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        foreach (var (k, v) in headers ?? []) message.Headers.TryAddWithoutValidation(k, v);
        using var response = await _http.SendAsync(message, ct).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return HeaderStatus(response.Headers) ?? HeaderStatus(response.TrailingHeaders) ?? (StatusCode.Unknown, $"no grpc-status (HTTP {(int)response.StatusCode})");
    }

    private static (StatusCode Status, string Message)? HeaderStatus(HttpHeaders headers)
    {
        if (!headers.TryGetValues("grpc-status", out var values)) return null;
        var text = values.FirstOrDefault();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
            return (StatusCode.Unknown, $"unparseable grpc-status \"{text}\"");
        headers.TryGetValues("grpc-message", out var messages);
        return ((StatusCode)code, GrpcMessage.Decode(messages?.FirstOrDefault()));
    }

    /// <summary>The HTTP-to-gRPC status mapping of grpc/doc/http-grpc-status-mapping.md.</summary>
    private static RpcException FromHttpStatus(HttpResponseMessage r)
    {
        if (HeaderStatus(r.Headers) is { } s && s.Status != StatusCode.OK) return new RpcException(s.Status, s.Message);
        var code = (int)r.StatusCode switch
        {
            400 => StatusCode.Internal,
            401 => StatusCode.Unauthenticated,
            403 => StatusCode.PermissionDenied,
            404 => StatusCode.Unimplemented,
            429 or 502 or 503 or 504 => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
        return new RpcException(code, $"HTTP {(int)r.StatusCode} {r.ReasonPhrase}");
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
