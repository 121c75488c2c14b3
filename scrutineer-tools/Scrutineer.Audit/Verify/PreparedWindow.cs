using Voting.Core;
using Voting.Core.Merkle;
using Voting.Core.Records;

namespace Scrutineer.Verify;

/// <summary>
/// A window of records made ready for the ordered checks: leaf hashes, parsed records (or why not), and each
/// ballot's signature verdict. Every record is prepared independently of the others, so the work is split across
/// cores (WindowPreparer); LogVerifier then applies the window in log order.
/// </summary>
/// <remarks>
/// Given the election's definition (fixed by record 0, so known for every window after the first few), each ballot's
/// form and content verdict is reached here too, and given the committed roll, each enrollment's two signatures;
/// ElectionWalk then only applies the verdicts. The leaf hashes are packed into
/// one array, 32 bytes apiece: one allocation per window, not per record.
/// </remarks>
internal sealed class PreparedWindow(List<byte[]> window, ElectionDefinition? definition, Func<RollEntries?> committedRoll, Func<Voting.Core.Group.Point?> electionKey)
{
    private readonly byte[] _leaves = new byte[window.Count * Rfc6962.HashSize];

    public int Count => window.Count;
    public LogRecord?[] Records { get; } = new LogRecord?[window.Count];
    public string?[] Errors { get; } = new string?[window.Count];
    public BallotVerdict[] Ballots { get; } = new BallotVerdict[window.Count];
    public EnrollmentVerdict[] Enrollments { get; } = new EnrollmentVerdict[window.Count];

    public ReadOnlySpan<byte> Leaf(int i) => _leaves.AsSpan(i * Rfc6962.HashSize, Rfc6962.HashSize);

    /// <summary>Prepares record i; safe to run for different records on different threads at once.</summary>
    public void Prepare(int i)
    {
        var bytes = window[i];
        Rfc6962.HashLeaf(bytes, _leaves.AsSpan(i * Rfc6962.HashSize, Rfc6962.HashSize));
        try { Records[i] = Canonical.Parse(bytes); }
        catch (VotingFormatException e) { Errors[i] = e.Message; }
        if (Records[i] is { BodyCase: LogRecord.BodyOneofCase.Ballot } b) Ballots[i] = BallotVerdict.Of(bytes, b.Ballot, definition, electionKey());
        else if (Records[i] is { BodyCase: LogRecord.BodyOneofCase.Enrollment } e) Enrollments[i] = EnrollmentVerdict.Of(e.Enrollment, committedRoll(), definition);
    }
}
