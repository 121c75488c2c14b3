using Microsoft.Extensions.DependencyInjection;
using Voting.Server.Elections;

namespace Voting.Server.Tests;

/// <summary>The server's internals, for the server's own tests (TestServer itself is shared with tests that cannot see them).</summary>
internal static class ServerInternals
{
    /// <summary>The election host of one election on this server.</summary>
    public static ElectionHost Host(this TestServer server, string electionId) =>
        server.Services.GetRequiredService<ElectionRegistry>().Get(electionId);
}
