using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Voting.Protocol;

namespace Voting.Server.Services;

/// <summary>
/// The one place where the election rules' refusals become gRPC statuses (errors.md): the row's status, the message,
/// and the row in the voting-refusal trailer. Anything else a handler throws is a bug: logged in full here, and the
/// client hears INTERNAL "internal error" (T-row "a handler fails") without the details.
/// </summary>
internal sealed partial class RefusalInterceptor(ILogger<RefusalInterceptor> logger) : Interceptor
{
    [LoggerMessage(Level = LogLevel.Error, Message = "unhandled error in {Method}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "refused {Method}: {Row} {Status} {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string row, StatusCode status, string reason);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    private RpcException Refused(ErrorRow row, string message, ServerCallContext context)
    {
        LogRefused(logger, context.Method, row.Id, row.Status, message);
        return new RpcException(new Status(row.Status, message), new Metadata { { ErrorRows.TrailerKey, row.Id } });
    }

    /// <summary>The status a failure ends the call with; null to let it pass as it is (a status already, or a cancelled call).</summary>
    private RpcException? Translate(Exception e, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (e)
        {
            case RefusalException r:
                return Refused(r.Row, r.Message, context);
            // The store refuses whoever appends to a log that lost records (log.md §11.1), so its refusal comes from below the rules.
            case Voting.Storage.LogRolledBackException rolledBack:
                return Refused(ErrorRows.G3, rolledBack.Message, context);
            case RpcException:
                return null;
            // A deadline passed or the client left: grpc-dotnet ends the call with DEADLINE_EXCEEDED or CANCELLED itself.
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return null;
            default:
                LogUnhandled(logger, e, context.Method);
                return new RpcException(new Status(StatusCode.Internal, "internal error"));
        }
    }
}
