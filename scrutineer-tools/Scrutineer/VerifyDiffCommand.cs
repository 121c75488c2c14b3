using System.CommandLine;
using Scrutineer.Verify;
using Voting.Core;
using Voting.Core.Merkle;
using Voting.Core.Notes;

namespace Scrutineer;

/// <summary>scrutineer verify-diff OLD NEW: OLD's signed tree is a prefix of NEW's (RFC 6962 consistency), then NEW verifies in full.</summary>
internal static class VerifyDiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var policy = new Option<FileInfo?>("--policy") { Description = "the keys to trust (as for verify); default: NEW's keys file" };
        var json = new Option<bool>("--json") { Description = "print NEW's checks as JSON" };
        var oldDir = new Argument<DirectoryInfo>("OLD") { Description = "an earlier export of the same log" };
        var newDir = new Argument<DirectoryInfo>("NEW") { Description = "a later export" };
        var cmd = new Command("verify-diff", """
            Check that OLD is a prefix of NEW (nothing rewritten, nothing removed), then run every check on NEW.
            example: scrutineer verify-diff --policy election.policy ./log-monday ./log-friday
            """) { policy, json, oldDir, newDir };
        cmd.SetAction(parse =>
        {
            ExportedLog older, newer;
            Policy trust;
            try
            {
                older = ExportedLog.Read(parse.GetValue(oldDir)!.FullName);
                newer = ExportedLog.Read(parse.GetValue(newDir)!.FullName);
                trust = Policy.Load(parse.GetValue(policy), newer);
            }
            catch (Exception e) when (e is IOException or VotingFormatException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"scrutineer: error: {e.Message}");
                stderr.WriteLine("hint: OLD and NEW must both be exported logs (docs/spec/export.md)");
                return 2;
            }
            if (Prefix(older, newer, trust) is { } problem)
            {
                stdout.WriteLine("FAIL    checkpoint.consistency (OLD → NEW): " + problem);
                stdout.WriteLine("OLD's latest checkpoint, as signed:");
                stdout.Write(older.LatestCheckpoint);
                stdout.WriteLine("NEW's latest checkpoint, as signed:");
                stdout.Write(newer.LatestCheckpoint);
                stderr.WriteLine($"scrutineer: error: OLD is not a prefix of NEW: {problem}");
                return 1;
            }
            if (!parse.GetValue(json)) stdout.WriteLine($"PASS    checkpoint.consistency (OLD → NEW): OLD's {Size(older)} records are a prefix of NEW's {Size(newer)}");
            return VerifyCommand.Report(LogVerifier.Run(newer, trust), trust, newer, parse.GetValue(json), stdout, stderr);
        });
        return cmd;
    }

    private static ulong Size(ExportedLog log) => Checkpoint.ParseText(SignedNote.Parse(log.LatestCheckpoint).Text).Size;

    /// <summary>Null when OLD's signed checkpoint is consistent with NEW's and NEW's records re-derive both roots; else what is wrong.</summary>
    private static string? Prefix(ExportedLog older, ExportedLog newer, Policy trust)
    {
        Checkpoint a, b;
        try
        {
            (a, _, _) = Checkpoint.ParseAndVerify(older.LatestCheckpoint, trust.LogKey);
            (b, _, _) = Checkpoint.ParseAndVerify(newer.LatestCheckpoint, trust.LogKey);
        }
        catch (Exception e) when (e is VotingFormatException or NoteVerificationException) { return e.Message; }
        if (a.Origin != b.Origin) return $"different logs: {a.Origin} and {b.Origin}";
        if (a.Size > b.Size) return $"OLD has {a.Size} records, NEW only {b.Size}";
        if (a.Size == 0) return null;
        var tree = new MemoryTree();
        foreach (var r in newer.Records) tree.AppendLeaf(r);
        if (tree.Size < b.Size) return $"NEW's checkpoint covers {b.Size} records but NEW holds {tree.Size}";
        if (!tree.RootAt(b.Size).AsSpan().SequenceEqual(b.Root)) return "NEW's records do not give NEW's checkpoint root";
        var proof = tree.ConsistencyProof(a.Size, b.Size);
        return ConsistencyProof.Verify(a.Size, b.Size, a.Root, b.Root, proof)
            ? null
            : $"the tree of size {a.Size} signed in OLD is not the first {a.Size} records of NEW";
    }
}
