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

    /// <summary>The message and the innermost cause, which for a setting of the wrong type is the useful part.</summary>
    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is { } i) inner = i;
        return ReferenceEquals(inner, e) ? e.Message : $"{e.Message} ({inner.Message})";
    }
}
