using System.Globalization;
using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Voting.Rpc;

/// <summary>
/// Serves the registered methods over gRPC (HTTP/2, "application/grpc[+proto]") and gRPC-Web (any HTTP
/// version, "application/grpc-web[+proto]"): one request message, zero or more response messages, a status.
/// Every failure ends as a gRPC status with a message, never as a bare HTTP error, once the request is gRPC.
/// </summary>
public sealed partial class GrpcEndpoint(ServiceRegistry registry, GrpcOptions options, ILogger logger)
{
    [LoggerMessage(Level = LogLevel.Error, Message = "unhandled error in {Method}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, string method);

    private enum Flavour { Native, Web }

    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var contentType = http.Request.ContentType ?? "";
        Flavour flavour;
        if (contentType.StartsWith("application/grpc-web-text", StringComparison.OrdinalIgnoreCase))
        {
            await FailBeforeStart(http, Flavour.Web, StatusCode.Unimplemented, "grpc-web-text is not supported; use application/grpc-web+proto");
            return;
        }
        if (IsType(contentType, "application/grpc-web")) flavour = Flavour.Web;
        else if (IsType(contentType, "application/grpc")) flavour = Flavour.Native;
        else
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await http.Response.WriteAsync($"not a gRPC request: content-type \"{contentType}\"", http.RequestAborted);
            return;
        }
        if (flavour == Flavour.Native && !HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            // HTTP/1.1 cannot carry trailers to a gRPC client; answer in headers and say why.
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers["grpc-status"] = ((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["grpc-message"] = GrpcMessage.Encode($"gRPC requires HTTP/2; this request came over {http.Request.Protocol}");
            return;
        }
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            await FailBeforeStart(http, flavour, StatusCode.Unimplemented, $"gRPC calls use POST, not {http.Request.Method}");
            return;
        }
        if (!registry.TryGet(http.Request.Path.Value ?? "", out var method))
        {
            await FailBeforeStart(http, flavour, StatusCode.Unimplemented, $"unknown method {http.Request.Path.Value}");
            return;
        }
        var encoding = http.Request.Headers["grpc-encoding"].ToString();
        if (encoding.Length > 0 && !string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers["grpc-accept-encoding"] = "identity";
            await FailBeforeStart(http, flavour, StatusCode.Unimplemented, $"grpc-encoding \"{encoding}\" is not supported; use identity");
            return;
        }
        var timeoutHeader = http.Request.Headers["grpc-timeout"].ToString();
        TimeSpan? timeout = null;
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var t))
            {
                await FailBeforeStart(http, flavour, StatusCode.Internal, $"malformed grpc-timeout \"{timeoutHeader}\"");
                return;
            }
            timeout = t;
        }
        await RunAsync(http, flavour, method, timeout);
    }

    private static bool IsType(string contentType, string type) =>
        contentType.Equals(type, StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith(type + "+proto", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith(type + ";", StringComparison.OrdinalIgnoreCase);

    private async Task RunAsync(HttpContext http, Flavour flavour, ServiceRegistry.Method method, TimeSpan? timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        // A deadline already passed (0 after rounding) cancels now, not on a timer tick: such a call must do nothing.
        if (timeout is { } t)
        {
            if (t <= TimeSpan.Zero) deadline.Cancel();
            else deadline.CancelAfter(t);
        }
        var context = new CallContext(http, timeout is { } tt ? DateTimeOffset.UtcNow + tt : null, deadline.Token);
        bool started = false;
        async Task Send(IMessage message)
        {
            if (!started)
            {
                StartResponse(http, flavour);
                started = true;
            }
            await http.Response.Body.WriteAsync(Framing.Frame(message.ToByteArray()), deadline.Token);
            await http.Response.Body.FlushAsync(deadline.Token);
        }
        StatusCode status = StatusCode.OK;
        string message = "";
        try
        {
            var request = await ReadSingleRequest(http, method, deadline.Token);
            await method.RunAsync(request, Send, context);
        }
        catch (RpcException e)
        {
            (status, message) = (e.Status, e.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            (status, message) = (StatusCode.DeadlineExceeded, $"deadline of {timeout} exceeded");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client is gone: nobody to tell
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The host's body limit (a little over one message) stops a request whose declared length is too large
            // before any frame is read: the same error as a frame longer than the limit.
            (status, message) = (StatusCode.ResourceExhausted, $"the request is larger than the {options.MaxReceiveMessageSize} bytes a message may have");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogUnhandled(logger, e, method.Path);
            (status, message) = (StatusCode.Internal, "internal error");
        }
        if (!started) await FailBeforeStart(http, flavour, status, message);
        else await Finish(http, flavour, status, message);
    }

    private async Task<IMessage> ReadSingleRequest(HttpContext http, ServiceRegistry.Method method, CancellationToken ct)
    {
        var reader = http.Request.BodyReader;
        var first = await Framing.ReadAsync(reader, options.MaxReceiveMessageSize, ct)
            ?? throw new RpcException(StatusCode.Internal, "the request carried no message");
        if (await Framing.ReadAsync(reader, options.MaxReceiveMessageSize, ct) is not null)
            throw new RpcException(StatusCode.Internal, $"{method.Path} takes exactly one request message");
        try { return method.Parse(first.Message); }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"the request is not a valid protobuf message for {method.Path}: {e.Message}");
        }
    }

    private static void StartResponse(HttpContext http, Flavour flavour)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = flavour == Flavour.Web ? "application/grpc-web+proto" : "application/grpc";
    }

    /// <summary>A status with no messages: trailers-only (native) or a single trailer frame (web).</summary>
    private static async Task FailBeforeStart(HttpContext http, Flavour flavour, StatusCode status, string message)
    {
        StartResponse(http, flavour);
        if (flavour == Flavour.Native)
        {
            http.Response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
            if (message.Length > 0) http.Response.Headers["grpc-message"] = GrpcMessage.Encode(message);
            return;
        }
        await WriteWebTrailers(http, status, message);
    }

    private static async Task Finish(HttpContext http, Flavour flavour, StatusCode status, string message)
    {
        if (flavour == Flavour.Web)
        {
            await WriteWebTrailers(http, status, message);
            return;
        }
        http.Response.AppendTrailer("grpc-status", ((int)status).ToString(CultureInfo.InvariantCulture));
        if (message.Length > 0) http.Response.AppendTrailer("grpc-message", GrpcMessage.Encode(message));
    }

    private static async Task WriteWebTrailers(HttpContext http, StatusCode status, string message)
    {
        var text = $"grpc-status:{(int)status}\r\n" + (message.Length > 0 ? $"grpc-message:{GrpcMessage.Encode(message)}\r\n" : "");
        await http.Response.Body.WriteAsync(Framing.Frame(Encoding.ASCII.GetBytes(text), Framing.TrailerFlag));
    }
}
