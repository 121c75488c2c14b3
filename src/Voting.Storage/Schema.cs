using Microsoft.Data.Sqlite;

namespace Voting.Storage;

/// <summary>The SQLite tables. Records and complete-subtree hashes are write-once rows (log.md §11).</summary>
internal static class Schema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS records (idx INTEGER PRIMARY KEY, data BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS hashes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
        """;

    public static SqliteConnection Connect(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        Exec(c, "PRAGMA journal_mode=WAL;");
        // FULL: a commit returns only after the WAL is fsynced, so an acknowledged append survives power loss.
        Exec(c, "PRAGMA synchronous=FULL;");
        Exec(c, "PRAGMA busy_timeout=5000;");
        Exec(c, Create);
        return c;
    }

    public static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
