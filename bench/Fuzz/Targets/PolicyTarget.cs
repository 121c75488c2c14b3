using Voting.Core.Notes;
using Scrutineer.Verify;
using Voting.Core;

namespace Voting.Fuzz.Targets;

/// <summary>
/// Policy files (audit.md §5; `--policy`): the builder's policy with lines dropped, repeated, swapped and tokens
/// replaced by boundary numbers, and bytes garbled. Oracle: Policy.Parse gives a policy or a VotingFormatException
/// (what verify and report print as one line, exit 2); a parsed policy's quorum and tolerance are in range.
/// </summary>
internal sealed class PolicyTarget : Target
{
    public override string Name => "policy";

    public override Finding? One(Random rng)
    {
        var text = Mutate.Lines(Corpus.PolicyText, rng);
        try
        {
            var p = Policy.Parse(text, "fuzz.policy");
            if (p.Quorum < 0 || p.Quorum > p.Witnesses.Count || p.CloseToleranceSeconds is < 0 or > PolicyFile.MaxCloseToleranceSeconds)
                return new Finding("crash", $"a policy out of range was accepted: quorum {p.Quorum} of {p.Witnesses.Count}, tolerance {p.CloseToleranceSeconds}", Mutate.Show(text));
            return null;
        }
        catch (VotingFormatException) { return null; }
        catch (Exception e) { return Crash(e, Mutate.Show(text)); }
    }
}
