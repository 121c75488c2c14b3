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

/// <summary>Hashes produced by the batch being committed and the frontier before it, in memory, over the table.</summary>
internal sealed class LayeredHashSource(IHashSource fallback) : IHashSource
{
    private readonly Dictionary<(int, ulong), byte[]> _known = [];

    public void Add(StoredHash h) => _known[(h.Level, h.Index)] = h.Hash;

    public byte[] Hash(int level, ulong index) =>
        _known.TryGetValue((level, index), out var h) ? h : fallback.Hash(level, index);
}
