namespace Voting.Counting.Blt;

/// <summary>A malformed BLT file: the message names the line and column (1-based).</summary>
public sealed class BltFormatException : FormatException
{
    public int Line { get; }
    public int Column { get; }

    public BltFormatException(int line, int column, string message) : base($"line {line}, column {column}: {message}")
    {
        Line = line;
        Column = column;
    }

    public BltFormatException() { }
    public BltFormatException(string message) : base(message) { }
    public BltFormatException(string message, Exception inner) : base(message, inner) { }
}
