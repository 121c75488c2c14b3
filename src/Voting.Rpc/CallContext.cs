using Microsoft.AspNetCore.Http;

namespace Voting.Rpc;

/// <summary>What a handler knows about its call: the cancellation (client gone or deadline passed) and the HTTP context.</summary>
public sealed class CallContext(HttpContext http, DateTimeOffset? deadline, CancellationToken cancellation)
{
    public HttpContext Http { get; } = http;
    public CancellationToken CancellationToken { get; } = cancellation;
    public DateTimeOffset? Deadline { get; } = deadline;
}

/// <summary>Writes the messages of a server-streaming call.</summary>
public interface IStreamWriter<in T>
{
    Task WriteAsync(T message);
}
