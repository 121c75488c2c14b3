using Microsoft.Data.Sqlite;

namespace Voting.Testing;

/// <summary>What a database administrator without the log key can do to an election's SQLite log (log.md §11.1).</summary>
internal static class DatabaseAdministrator
{
    /// <summary>With the server stopped, delete every row past the checkpoint at size: what remains is a log the server really signed.</summary>
    public static void CutBack(string databasePath, ulong size)
    {
        using var c = new SqliteConnection($"Data Source={databasePath};Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        // A stored hash (level, idx) covers leaves [idx·2^level, (idx+1)·2^level): those reaching past size go.
        cmd.CommandText = """
            DELETE FROM records WHERE idx >= $n;
            DELETE FROM checkpoints WHERE size > $n;
            DELETE FROM hashes WHERE (idx + 1) << level > $n;
            """;
        cmd.Parameters.AddWithValue("$n", (long)size);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Flips the last byte of record i in place: a damaged log, not a consistent rewrite.</summary>
    public static void Damage(string databasePath, ulong i)
    {
        using var c = new SqliteConnection($"Data Source={databasePath};Pooling=false");
        c.Open();
        using var read = c.CreateCommand();
        read.CommandText = "SELECT data FROM records WHERE idx = $i";
        read.Parameters.AddWithValue("$i", (long)i);
        var data = (byte[])read.ExecuteScalar()!;
        data[^1] ^= 1;
        using var write = c.CreateCommand();
        write.CommandText = "UPDATE records SET data = $d WHERE idx = $i";
        write.Parameters.AddWithValue("$d", data);
        write.Parameters.AddWithValue("$i", (long)i);
        write.ExecuteNonQuery();
    }
}
