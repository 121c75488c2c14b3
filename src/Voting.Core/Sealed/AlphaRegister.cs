using Voting.Core.Ballots;
using Voting.Core.Records;

namespace Voting.Core.Sealed;

/// <summary>
/// Every α of the sealed ballots admitted so far and the record holding it (sealed.md §6: a ciphertext may be cast
/// once; a copied ciphertext repeats its α). The server and the scrutineer's walk each keep one and ask it the same
/// question before admitting a sealed ballot.
/// </summary>
public sealed class AlphaRegister
{
    private readonly Dictionary<string, ulong> _alphas = new(StringComparer.Ordinal);

    /// <summary>Null when no α of the ballot is in the register, among those being admitted (reserved), or twice in the ballot itself.</summary>
    public RuleViolation? RepeatProblem(SealedBallot ballot, IReadOnlySet<string>? reserved = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in SealedBallots.AlphaKeys(ballot))
        {
            if (_alphas.TryGetValue(a, out var earlier)) return new(SealedBallots.Check, $"a sealed part repeats the alpha of a ciphertext in record {earlier}: a ciphertext may be cast once");
            if (reserved?.Contains(a) == true || !seen.Add(a)) return new(SealedBallots.Check, "a sealed part repeats the alpha of another part being cast: a ciphertext may be cast once");
        }
        return null;
    }

    public void Add(SealedBallot ballot, ulong at)
    {
        foreach (var a in SealedBallots.AlphaKeys(ballot)) _alphas.TryAdd(a, at);
    }
}
