using System.Globalization;
using Microsoft.Data.Sqlite;
using Voting.Core.Merkle;

namespace Voting.Storage;

/// <summary>
/// Reads a stored log on its own connection, one query at a time, while the sequencer writes on another: records,
/// stored checkpoints, tiles' hashes and proofs, never past the committed size.
/// </summary>
internal sealed class LogReader(SqliteConnection read, Func<ulong> size) : IDisposable
{
    private readonly SqliteConnection _read = read;
    private readonly Lock _readLock = new();

    private ulong Size => size();

    public byte[] ReadRecord(ulong index)
    {
        lock (_readLock)
        {
            using var cmd = _read.CreateCommand();
            cmd.CommandText = "SELECT data FROM records WHERE idx = $i";
            cmd.Parameters.AddWithValue("$i", checked((long)index));
            return cmd.ExecuteScalar() as byte[] ?? throw new ArgumentOutOfRangeException(nameof(index), $"no record {index}; the log has {Size}");
        }
    }

    /// <summary>Records [start, end) in order.</summary>
    public List<byte[]> ReadRecords(ulong start, ulong end)
    {
        var list = new List<byte[]>();
        lock (_readLock)
        {
            using var cmd = _read.CreateCommand();
            cmd.CommandText = "SELECT data FROM records WHERE idx >= $s AND idx < $e ORDER BY idx";
            cmd.Parameters.AddWithValue("$s", checked((long)start));
            cmd.Parameters.AddWithValue("$e", checked((long)end));
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add((byte[])r.GetValue(0));
        }
        return list;
    }

    /// <summary>The signed checkpoint stored at exactly this size, or null.</summary>
    public string? CheckpointAt(ulong size)
    {
        if (size > Size) return null; // no such checkpoint, and beyond what SQLite's signed integers hold
        lock (_readLock)
        {
            using var cmd = _read.CreateCommand();
            cmd.CommandText = "SELECT note FROM checkpoints WHERE size = $s";
            cmd.Parameters.AddWithValue("$s", checked((long)size));
            return cmd.ExecuteScalar() as string;
        }
    }

    /// <summary>Every stored checkpoint size, ascending.</summary>
    public List<ulong> CheckpointSizes()
    {
        var sizes = new List<ulong>();
        lock (_readLock)
        {
            using var cmd = _read.CreateCommand();
            cmd.CommandText = "SELECT size FROM checkpoints ORDER BY size";
            using var r = cmd.ExecuteReader();
            while (r.Read()) sizes.Add((ulong)r.GetInt64(0));
        }
        return sizes;
    }

    public byte[][] InclusionProofAt(ulong index, ulong size) => WithHashes(src =>
    {
        RequireSize(size);
        return InclusionProof.Generate(index, size, src);
    });

    public byte[][] ConsistencyProofBetween(ulong size1, ulong size2) => WithHashes(src =>
    {
        RequireSize(size2);
        return ConsistencyProof.Generate(size1, size2, src);
    });

    public byte[] RootAt(ulong size) => WithHashes(src =>
    {
        RequireSize(size);
        return TreeMath.Root(size, src);
    });

    /// <summary>Hashes of stored complete subtrees [start, end) at one level, ascending: a tile's contents.</summary>
    public List<byte[]> HashRange(int level, ulong start, ulong end)
    {
        var list = new List<byte[]>();
        lock (_readLock)
        {
            using var cmd = _read.CreateCommand();
            cmd.CommandText = "SELECT hash FROM hashes WHERE level = $l AND idx >= $s AND idx < $e ORDER BY idx";
            cmd.Parameters.AddWithValue("$l", level);
            cmd.Parameters.AddWithValue("$s", checked((long)start));
            cmd.Parameters.AddWithValue("$e", checked((long)end));
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add((byte[])r.GetValue(0));
        }
        return list;
    }

    private void RequireSize(ulong size)
    {
        if (size > Size) throw new ArgumentOutOfRangeException(nameof(size), $"the log has {Size.ToString(CultureInfo.InvariantCulture)} records, not {size.ToString(CultureInfo.InvariantCulture)}");
    }

    private T WithHashes<T>(Func<IHashSource, T> f)
    {
        lock (_readLock)
        {
            using var src = new SqliteHashSource(_read);
            return f(src);
        }
    }

    public void Dispose() => _read.Dispose();
}
