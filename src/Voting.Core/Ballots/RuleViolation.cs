namespace Voting.Core.Ballots;

/// <summary>A broken rule: the audit check's name (docs/spec/audit.md) and a sentence saying what is wrong.</summary>
public sealed record RuleViolation(string Check, string Message)
{
    public override string ToString() => $"{Check}: {Message}";
}
