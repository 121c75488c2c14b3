using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voting.Core.Notes;
using Voting.Core.Tiles;

namespace Scrutineer.Tests;

/// <summary>`scrutineer fetch` from a server that lies about its size: an error naming the claim, exit 1, never a stack trace or a hang.</summary>
public class HostileFetchTests
{
    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 40)]
    [InlineData((ulong)int.MaxValue + 1)]
    public async Task ACheckpointClaimingMoreThanAnExportHoldsIsRefused(ulong size)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var key = TileLogServer.Key;
        app.MapGet("/log/checkpoint", () => Results.Text(SignedNote.Sign(new Checkpoint(TileLogServer.Origin, size, new byte[32]).ToText(), key).Format()));
        app.MapGet("/log/keys", () => Results.Text(KeysFile.Format(new WitnessPolicy(key.Verifier, [], 0))));
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/log/";
        var dir = Path.Combine(Directory.CreateTempSubdirectory("scrutineer-fetch-").FullName, "log");
        var (code, o, e) = CliRunner.Run("fetch", "--server", url, "--out", dir);
        Assert.True(code == 1, o + e);
        Assert.Equal($"scrutineer: error: the server's checkpoint claims {size} records; an export holds at most 2147483647\n", e);
    }
}
