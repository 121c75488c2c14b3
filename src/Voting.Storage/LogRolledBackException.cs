namespace Voting.Storage;

/// <summary>
/// The log refuses appends: its database holds fewer records than, or other records than, a checkpoint known outside
/// it — its own high-water mark, or a witness's cosignature (log.md §11.1). The message names that evidence.
/// </summary>
public sealed class LogRolledBackException : Exception
{
    public LogRolledBackException(string message) : base(message) { }
    public LogRolledBackException() { }
    public LogRolledBackException(string message, Exception inner) : base(message, inner) { }
}
