namespace Voting.Client.Api;

/// <summary>A failure to tell the user in one line, with a hint where one helps; the CLI prints it and exits 1.</summary>
public sealed class ClientException(string message, string? hint = null, Exception? inner = null) : Exception(message, inner)
{
    public string? Hint { get; } = hint;
}
