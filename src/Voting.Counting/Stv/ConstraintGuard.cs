using Voting.Core.Ballots;

namespace Voting.Counting.Stv;

/// <summary>
/// The exclusion-based constraint method (counting.md §6): a candidate whose election would make
/// the constraints unsatisfiable is passed over (deemed excluded); when the remaining seats are all
/// needed by a group, every candidate whose election would break that is excluded.
/// </summary>
internal sealed class ConstraintGuard(Constraints? constraints, StvState state)
{
    /// <summary>The constraint electing c now would break, or null when c may be elected.</summary>
    public string? Blocks(int c)
    {
        if (constraints is null) return null;
        var others = state.Hopefuls().Where(h => h != c).ToList();
        int seatsLeft = state.Seats - state.ElectedCount - 1;
        var elected = state.ElectedOrder;
        return constraints.Feasible([.. elected, c], others, seatsLeft) ? null : constraints.Explain(elected, c, others, seatsLeft);
    }

    /// <summary>False when excluding c would leave too few candidates to meet a minimum: c is then protected from exclusion.</summary>
    public bool CanExclude(int c)
    {
        if (constraints is null) return true;
        var others = state.Hopefuls().Where(h => h != c).ToList();
        return constraints.Feasible(state.ElectedOrder, others, state.Seats - state.ElectedCount);
    }

    /// <summary>Throws when no choice of candidates could meet the constraints: the count would be meaningless.</summary>
    public void RequireSatisfiable()
    {
        if (constraints?.WhyUnsatisfiable(state.ElectedOrder, [.. state.Hopefuls()], state.Seats - state.ElectedCount) is { } why)
            throw new UnsatisfiableConstraintsException(why);
    }

    /// <summary>Hopefuls who can no longer be elected without breaking a constraint, with the constraint; null when none.</summary>
    public List<(int, string)>? ForceExclusions()
    {
        if (constraints is null) return null;
        var forced = new List<(int, string)>();
        foreach (var c in state.Hopefuls().ToList())
            if (Blocks(c) is { } rule) forced.Add((c, rule));
        return forced.Count > 0 ? forced : null;
    }
}
