namespace Voting.Storage;

/// <summary>The stored log disagrees with itself: the database cannot be trusted as it is.</summary>
public sealed class LogCorruptException : Exception
{
    public LogCorruptException(string message) : base(message) { }
    public LogCorruptException() { }
    public LogCorruptException(string message, Exception inner) : base(message, inner) { }
}
