using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Voting.Benchmarks;

/// <summary>
/// The shipped ballot server (Voting.Server.dll from this output directory) in a child process on loopback, with a
/// fresh data directory; ready once /healthz answers. Disposing stops it with SIGTERM (its graceful shutdown) and
/// removes the directory.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _dir;
    private readonly Queue<string> _lastLines = new();

    public Uri Grpc { get; }
    /// <summary>CPU time the server process has used so far (user and system).</summary>
    public TimeSpan Cpu { get { _process.Refresh(); return _process.TotalProcessorTime; } }

    private ServerProcess(Process process, DirectoryInfo dir, Uri grpc)
    {
        _process = process;
        _dir = dir;
        Grpc = grpc;
    }

    /// <summary>Starts the server; pinned with taskset to the CPU list given, if one is.</summary>
    public static async Task<ServerProcess> Start(string? cpus = null)
    {
        var dir = Directory.CreateTempSubdirectory("voting-cast-bench-");
        int grpcPort = FreePort(), httpPort = FreePort();
        string[] command = ["dotnet", Path.Combine(AppContext.BaseDirectory, "Voting.Server.dll"), "--GrpcListen", $"127.0.0.1:{grpcPort}", "--HttpListen", $"127.0.0.1:{httpPort}", "--DataDir", dir.FullName];
        if (cpus is not null) command = ["taskset", "-c", cpus, .. command];
        var psi = new ProcessStartInfo(command[0], command[1..]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the server");
        var server = new ServerProcess(process, dir, new Uri($"http://127.0.0.1:{grpcPort}"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if (process.HasExited) break;
            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/healthz"))).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { /* not listening yet */ }
        }
        string tail;
        lock (server._lastLines) tail = string.Join('\n', server._lastLines);
        await server.DisposeAsync();
        throw new InvalidOperationException($"the server did not become healthy; its last output:\n{tail}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 20) _lastLines.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        _dir.Delete(recursive: true);
    }
}
