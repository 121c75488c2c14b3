using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Voting.Rpc;

public static class GrpcHosting
{
    /// <summary>Every request whose content type is gRPC or gRPC-Web goes to the gRPC endpoint; everything else passes on.</summary>
    public static IApplicationBuilder UseGrpc(this IApplicationBuilder app, ServiceRegistry registry, GrpcOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var endpoint = new GrpcEndpoint(registry, options ?? new GrpcOptions(), logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        return app.MapWhen(IsGrpc, branch => branch.Run(endpoint.HandleAsync));
    }

    public static bool IsGrpc(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
    }
}
