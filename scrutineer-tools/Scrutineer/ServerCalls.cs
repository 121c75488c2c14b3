using Grpc.Core;
using Grpc.Net.Client;

namespace Scrutineer;

/// <summary>How the commands that act on a ballot server (lot, issuer) reach it and report failures: "scrutineer: error: …" and a hint.</summary>
internal static class ServerCalls
{
    public const string DefaultServer = "http://127.0.0.1:5070";

    /// <summary>Every call gets its own deadline.</summary>
    public static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    /// <summary>A channel to --server, or null (with the error written) when it is not an http(s) address.</summary>
    public static GrpcChannel? Channel(string? server, TextWriter stderr)
    {
        if (Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return GrpcChannel.ForAddress(uri);
        Fail(stderr, $"--server {server} is not an http(s) address", "the server's gRPC address, e.g. http://127.0.0.1:5070");
        return null;
    }

    public static int Refused(TextWriter stderr, RpcException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Fail(stderr, $"the server refused: {e.Status.StatusCode}: {e.Status.Detail}",
            e.StatusCode == StatusCode.Unavailable ? "is the server running at --server?" : e.StatusCode == StatusCode.NotFound ? "has the election been created on this server?" : null);
    }

    public static int Fail(TextWriter stderr, string message, string? hint)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine($"scrutineer: error: {message}");
        if (hint is not null) stderr.WriteLine($"hint: {hint}");
        return 1;
    }
}
