namespace Voting.Fuzz;

/// <summary>
/// One fuzz target: it makes an input from a seeded generator (valid inputs mutated, or built from their grammar)
/// and runs it through the code under test. The oracle is the target's: null when the outcome is one the
/// documentation allows (a result, a finding, a documented error), else what went wrong.
/// </summary>
public abstract class Target : IDisposable
{
    public abstract string Name { get; }

    /// <summary>Runs one input made from rng; null when the outcome is documented.</summary>
    public abstract Finding? One(Random rng);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>An exception a target did not expect: its type, message and where it was thrown.</summary>
    protected static Finding Crash(Exception e, string input) =>
        new("crash", $"{e.GetType().Name}: {e.Message} at {FirstFrame(e)}", input);

    private static string FirstFrame(Exception e) =>
        e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(no stack)";
}

/// <summary>What went wrong: "crash", "false-verified" or "hang"; a sentence; the input, shortened for printing.</summary>
public sealed record Finding(string Kind, string What, string Input)
{
    public override string ToString() => $"{Kind}: {What}\n    input: {Input}";
}
