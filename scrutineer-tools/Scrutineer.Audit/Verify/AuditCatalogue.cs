namespace Scrutineer.Verify;

/// <summary>One audit check: its number and name in docs/spec/audit.md, the section it belongs to, and plain words for members who will never read the spec.</summary>
public sealed record AuditCheck(int Number, string Name, int Section, string Plain);

/// <summary>
/// The audit checks of docs/spec/audit.md, in order (issue 13 item 3): the one list verify runs and prints, the
/// report explains, and a test pins to the document (numbers, names and sections).
/// </summary>
public static class AuditCatalogue
{
    public static readonly IReadOnlyList<AuditCheck> Checks =
    [
        new(1, "record.canonical", 1, "Every record in the log is well formed and has exactly one meaning."),
        new(2, "chain.height", 1, "Records are numbered 0, 1, 2, … with none missing or repeated."),
        new(3, "chain.prev", 1, "Each record is chained to the one before it, so none can be removed or reordered unnoticed."),
        new(4, "chain.time", 1, "The time the server gave each record never goes backwards."),
        new(5, "merkle.root", 1, "Every published fingerprint of the log (checkpoint) matches the records."),
        new(6, "checkpoint.signature", 1, "Every checkpoint carries the log's signature."),
        new(7, "checkpoint.consistency", 1, "Each checkpoint only adds to the one before: nothing published was later rewritten."),
        new(8, "checkpoint.witnesses", 1, "Enough independent witnesses countersigned the final checkpoint."),
        new(9, "election.first", 2, "The log starts with the election's definition and holds only one."),
        new(10, "election.well-formed", 2, "The definition (contests, candidates, rules, schedule) is valid."),
        new(11, "organiser.signature", 2, "Every organiser act (definition, roll, open, close, declaration) is signed by enough organiser keys."),
        new(12, "roll.committed-before-open", 2, "The voter roll was published and sealed before voting opened."),
        new(13, "roll.distinct", 2, "No one appears twice on the roll."),
        new(14, "enrollment.distinct-entry", 2, "Each roll entry was used to enrol at most once."),
        new(15, "enrollment.signature", 2, "Each enrolment is signed by its roll entry and by the new voting key."),
        new(16, "open.once", 2, "Voting was opened once."),
        new(17, "ballot.election-id", 3, "Every ballot names this election (no ballots copied from another)."),
        new(18, "ballot.form", 3, "Every ballot is complete and in the right form."),
        new(19, "ballot.content", 3, "Every ballot is valid for its contests (no duplicate rankings, no unknown candidates, not too many marks)."),
        new(20, "ballot.signature", 3, "Every ballot is signed by the voter's own key."),
        new(21, "ballot.on-roll", 3, "Every ballot comes from a key on the sealed roll."),
        new(22, "ballot.in-window", 3, "Every ballot arrived between Open and Close."),
        new(23, "ballot.revote", 3, "Each voter's ballot is counted once, under the election's revote rule."),
        new(24, "close.once", 3, "Voting was closed once."),
        new(25, "after-close.permitted", 3, "Nothing but the lot seeds' reveals, disputes, the roll audit and then the declaration was added after Close."),
        new(26, "time.witness-bounds", 4, "Witness clocks confirm when records existed: no ballot was back-dated, and Close came on time."),
        new(27, "count.recount", 4, "Every contest was recounted from the ballots by this tool."),
        new(28, "count.matches-declaration", 4, "The declared result is exactly the recount."),
        new(29, "lot.reveal", 4, "Every independent party's share of the seed for lots was revealed after voting closed and matches what it committed to before voting."),
        new(30, "roll.attested", 6, "The independent issuer, who gave every member the second half of their code, signed that the sealed roll is the one it issued, before voting opened."),
        new(31, "enrollment.both-halves", 6, "Every enrolment used both halves of a member's code: the office's and the independent issuer's."),
        new(32, "ballot.style", 6, "Every ballot marks only the contests its voter may vote in (their region's and the national ones)."),
        new(33, "dispute.valid", 6, "Every dispute of a ballot cast in a member's name was signed with both halves of that member's code, in the window after voting, and its ballot was set aside."),
        new(34, "roll.audit", 6, "The independent issuer checked a random sample of the roll with the members themselves, drawn from a seed it committed to before the roll existed, and found no one who is not a member."),
        new(35, "trustees.key", 7, "The trustees made the key ballots are sealed to before voting opened, together, so that no one of them (nor fewer than the threshold) can read a ballot; each proved its part and confirmed the key."),
        new(36, "ballot.sealed", 7, "Every ballot is sealed to the trustees' key, with a proof that its maker knows what is inside (so no one could copy another member's sealed vote), and no sealed vote was cast twice."),
    ];

    private static readonly Dictionary<string, AuditCheck> ByName = Checks.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static AuditCheck Of(string name) => ByName[name];
}
