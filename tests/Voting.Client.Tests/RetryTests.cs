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
        /// <summary>The grpc-timeout each attempt carried.</summary>
        public List<TimeSpan> Timeouts { get; } = [];
        /// <summary>How long the first attempt takes to be answered.</summary>
        public TimeSpan FirstAnswerAfter { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.Headers.TryGetValues("grpc-timeout", out var t)) Timeouts.Add(ParseTimeout(t.Single()));
            if (Calls == 0 && FirstAnswerAfter > TimeSpan.Zero) await Task.Delay(FirstAnswerAfter, ct);
            var status = statuses[Math.Min(Calls++, statuses.Length - 1)];
            var r = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new ByteArrayContent([]) };
            r.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
            r.Headers.Add("grpc-status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
            r.Headers.Add("grpc-message", "scripted");
            return r;
        }

        private static TimeSpan ParseTimeout(string v)
        {
            long n = long.Parse(v[..^1], System.Globalization.CultureInfo.InvariantCulture);
            return v[^1] switch
            {
                'H' => TimeSpan.FromHours(n), 'M' => TimeSpan.FromMinutes(n), 'S' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMilliseconds(n), 'u' => TimeSpan.FromMicroseconds(n), _ => TimeSpan.FromTicks(n / 100),
            };
        }
    }

    /// <summary>
    /// Each attempt gets the whole deadline again: the first attempt takes 1.5 s to be refused, so a deadline shared by
    /// the attempts would reach the second with at most 58.5 of its 60 s left.
    /// </summary>
    [Fact]
    public async Task EachAttemptHasAFreshDeadline()
    {
        var handler = new Scripted(StatusCode.Unavailable, StatusCode.NotFound) { FirstAnswerAfter = TimeSpan.FromSeconds(1.5) };
        using var api = new VotingApi(new Uri("http://127.0.0.1:1/"), deadline: TimeSpan.FromSeconds(60), retries: 2, firstDelay: TimeSpan.FromMilliseconds(1), handler: handler);
        await Assert.ThrowsAsync<RpcException>(() => api.Election("x"));
        Assert.Equal(2, handler.Timeouts.Count);
        Assert.All(handler.Timeouts, t => Assert.InRange(t, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(60)));
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
