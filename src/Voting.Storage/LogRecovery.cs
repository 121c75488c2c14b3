using Microsoft.Data.Sqlite;
using Voting.Core;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;

namespace Voting.Storage;

/// <summary>What reopening a stored log rebuilt: the frontier and the tree of every stored record, the chain's tail, and the latest checkpoint.</summary>
internal sealed record RecoveredLog(Frontier Frontier, MemoryTree Tree, byte[] LastLeafHash, ulong LastTimeMs, string Checkpoint);

/// <summary>
/// Reopening a log (log.md §11): the log key must be the one it was created with, every stored record is replayed —
/// canonical encoding, chain, and the rebuilt tree against the stored hashes and the latest signed checkpoint — so
/// a store altered behind the server's back is refused, not served.
/// </summary>
internal static class LogRecovery
{
    public static RecoveredLog Recover(SqliteConnection c, NoteSigner logKey)
    {
        CheckOrRecordKey(c, logKey);
        var (frontier, tree, lastLeaf, lastTime) = Replay(c);
        return new RecoveredLog(frontier, tree, lastLeaf, lastTime, LoadOrCreateCheckpoint(c, logKey, frontier));
    }

    public static string SignCheckpoint(NoteSigner logKey, Frontier frontier) =>
        SignedNote.Sign(new Checkpoint(logKey.Name, frontier.Size, frontier.Root()).ToText(), logKey).Format();

    private static void CheckOrRecordKey(SqliteConnection c, NoteSigner logKey)
    {
        using var get = c.CreateCommand();
        get.CommandText = "SELECT value FROM meta WHERE key = 'vkey'";
        var stored = get.ExecuteScalar() as string;
        if (stored is null)
        {
            using var put = c.CreateCommand();
            put.CommandText = "INSERT INTO meta (key, value) VALUES ('vkey', $v)";
            put.Parameters.AddWithValue("$v", logKey.ToVkey());
            put.ExecuteNonQuery();
        }
        else if (stored != logKey.ToVkey())
        {
            throw new LogCorruptException($"this log was created with key {stored}, not {logKey.ToVkey()}");
        }
    }

    private static (Frontier, MemoryTree, byte[], ulong) Replay(SqliteConnection c)
    {
        var frontier = new Frontier();
        var tree = new MemoryTree();
        var leaves = new List<byte[]>();
        byte[] last = [];
        ulong lastTime = 0;
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT idx, data FROM records ORDER BY idx";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                ulong idx = (ulong)r.GetInt64(0);
                if (idx != frontier.Size) throw new LogCorruptException($"record {frontier.Size} is missing (next stored is {idx})");
                var bytes = (byte[])r.GetValue(1);
                LogRecord record;
                try { record = Canonical.Parse(bytes); }
                catch (VotingFormatException e) { throw new LogCorruptException($"record {idx}: {e.Message}", e); }
                var chain = Chain.Check(record, idx, last, lastTime);
                if (chain is not null) throw new LogCorruptException($"record {idx}: {chain}");
                last = Chain.LeafHash(bytes);
                lastTime = record.SequencedAtMs;
                frontier.Append(last);
                tree.AppendLeafHash(last);
                leaves.Add(last);
            }
        }
        VerifyStoredHashes(c, leaves);
        return (frontier, tree, last, lastTime);
    }

    /// <summary>
    /// Every stored complete-subtree hash must be the one the stored records imply, level by
    /// level: proofs are served from these rows, so a silently altered row would mislead voters.
    /// </summary>
    private static void VerifyStoredHashes(SqliteConnection c, List<byte[]> leaves)
    {
        var expected = leaves;
        for (int level = 0; expected.Count > 0; level++)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT idx, hash FROM hashes WHERE level = $l ORDER BY idx";
            cmd.Parameters.AddWithValue("$l", level);
            using var r = cmd.ExecuteReader();
            int i = 0;
            while (r.Read())
            {
                if (i >= expected.Count || r.GetInt64(0) != i)
                    throw new LogCorruptException($"stored hash ({level}, {r.GetInt64(0)}) does not belong to a log of {leaves.Count} records");
                if (!((byte[])r.GetValue(1)).AsSpan().SequenceEqual(expected[i]))
                    throw new LogCorruptException($"stored hash ({level}, {i}) disagrees with the stored records");
                i++;
            }
            if (i != expected.Count) throw new LogCorruptException($"stored hash ({level}, {i}) is missing");
            var next = new List<byte[]>(expected.Count / 2);
            for (int j = 0; j + 1 < expected.Count; j += 2) next.Add(Rfc6962.HashChildren(expected[j], expected[j + 1]));
            expected = next;
        }
    }

    private static string LoadOrCreateCheckpoint(SqliteConnection c, NoteSigner logKey, Frontier frontier)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1";
        using (var r = cmd.ExecuteReader())
        {
            if (r.Read())
            {
                ulong size = (ulong)r.GetInt64(0);
                var note = r.GetString(1);
                if (size != frontier.Size) throw new LogCorruptException($"latest checkpoint is at size {size} but {frontier.Size} records are stored");
                Checkpoint cp;
                try { (cp, _, _) = Checkpoint.ParseAndVerify(note, logKey.Verifier); }
                catch (Exception e) when (e is VotingFormatException or NoteVerificationException)
                {
                    throw new LogCorruptException($"latest checkpoint does not verify: {e.Message}", e);
                }
                if (cp.Size != size || !cp.Root.AsSpan().SequenceEqual(frontier.Root()))
                    throw new LogCorruptException($"latest checkpoint root does not match the tree of the stored records at size {size}");
                return note;
            }
        }
        if (frontier.Size != 0) throw new LogCorruptException($"{frontier.Size} records are stored but no checkpoint");
        var empty = SignCheckpoint(logKey, frontier);
        using var put = c.CreateCommand();
        put.CommandText = "INSERT INTO checkpoints (size, note) VALUES (0, $n)";
        put.Parameters.AddWithValue("$n", empty);
        put.ExecuteNonQuery();
        return empty;
    }
}
