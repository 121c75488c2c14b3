using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Voting.Core.Notes;
using Grpc.Core;
using Voting.Synthetic;

namespace Voting.Server.Tests;

public class TlsTests
{
    [Fact]
    public async Task GrpcRunsOverTlsWhenACertificateIsConfigured()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var dir = Directory.CreateTempSubdirectory("voting-tls-").FullName;
        var pfx = Path.Combine(dir, "server.pfx");
        File.WriteAllBytes(pfx, cert.Export(X509ContentType.Pfx, "pw"));
        await using var server = await TestServer.StartAsync(Path.Combine(dir, "data"), o => { o.TlsCertificate = pfx; o.TlsCertificatePassword = "pw"; });
        Assert.Equal("https", server.Grpc.Scheme);
        // The client pins the server's certificate: no CA is involved in this test.
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == cert.GetCertHashString(),
            },
        };
        using var client = new VotingClients(server.Grpc, handler);
        var scenario = new Scenario(LiveElection.Of(2, "over-tls"));
        await scenario.ToOpen(client);
        var r = await client.Cast(scenario.Election.BallotOf(0));
        Receipt.Parse(r.Receipt).Verify(Scenario.LogKey(await client.Election("over-tls")));
        // Without the pin, the self-signed certificate is refused: the call never reaches the server (Grpc.Net.Client says
        // INTERNAL, carrying the TLS failure as the reason).
        using var unpinned = new VotingClients(server.Grpc);
        var refused = await Assert.ThrowsAsync<RpcException>(() => unpinned.Election("over-tls"));
        Assert.Equal(StatusCode.Internal, refused.StatusCode);
        Assert.IsType<System.Security.Authentication.AuthenticationException>(Assert.IsType<HttpRequestException>(refused.Status.DebugException).InnerException);
    }
}
