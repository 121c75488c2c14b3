using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Voting.Server.Elections;

namespace Voting.Server;

/// <summary>What the operator should hear once the server is listening: settings that leave a door open, data it cleaned up.</summary>
internal static partial class StartupNotes
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "no Organisers are configured: anyone who can reach this server may create elections; list the organiser keys allowed with --Organisers:0 KEY")]
    private static partial void LogAnyoneMayCreate(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "removed {Directory}: an election directory holding no record (a creation that never became durable)")]
    private static partial void LogRemoved(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Why}")]
    private static partial void LogUnopenable(ILogger logger, string why);

    public static void Register(WebApplication app, ServerOptions options, ElectionRegistry registry)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Voting.Server");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (options.Organisers.Count == 0) LogAnyoneMayCreate(logger);
            foreach (var dir in registry.Removed) LogRemoved(logger, dir);
            foreach (var why in registry.Unopenable.Values) LogUnopenable(logger, why);
        });
    }
}
