using Microsoft.Data.Sqlite;
using Voting.Core.Merkle;

namespace Voting.Storage;

/// <summary>Complete-subtree hashes read from the hashes table: one indexed read per lookup.</summary>
internal sealed class SqliteHashSource : IHashSource, IDisposable
{
    private readonly SqliteCommand _cmd;
    private readonly SqliteParameter _level, _idx;

    public SqliteHashSource(SqliteConnection connection)
    {
        _cmd = connection.CreateCommand();
        _cmd.CommandText = "SELECT hash FROM hashes WHERE level = $l AND idx = $i";
        _level = _cmd.Parameters.Add("$l", SqliteType.Integer);
        _idx = _cmd.Parameters.Add("$i", SqliteType.Integer);
    }

    public byte[] Hash(int level, ulong index)
    {
        _level.Value = level;
        _idx.Value = checked((long)index);
        return _cmd.ExecuteScalar() as byte[] ?? throw new LogCorruptException($"stored hash ({level}, {index}) is missing");
    }

    public void Dispose() => _cmd.Dispose();
}
