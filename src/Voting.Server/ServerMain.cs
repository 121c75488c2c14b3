using System.Security.Cryptography;

namespace Voting.Server;

/// <summary>
/// The server's entry point: a setting that cannot work, or a port that cannot be bound, ends the process with one
/// line saying what to change (exit 2 for settings, 1 for start-up) instead of an unhandled exception's stack trace.
/// </summary>
public static class ServerMain
{
    public static async Task<int> RunAsync(string[] args, TextWriter error, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        // Whatever the process creates — SQLite's own files in the data directory included — is the owner's alone; the
        // server creates its files owner-only anyway, this covers any it does not name.
        int? umask = OperatingSystem.IsWindows() ? null : Native.Umask(0x3F /* 077 */);
        try { return await Run(args, error, stop).ConfigureAwait(false); }
        finally { if (umask is { } previous) _ = Native.Umask(previous); }
    }

    private static async Task<int> Run(string[] args, TextWriter error, CancellationToken stop)
    {
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = ServerApp.Build(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            await error.WriteLineAsync($"voting-server: {Describe(e)}").ConfigureAwait(false);
            return 2;
        }
        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(stop).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await error.WriteLineAsync($"voting-server: cannot start: {Describe(e)}").ConfigureAwait(false);
                return 1;
            }
            await app.WaitForShutdownAsync(stop).ConfigureAwait(false);
        }
        return 0;
    }

    private static class Native
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "umask")]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        public static extern int Umask(int mask);
    }

    /// <summary>The message and the innermost cause, which for a setting of the wrong type is the useful part.</summary>
    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is { } i) inner = i;
        return ReferenceEquals(inner, e) ? e.Message : $"{e.Message} ({inner.Message})";
    }
}
