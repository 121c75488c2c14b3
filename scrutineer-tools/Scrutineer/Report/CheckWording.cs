namespace Scrutineer.Report;

/// <summary>Each check of docs/spec/audit.md in plain words, for members who will never read the spec.</summary>
internal static class CheckWording
{
    public static readonly IReadOnlyDictionary<string, string> Plain = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["record.canonical"] = "Every record in the log is well formed and has exactly one meaning.",
        ["chain.height"] = "Records are numbered 0, 1, 2, … with none missing or repeated.",
        ["chain.prev"] = "Each record is chained to the one before it, so none can be removed or reordered unnoticed.",
        ["chain.time"] = "The time the server gave each record never goes backwards.",
        ["merkle.root"] = "Every published fingerprint of the log (checkpoint) matches the records.",
        ["checkpoint.signature"] = "Every checkpoint carries the log's signature.",
        ["checkpoint.consistency"] = "Each checkpoint only adds to the one before: nothing published was later rewritten.",
        ["checkpoint.witnesses"] = "Enough independent witnesses countersigned the final checkpoint.",
        ["election.first"] = "The log starts with the election's definition and holds only one.",
        ["election.well-formed"] = "The definition (contests, candidates, rules, schedule) is valid.",
        ["organiser.signature"] = "Every organiser act (definition, roll, open, close, declaration) is signed by enough organiser keys.",
        ["roll.committed-before-open"] = "The voter roll was published and sealed before voting opened.",
        ["roll.distinct"] = "No one appears twice on the roll.",
        ["enrollment.distinct-entry"] = "Each roll entry was used to enrol at most once.",
        ["enrollment.signature"] = "Each enrolment is signed by its roll entry and by the new voting key.",
        ["open.once"] = "Voting was opened once.",
        ["ballot.election-id"] = "Every ballot names this election (no ballots copied from another).",
        ["ballot.form"] = "Every ballot is complete and in the right form.",
        ["ballot.content"] = "Every ballot is valid for its contests (no duplicate rankings, no unknown candidates, not too many marks).",
        ["ballot.signature"] = "Every ballot is signed by the voter's own key.",
        ["ballot.on-roll"] = "Every ballot comes from a key on the sealed roll.",
        ["ballot.in-window"] = "Every ballot arrived between Open and Close.",
        ["ballot.revote"] = "Each voter's ballot is counted once, under the election's revote rule.",
        ["close.once"] = "Voting was closed once.",
        ["after-close.permitted"] = "Nothing but the declaration was added after Close.",
        ["time.witness-bounds"] = "Witness clocks confirm when records existed: no ballot was back-dated, and Close came on time.",
        ["count.recount"] = "Every contest was recounted from the ballots by this tool.",
        ["count.matches-declaration"] = "The declared result is exactly the recount.",
    };
}
