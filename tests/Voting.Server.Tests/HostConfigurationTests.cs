using Microsoft.Extensions.Configuration;
using Voting.Server;

namespace Voting.Server.Tests;

public class HostConfigurationTests
{
    /// <summary>
    /// The host's default appsettings sources watch the content root recursively; the default data directory lies
    /// inside it, so a watching source would be woken by every commit. The server reads its options once.
    /// </summary>
    [Fact]
    public async Task NoConfigurationSourceWatchesForChanges()
    {
        var dir = Directory.CreateTempSubdirectory("voting-config-test-");
        try
        {
            await using var app = ServerApp.Build([], o => { o.DataDir = dir.FullName; o.GrpcListen = "127.0.0.1:0"; o.HttpListen = "127.0.0.1:0"; });
            var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();
            Assert.Contains(files, f => f.Source.Path == "appsettings.json"); // still read, once
            Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched for changes"));
        }
        finally { dir.Delete(recursive: true); }
    }
}
