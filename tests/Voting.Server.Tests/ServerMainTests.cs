using System.Net;
using System.Net.Sockets;
using Voting.Server;

namespace Voting.Server.Tests;

/// <summary>Settings that cannot work end the server with one line naming them, not a stack trace.</summary>
public class ServerMainTests
{
    private static async Task<(int Exit, string Error)> Run(params string[] args)
    {
        var dir = Directory.CreateTempSubdirectory("voting-main-test-");
        try
        {
            var error = new StringWriter();
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // a server that did start is stopped
            int exit = await ServerMain.RunAsync([.. args, "--DataDir", dir.FullName], error, stop.Token);
            return (exit, error.ToString());
        }
        finally { dir.Delete(recursive: true); }
    }

    [Theory]
    [InlineData("MaxBatch", "0", "MaxBatch 0 must be at least 1")]
    [InlineData("MaxBatch", "abc", "'abc' at 'MaxBatch'")]
    [InlineData("MaxMessageBytes", "-5", "MaxMessageBytes -5 must be between")]
    [InlineData("GrpcListen", "nonsense", "listen address \"nonsense\" is not host:port")]
    [InlineData("WitnessQuorum", "1", "WitnessQuorum 1 must be between 0 and the 0 configured witnesses")]
    [InlineData("Witnesses:0", "http://witness.example/ not-a-vkey", "vkey \"not-a-vkey\"")]
    [InlineData("TlsCertificate", "/nonexistent/cert.pfx", "TLS certificate /nonexistent/cert.pfx does not exist")]
    [InlineData("Organisers:0", "not-a-key", "Organisers:0 \"not-a-key\" is not an organiser public key")]
    [InlineData("Organisers:0", "AAAA", "Organisers:0 \"AAAA\" is not an organiser public key: give it as voting organiser keygen prints it (base64 of 32 bytes)")]
    public async Task ASettingThatCannotWorkIsNamedInOneLineWithExit2(string key, string value, string expected)
    {
        var (exit, error) = await Run("--GrpcListen", "127.0.0.1:0", "--HttpListen", "127.0.0.1:0", $"--{key}", value); // the last flag wins
        Assert.Equal(2, exit);
        Assert.StartsWith("voting-server: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task APortInUseIsNamedWithExit1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (exit, error) = await Run("--GrpcListen", $"127.0.0.1:{port}", "--HttpListen", "127.0.0.1:0");
        Assert.Equal(1, exit);
        Assert.Contains($"cannot start: Failed to bind to address http://127.0.0.1:{port}", error, StringComparison.Ordinal);
    }
}
