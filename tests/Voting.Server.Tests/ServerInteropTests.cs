using System.Diagnostics;
using Google.Protobuf;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Protocol;
using Voting.Synthetic;

namespace Voting.Server.Tests;

/// <summary>
/// Real gRPC peers drive the ballot server itself: python3-grpcio enrols, casts, watches checkpoints, is refused with the
/// documented status and row, and — with no Voting code at all — asks the standard health and reflection services;
/// @grpc/grpc-js casts and is refused.
/// </summary>
public class ServerInteropTests
{
    private static void Require(bool ok, string what)
    {
        if (ok) return;
        if (Environment.GetEnvironmentVariable("VOTING_REQUIRE_INTEROP") == "1") Assert.Fail($"{what} is missing but VOTING_REQUIRE_INTEROP=1");
        Assert.Skip($"{what} is not installed; interop cannot run here");
    }

    private static (int Code, string Out, string Err) Run(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var o = p.StandardOutput.ReadToEndAsync();
            var e = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60_000)) { p.Kill(); return (-1, o.Result, "timed out"); }
            return (p.ExitCode, o.Result, e.Result);
        }
        catch (System.ComponentModel.Win32Exception e) { return (-1, "", e.Message); }
    }

    private static byte[] Message(string output) =>
        Convert.FromHexString(output.Split('\n').Single(l => l.StartsWith("message ", StringComparison.Ordinal))["message ".Length..].Trim());

    [Fact]
    public async Task PythonGrpcioCastsAVerifiableBallotAndWatchesCheckpoints()
    {
        Require(Run("/usr/bin/python3", "-c", "import grpc").Code == 0, "Debian's python3-grpcio");
        await using var server = await TestServer.StartAsync();
        var scenario = new Scenario(LiveElection.Of(3, "interop-python"));
        using (var c = server.Client()) await scenario.ToOpen(c);
        var target = $"127.0.0.1:{server.Grpc.Port}";
        var cast = new CastRequest { Ballot = scenario.Election.BallotOf(0) }.ToByteArray();
        var (code, o, e) = await Task.Run(() => Run("/usr/bin/python3", TestPaths.Repo("tests", "interop", "python", "voting_client.py"), target, "/voting.v1.VoterService/Cast", Convert.ToHexString(cast)));
        Assert.True(code == 0, e);
        var response = AppendResponse.Parser.ParseFrom(Message(o));
        using var client = server.Client();
        var info = await client.Election("interop-python");
        Receipt.Parse(response.Receipt).Verify(NoteVerifier.ParseVkey(info.LogVkey));
        Assert.Equal(scenario.Election.BallotOf(0), Canonical.Parse(response.Record.ToByteArray()).Ballot);

        var watch = new GetCheckpointRequest { ElectionId = "interop-python" }.ToByteArray();
        (code, o, e) = await Task.Run(() => Run("/usr/bin/python3", TestPaths.Repo("tests", "interop", "python", "voting_client.py"), target, "/voting.v1.LogService/WatchCheckpoints", Convert.ToHexString(watch), "stream", "1"));
        Assert.True(code == 0, e);
        var cp = GetCheckpointResponse.Parser.ParseFrom(Message(o)).Checkpoint;
        Assert.Equal(5UL, Checkpoint.ParseAndVerify(cp, NoteVerifier.ParseVkey(info.LogVkey)).Checkpoint.Size);

        var closed = new CastRequest { Ballot = LiveElection.Of(3, "no-such-election").BallotOf(0) }.ToByteArray();
        (code, o, _) = await Task.Run(() => Run("/usr/bin/python3", TestPaths.Repo("tests", "interop", "python", "voting_client.py"), target, "/voting.v1.VoterService/Cast", Convert.ToHexString(closed)));
        Assert.Contains("status NOT_FOUND [G1] no election \"no-such-election\" on this server", o, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PythonGrpcioEnrolsWithACode()
    {
        Require(Run("/usr/bin/python3", "-c", "import grpc").Code == 0, "Debian's python3-grpcio");
        await using var server = await TestServer.StartAsync();
        const string Id = "interop-enrol";
        var (definition, organiser, codes, keys) = ErrorTableTests.EnrollmentElection(Id);
        using (var c = server.Client())
        {
            await c.Create(definition);
            await c.CommitRoll(ErrorTableTests.EnrollmentRoll(Id, organiser, keys));
        }
        var credential = Enumerable.Repeat((byte)7, 32).ToArray();
        string Enrol(ulong index, string code)
        {
            var e = new Enrollment { ElectionId = Id, RollIndex = index, CredentialKey = ByteString.CopyFrom(Voting.Core.Crypto.Ed25519.PublicKeyFromSeed(credential)) };
            VoterSigning.SignEnrollment(e, RollMath.EnrollmentSeed(Id, code), credential);
            return Run("/usr/bin/python3", TestPaths.Repo("tests", "interop", "python", "voting_client.py"), $"127.0.0.1:{server.Grpc.Port}",
                "/voting.v1.VoterService/Enroll", Convert.ToHexString(new EnrollRequest { Enrollment = e }.ToByteArray())).Out;
        }
        var wrongCode = await Task.Run(() => Enrol(1, codes[0]));
        Assert.StartsWith("status PERMISSION_DENIED [V8] roll signature does not verify", wrongCode, StringComparison.Ordinal);
        var enrolled = AppendResponse.Parser.ParseFrom(Message(await Task.Run(() => Enrol(0, codes[0]))));
        Assert.Equal(3UL, enrolled.Index);
        Assert.Equal(0UL, Canonical.Parse(enrolled.Record.ToByteArray()).Enrollment.RollIndex);
    }

    [Fact]
    public async Task APlainPythonGrpcioClientFindsHealthAndTheServicesByReflection()
    {
        Require(Run("/usr/bin/python3", "-c", "import grpc").Code == 0, "Debian's python3-grpcio");
        await using var server = await TestServer.StartAsync();
        var (code, o, e) = await Task.Run(() => Run("/usr/bin/python3", TestPaths.Repo("tests", "interop", "python", "standard_services.py"), $"127.0.0.1:{server.Grpc.Port}"));
        Assert.True(code == 0, e);
        const string Services = "grpc.health.v1.Health grpc.reflection.v1.ServerReflection grpc.reflection.v1alpha.ServerReflection voting.v1.LogService voting.v1.OrganiserService voting.v1.TrusteeService voting.v1.VoterService";
        Assert.Equal(["health (server) SERVING", "health voting.v1.VoterService SERVING", $"reflection v1 {Services}", $"reflection v1alpha {Services}"], o.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task GrpcJsCastsAndIsRefusedWithTheDocumentedStatus()
    {
        Require(Directory.Exists(TestPaths.Repo("tests", "interop", "node", "node_modules", "@grpc", "grpc-js")), "npm's @grpc/grpc-js (tests/interop/node: npm ci)");
        await using var server = await TestServer.StartAsync();
        var scenario = new Scenario(LiveElection.Of(3, "interop-node"));
        using (var c = server.Client()) await scenario.ToOpen(c);
        var target = $"127.0.0.1:{server.Grpc.Port}";
        string Cast(Ballot b) => Run("node", TestPaths.Repo("tests", "interop", "node", "voting_client.js"), target, "/voting.v1.VoterService/Cast", Convert.ToHexString(new CastRequest { Ballot = b }.ToByteArray())).Out;
        var first = await Task.Run(() => Cast(scenario.Election.BallotOf(1)));
        Assert.StartsWith("message ", first, StringComparison.Ordinal);
        var tampered = scenario.Election.BallotOf(2).Clone();
        tampered.Plain.Votes[1].Choices[0] ^= 1;
        var refused = await Task.Run(() => Cast(tampered));
        Assert.Equal("status PERMISSION_DENIED [V3] the ballot's signature does not verify against its credential key\n", refused);
    }
}
