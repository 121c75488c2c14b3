using System.Net;
using Voting.Client.Api;
using Grpc.Core;

namespace Voting.Client.Tests;

/// <summary>Polly's part: UNAVAILABLE and DEADLINE_EXCEEDED are retried with backoff; other refusals are not.</summary>
public class RetryTests
{
    /// <summary>Answers each gRPC call with the next status of a script (as HTTP/2 trailers-only responses).</summary>
    private sealed class Scripted(params StatusCode[] statuses) : HttpMessageHandler
    {
        public int Calls;
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var status = statuses[Math.Min(Calls++, statuses.Length - 1)];
            var r = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new ByteArrayContent([]) };
            r.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
            r.Headers.Add("grpc-status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
            r.Headers.Add("grpc-message", "scripted");
            return Task.FromResult(r);
        }
    }

    [Fact]
    public async Task TransientStatusesAreRetriedAndTheLastAnswerWins()
    {
        var handler = new Scripted(StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.NotFound);
        using var api = new VotingApi(new Uri("http://127.0.0.1:1/"), retries: 4, firstDelay: TimeSpan.FromMilliseconds(1), handler: handler);
        var e = await Assert.ThrowsAsync<RpcException>(() => api.Election("x"));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Equal(3, handler.Calls);
        Assert.Equal(2, api.Retries);
    }

    [Fact]
    public async Task RetriesStopAtTheLimit()
    {
        var handler = new Scripted(StatusCode.Unavailable);
        using var api = new VotingApi(new Uri("http://127.0.0.1:1/"), retries: 3, firstDelay: TimeSpan.FromMilliseconds(1), handler: handler);
        var e = await Assert.ThrowsAsync<RpcException>(() => api.Election("x"));
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(4, handler.Calls);
    }

    [Fact]
    public async Task PermanentRefusalsAreNotRetried()
    {
        var handler = new Scripted(StatusCode.PermissionDenied);
        using var api = new VotingApi(new Uri("http://127.0.0.1:1/"), retries: 4, firstDelay: TimeSpan.FromMilliseconds(1), handler: handler);
        await Assert.ThrowsAsync<RpcException>(() => api.Election("x"));
        Assert.Equal(1, handler.Calls);
    }
}
