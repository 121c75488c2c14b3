using System.Diagnostics;
using System.Net.Sockets;

namespace Voting.Demo;

/// <summary>A server or witness run as its own process (dotnet DLL args), its output in a log file, stopped on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    public string Name { get; }
    public string LogFile { get; }

    public ChildProcess(string name, string dll, IEnumerable<string> args, string logFile)
    {
        Name = name;
        LogFile = logFile;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {name}");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool Exited => _process.HasExited;

    /// <summary>Polls a health URL until it answers, or fails with the process's log when it dies or takes too long.</summary>
    public async Task WaitHealthy(Uri health, TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}; see {LogFile}");
            try
            {
                using var r = await http.GetAsync(health).ConfigureAwait(false);
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100).ConfigureAwait(false);
        }
        throw new TimeoutException($"{Name} did not become healthy within {limit.TotalSeconds} s; see {LogFile}");
    }

    public static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); } }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
