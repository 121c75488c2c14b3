using Scrutineer.Verify;

namespace Scrutineer.Tests;

/// <summary>
/// A scrutineer's policy can pin the organisers (audit.md §5, check 11): the definition must name exactly the pinned
/// keys and at least the pinned threshold, so that one organiser allowed to create elections cannot define an election
/// with a key of its own beside the others, or threshold 1, unnoticed.
/// </summary>
public class OrganiserPinTests
{
    private static readonly LogBuilder Builder = new(voters: 3);
    private static readonly Lazy<ExportedLog> Log = new(Builder.Valid);

    private static CheckResult Check(string pins)
    {
        var baseline = Builder.Policy();
        var text = $"log {baseline.LogKey.ToVkey()}\n" + string.Concat(Builder.Witnesses.Select(w => $"witness {w.ToVkey()}\n")) + pins;
        return LogVerifier.Run(Log.Value, Policy.Parse(text, "pins.policy")).Results.Single(r => r.Name == "organiser.signature");
    }

    private static string OrganiserKey => Convert.ToBase64String(Builder.Election.Organiser.PublicKey);

    [Fact]
    public void TheOrganisersThePolicyPinsPass() =>
        Assert.Equal(Verdict.Pass, Check($"organiser {OrganiserKey}\norganiser-threshold 1\n").Verdict);

    [Fact]
    public void ADefinitionNamingOtherOrganisersThanThePolicyFailsAtRecordZero()
    {
        var r = Check($"organiser {Convert.ToBase64String(new byte[32])}\n");
        Assert.Equal(Verdict.Fail, r.Verdict);
        Assert.Equal(0UL, r.FailedAt);
        Assert.Contains("the policy pins", r.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void AThresholdBelowThePinnedOneFails()
    {
        var other = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        Assert.Throws<Voting.Core.VotingFormatException>(() => Check($"organiser {OrganiserKey}\norganiser-threshold 2\n"));
        var r = Check($"organiser-threshold 2\n");
        Assert.Equal(Verdict.Fail, r.Verdict);
        Assert.Contains("the definition's organiser threshold is 1; the policy requires at least 2", r.Evidence, StringComparison.Ordinal);
        Assert.Contains("organiser key named twice", Assert.Throws<Voting.Core.VotingFormatException>(() => Check($"organiser {other}\norganiser {other}\n")).Message, StringComparison.Ordinal);
    }
}
