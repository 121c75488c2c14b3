namespace Voting.Core.Ballots;

/// <summary>
/// No choice of the candidates standing could meet the constraints (counting.md §6): a count under them would mean
/// nothing, so none is made. The message names the constraints that cannot be met, each on its own where that is so.
/// </summary>
public sealed class UnsatisfiableConstraintsException : Exception
{
    public UnsatisfiableConstraintsException(string message) : base(message) { }
    public UnsatisfiableConstraintsException() : base("the constraints cannot be met") { }
    public UnsatisfiableConstraintsException(string message, Exception inner) : base(message, inner) { }
}
