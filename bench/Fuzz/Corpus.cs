using Scrutineer.Tests;
using Scrutineer.Verify;
using Voting.Core;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;

namespace Voting.Fuzz;

/// <summary>The valid inputs mutations start from: one election log (LogBuilder's), its policy, a receipt for one of its ballots.</summary>
internal static class Corpus
{
    public static readonly LogBuilder Builder = new(voters: 12, every: 7);
    public static readonly ExportedLog Valid = Builder.Valid();
    public static readonly Policy Policy = Builder.Policy();
    public static readonly IReadOnlyList<LogRecord> Bodies = [.. Valid.Records.Select(r => Canonical.Parse(r))];
    /// <summary>The split election's log (an independent issuer, ballot styles, a dispute: log.md §7.2–§7.4, §10.1).</summary>
    public static readonly ExportedLog SplitValid = Builder.SplitValid();

    public static string PolicyText =>
        $"# trust\nlog {Builder.LogKey.ToVkey()}\n" + string.Concat(Builder.Witnesses.Select(w => $"witness {w.ToVkey()}\n")) + "quorum 2\nclose-tolerance 300\n";

    /// <summary>A receipt (log.md §8.7) for the record at index, against the latest checkpoint.</summary>
    public static Receipt ReceiptFor(int index)
    {
        var tree = new MemoryTree();
        foreach (var r in Valid.Records) tree.AppendLeafHash(Rfc6962.HashLeaf(r));
        return new Receipt((ulong)index, Valid.Records[index], InclusionProof.Generate((ulong)index, tree.Size, tree), Valid.LatestCheckpoint);
    }

    /// <summary>The signed text of a note, or null when it does not parse.</summary>
    public static string? SignedText(string note)
    {
        try { return SignedNote.Parse(note).Text; }
        catch (VotingFormatException) { return null; }
    }

    /// <summary>
    /// The test of a false VERIFIED for mutations made without the keys: the mutant's records are not the original's
    /// byte for byte, or one of its checkpoints is at a size or with a signed text the original does not have. Dropped
    /// checkpoints and dropped or garbled signatures by keys the policy does not name change neither, and may verify.
    /// </summary>
    public static bool Differs(IReadOnlyList<byte[]> records, IReadOnlyDictionary<ulong, string> checkpoints) => Differs(Valid, records, checkpoints);

    /// <summary>Differs, against another original log.</summary>
    public static bool Differs(ExportedLog original, IReadOnlyList<byte[]> records, IReadOnlyDictionary<ulong, string> checkpoints) =>
        records.Count != original.Records.Count
        || records.Where((r, i) => !r.AsSpan().SequenceEqual(original.Records[i])).Any()
        || checkpoints.Any(kv => !original.Checkpoints.TryGetValue(kv.Key, out var o) || SignedText(kv.Value) != SignedText(o));
}
