using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;

namespace Voting.Rpc.Tests;

/// <summary>
/// Real gRPC peers: Debian's python3-grpcio and npm's @grpc/grpc-js call our server; our client calls a
/// python3-grpcio server. The test command installs both; elsewhere these tests skip and say why.
/// </summary>
public class InteropTests
{
    private static void Require(bool available, string what)
    {
        if (available) return;
        if (Environment.GetEnvironmentVariable("VOTING_REQUIRE_INTEROP") == "1") Assert.Fail($"{what} is missing but VOTING_REQUIRE_INTEROP=1 (the test command installs it)");
        Assert.Skip($"{what} is not installed; interop cannot run here");
    }

    private static bool PythonGrpc() => Run("/usr/bin/python3", ["-c", "import grpc"]).Code == 0;

    private static bool NodeGrpc() => Directory.Exists(TestPaths.Repo("tests", "interop", "node", "node_modules", "@grpc", "grpc-js"));

    private static (int Code, string Out, string Err) Run(string file, string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var o = p.StandardOutput.ReadToEndAsync();
            var e = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60_000)) { p.Kill(); return (-1, o.Result, "timed out after 60 s"); }
            return (p.ExitCode, o.Result, e.Result);
        }
        catch (System.ComponentModel.Win32Exception e) { return (-1, "", e.Message); }
    }

    private static string[] Expected(string from) =>
        [$"unary echo: from {from}", from == "python" ? "stream 1,2,3" : "stream 1,2,3,4", "status FAILED_PRECONDITION closed", "deadline DEADLINE_EXCEEDED"];

    [Fact]
    public async Task PythonGrpcioClientCallsOurServer()
    {
        Require(PythonGrpc(), "Debian's python3-grpcio (/usr/bin/python3 -c 'import grpc')");
        await using var server = await EchoServer.StartAsync();
        var (code, o, e) = await Task.Run(() => Run("/usr/bin/python3", [TestPaths.Repo("tests", "interop", "python", "echo_client.py"), $"127.0.0.1:{server.H2.Port}"]));
        Assert.True(code == 0, e);
        Assert.Equal(Expected("python"), o.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task GrpcJsClientCallsOurServer()
    {
        Require(NodeGrpc(), "npm's @grpc/grpc-js (tests/interop/node: npm ci)");
        await using var server = await EchoServer.StartAsync();
        var (code, o, e) = await Task.Run(() => Run("node", [TestPaths.Repo("tests", "interop", "node", "echo_client.js"), $"127.0.0.1:{server.H2.Port}"]));
        Assert.True(code == 0, e);
        Assert.Equal(Expected("node"), o.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task OurClientCallsAPythonGrpcioServer()
    {
        Require(PythonGrpc(), "Debian's python3-grpcio (/usr/bin/python3 -c 'import grpc')");
        var psi = new ProcessStartInfo("/usr/bin/python3", [TestPaths.Repo("tests", "interop", "python", "echo_server.py")])
        { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        try
        {
            var line = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.StartsWith("port ", line, StringComparison.Ordinal);
            using var client = new GrpcClient(new Uri($"http://127.0.0.1:{line![5..]}"));
            var reply = await client.UnaryAsync("/test.v1.Echo/Say", new StringValue { Value = "hi" }, StringValue.Parser);
            Assert.Equal("python: hi", reply.Value);
            var got = new List<int>();
            await foreach (var v in client.ServerStreamingAsync("/test.v1.Echo/Count", new Int32Value { Value = 3 }, Int32Value.Parser)) got.Add(v.Value);
            Assert.Equal([1, 2, 3], got);
            var e = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync("/test.v1.Echo/Fail", new StringValue(), StringValue.Parser));
            Assert.Equal(StatusCode.PermissionDenied, e.Status);
            Assert.Equal("not an organiser: 100% sure", e.Message);
        }
        finally
        {
            p.StandardInput.Close();
            if (!p.WaitForExit(10_000)) p.Kill();
        }
    }
}
