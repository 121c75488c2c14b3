using Scrutineer.Trustees;
using Voting.Synthetic;

namespace Scrutineer.Tests;

/// <summary>A trustee acts only on a definition of its own election that the shared rules accept, never on the server's word alone.</summary>
public class TrusteeDefinitionTests
{
    private static readonly TrusteeElection E = new(new SyntheticElection(3, "trustee-definition"));

    [Fact]
    public void ATrusteeRefusesADefinitionTheRulesRefuseOrOfAnotherElection()
    {
        Assert.Null(TrusteeCommand.DefinitionProblem(E.Definition, "trustee-definition"));
        Assert.Contains("another election", TrusteeCommand.DefinitionProblem(E.Definition, "other-election"), StringComparison.Ordinal);
        var alone = E.Definition.Clone();
        alone.TrusteeThreshold = 1; // f constant: every sealed share would be the trustee's secret a_0
        Assert.Contains("no one trustee may decrypt alone", TrusteeCommand.DefinitionProblem(alone, "trustee-definition"), StringComparison.Ordinal);
    }
}
