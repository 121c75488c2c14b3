using Grpc.Core;
using Grpc.Net.Client;

namespace Scrutineer;

/// <summary>How the commands that act on a ballot server (lot, issuer, trustee) reach it and report failures: "scrutineer: error: …" and a hint.</summary>
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

    /// <summary>A local command's body; a bad file or an unreadable directory becomes one clear line, never a stack trace.</summary>
    public static int Run(TextWriter stderr, Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try { return body(); }
        catch (Voting.Core.VotingFormatException e) { return Fail(stderr, e.Message, null); }
        catch (IOException e) { return Fail(stderr, e.Message, null); }
        catch (UnauthorizedAccessException e) { return Fail(stderr, e.Message, null); }
    }

    /// <summary>A command's body over a channel to --server; a refusal, a damaged file or an unreachable server becomes one clear line.</summary>
    public static async Task<int> RunAsync(TextWriter stderr, string? server, Func<GrpcChannel, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var channel = Channel(server, stderr);
        if (channel is null) return 1;
        try { return await body(channel).ConfigureAwait(false); }
        catch (RpcException e) { return Refused(stderr, e); }
        catch (Google.Protobuf.InvalidProtocolBufferException e) { return Fail(stderr, $"a record file is damaged: {e.Message}", null); }
        catch (Voting.Core.VotingFormatException e) { return Fail(stderr, e.Message, null); }
        catch (IOException e) { return Fail(stderr, e.Message, null); }
        catch (UnauthorizedAccessException e) { return Fail(stderr, e.Message, null); }
    }

    public static int Fail(TextWriter stderr, string message, string? hint)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine($"scrutineer: error: {message}");
        if (hint is not null) stderr.WriteLine($"hint: {hint}");
        return 1;
    }
}
