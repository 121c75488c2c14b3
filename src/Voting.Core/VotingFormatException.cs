namespace Voting.Core;

/// <summary>Input that does not follow the byte formats of docs/spec/. The message says what and where.</summary>
public sealed class VotingFormatException : FormatException
{
    public VotingFormatException(string message) : base(message) { }
    public VotingFormatException(string message, Exception inner) : base(message, inner) { }
    public VotingFormatException() { }
}
