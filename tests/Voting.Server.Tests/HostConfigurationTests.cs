using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>README: appsettings.json, then VOTING_* environment variables, then flags, each outranking the one before.</summary>
    [Fact]
    public async Task FlagsOutrankTheEnvironmentWhichOutranksDefaults()
    {
        // LogHost: the one setting no other test leaves to configuration (TestServer sets it), so the variable, which
        // the whole process sees while this runs, changes no other test.
        var dir = Directory.CreateTempSubdirectory("voting-config-test-");
        Environment.SetEnvironmentVariable("VOTING_LogHost", "from-environment.example");
        try
        {
            void Local(ServerOptions o) { o.DataDir = dir.FullName; o.GrpcListen = "127.0.0.1:0"; o.HttpListen = "127.0.0.1:0"; }
            await using (var flagged = ServerApp.Build(["--LogHost", "from-flag.example"], Local))
                Assert.Equal("from-flag.example", flagged.Services.GetRequiredService<ServerOptions>().LogHost);
            await using (var plain = ServerApp.Build([], Local))
                Assert.Equal("from-environment.example", plain.Services.GetRequiredService<ServerOptions>().LogHost);
        }
        finally
        {
            Environment.SetEnvironmentVariable("VOTING_LogHost", null);
            dir.Delete(recursive: true);
        }
    }
}
