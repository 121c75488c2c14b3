using System.Globalization;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Voting.Core;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;

namespace Voting.Storage;

/// <summary>
/// The election log on SQLite (log.md §11). Appends queue up and are sequenced in batches:
/// one transaction, one fsync and one checkpoint signature per batch. An append's task
/// completes only after its batch is durable, with its index, checkpoint and inclusion proof.
/// </summary>
public sealed class LogStore : IAsyncDisposable, IDisposable
{
    private readonly SqliteConnection _write;
    private readonly SqliteConnection _read;
    private readonly Lock _readLock = new();
    private readonly NoteSigner _logKey;
    private readonly LogStoreOptions _options;
    private readonly Channel<Pending> _queue;
    private readonly Task _sequencer;

    // Sequencer state; only the sequencer task writes it after Open returns.
    private Frontier _frontier;
    /// <summary>Every committed subtree hash in memory (64 bytes a record): receipts' inclusion proofs come from here, not from SQLite.</summary>
    private readonly MemoryTree _tree;
    private byte[] _lastLeafHash;
    private ulong _lastTimeMs;
    private volatile string _checkpoint;
    private TaskCompletionSource _nextCheckpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _size;

    private sealed record Pending(LogRecord Body, TaskCompletionSource<AppendResult> Done);

    public string Origin => _logKey.Name;
    public NoteVerifier LogKey => _logKey.Verifier;
    public ulong Size => (ulong)Interlocked.Read(ref _size);
    /// <summary>The latest published checkpoint (log-signed, and cosigned when witnesses are configured).</summary>
    public string LatestCheckpoint => _checkpoint;

    private LogStore(SqliteConnection write, SqliteConnection read, NoteSigner logKey, LogStoreOptions options,
        Frontier frontier, MemoryTree tree, byte[] lastLeafHash, ulong lastTimeMs, string checkpoint)
    {
        _tree = tree;
        _write = write;
        _read = read;
        _logKey = logKey;
        _options = options;
        _frontier = frontier;
        _lastLeafHash = lastLeafHash;
        _lastTimeMs = lastTimeMs;
        _checkpoint = checkpoint;
        _size = (long)frontier.Size;
        PublishedSize = frontier.Size;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.MaxQueued)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _sequencer = Task.Run(SequenceLoop);
    }

    /// <summary>
    /// Opens (or creates) the log at path. Reopening replays every stored record: canonical
    /// encoding, chain, and the rebuilt tree against the stored hashes and the latest signed checkpoint.
    /// </summary>
    public static LogStore Open(string path, NoteSigner logKey, LogStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        options ??= new LogStoreOptions();
        if (options.MaxBatch < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxBatch must be at least 1");
        var write = Schema.Connect(path);
        try
        {
            CheckOrRecordKey(write, logKey);
            var (frontier, tree, lastLeaf, lastTime) = Replay(write);
            var checkpoint = LoadOrCreateCheckpoint(write, logKey, frontier);
            var read = Schema.Connect(path);
            return new LogStore(write, read, logKey, options, frontier, tree, lastLeaf, lastTime, checkpoint);
        }
        catch
        {
            write.Dispose();
            throw;
        }
    }

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

    private static string SignCheckpoint(NoteSigner logKey, Frontier frontier) =>
        SignedNote.Sign(new Checkpoint(logKey.Name, frontier.Size, frontier.Root()).ToText(), logKey).Format();

    /// <summary>
    /// Queues a record body; the store assigns height, prev and sequenced_at_ms. Completes when
    /// the record is durable. A body that cannot be a record fails alone, before it is queued.
    /// The token only cancels waiting for queue space: once queued, the record is appended.
    /// </summary>
    public async Task<AppendResult> AppendAsync(LogRecord body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.BodyCase == LogRecord.BodyOneofCase.None) throw new VotingFormatException("a record needs a body");
        // One private copy: sized here with the largest chain fields the sequencer can give it, then sequenced as is.
        var record = body.Clone();
        record.Height = ulong.MaxValue;
        record.Prev = ByteString.CopyFrom(new byte[Rfc6962.HashSize]);
        record.SequencedAtMs = ulong.MaxValue;
        int worst = record.CalculateSize();
        if (worst > Canonical.MaxRecordBytes) throw new VotingFormatException($"record is {worst} bytes; the limit is {Canonical.MaxRecordBytes}");
        var pending = new Pending(record, new TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Done.Task.ConfigureAwait(false);
    }

    private async Task SequenceLoop()
    {
        var batch = new List<Pending>(_options.MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
            if (batch.Count == 0) continue;
            AppendResult[] results;
            try
            {
                results = CommitBatch(batch);
            }
            catch (Exception e)
            {
                foreach (var p in batch) p.Done.TrySetException(new IOException($"the batch holding this record was not stored: {e.Message}", e));
                continue;
            }
            try
            {
                var published = await Publish(results[0].CheckpointNote, results[0].CheckpointSize).ConfigureAwait(false);
                for (int i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i] with { CheckpointNote = published });
            }
            catch (Exception e)
            {
                // Durable but not published: the records wait for a later checkpoint that the witnesses cosign.
                PublicationProblem = e.Message;
                for (int i = 0; i < batch.Count; i++)
                    batch[i].Done.TrySetException(new CheckpointNotPublishedException($"record {results[i].Index} is stored but its checkpoint was not published: {e.Message}", results[i], e));
            }
        }
    }

    private AppendResult[] CommitBatch(List<Pending> batch)
    {
        var before = _frontier.Clone();
        var (lastLeaf, lastTime) = (_lastLeafHash, _lastTimeMs);
        var records = new byte[batch.Count][];
        var leaves = new byte[batch.Count][];
        ulong firstIndex = before.Size;
        string note;
        try
        {
            using var tx = _write.BeginTransaction();
            using var insRecord = _write.CreateCommand();
            insRecord.Transaction = tx;
            insRecord.CommandText = "INSERT INTO records (idx, data) VALUES ($i, $d)";
            var rIdx = insRecord.Parameters.Add("$i", SqliteType.Integer);
            var rData = insRecord.Parameters.Add("$d", SqliteType.Blob);
            using var insHash = _write.CreateCommand();
            insHash.Transaction = tx;
            insHash.CommandText = "INSERT INTO hashes (level, idx, hash) VALUES ($l, $i, $h)";
            var hLevel = insHash.Parameters.Add("$l", SqliteType.Integer);
            var hIdx = insHash.Parameters.Add("$i", SqliteType.Integer);
            var hHash = insHash.Parameters.Add("$h", SqliteType.Blob);

            ulong now = (ulong)Math.Max(0, _options.Clock.GetUtcNow().ToUnixTimeMilliseconds());
            for (int i = 0; i < batch.Count; i++)
            {
                var record = batch[i].Body; // the store's own copy, made in AppendAsync
                record.Height = _frontier.Size;
                record.Prev = record.Height == 0 ? ByteString.Empty : ByteString.CopyFrom(_lastLeafHash);
                record.SequencedAtMs = Math.Max(now, _lastTimeMs);
                var bytes = Canonical.Serialize(record);
                var leaf = Chain.LeafHash(bytes);
                rIdx.Value = (long)record.Height;
                rData.Value = bytes;
                insRecord.ExecuteNonQuery();
                foreach (var h in _frontier.Append(leaf))
                {
                    hLevel.Value = h.Level;
                    hIdx.Value = (long)h.Index;
                    hHash.Value = h.Hash;
                    insHash.ExecuteNonQuery();
                }
                records[i] = bytes;
                leaves[i] = leaf;
                _lastLeafHash = leaf;
                _lastTimeMs = record.SequencedAtMs;
            }
            note = SignCheckpoint(_logKey, _frontier);
            using var insCheckpoint = _write.CreateCommand();
            insCheckpoint.Transaction = tx;
            insCheckpoint.CommandText = "INSERT INTO checkpoints (size, note) VALUES ($s, $n)";
            insCheckpoint.Parameters.AddWithValue("$s", (long)_frontier.Size);
            insCheckpoint.Parameters.AddWithValue("$n", note);
            insCheckpoint.ExecuteNonQuery();
            tx.Commit();
        }
        catch
        {
            _frontier = before;
            (_lastLeafHash, _lastTimeMs) = (lastLeaf, lastTime);
            throw;
        }
        // Committed: only now does the in-memory tree take the batch, so a failed transaction leaves it as it was.
        foreach (var leaf in leaves) _tree.AppendLeafHash(leaf);
        ulong size = _frontier.Size;
        Interlocked.Exchange(ref _size, (long)size);
        var results = new AppendResult[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            ulong index = firstIndex + (ulong)i;
            results[i] = new AppendResult(index, records[i], leaves[i], note, size, _tree.InclusionProof(index, size));
        }
        return results;
    }

    /// <summary>Completes when the latest checkpoint is no longer `current` (at once if it already differs).</summary>
    public Task WaitForNewCheckpointAsync(string current, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _nextCheckpoint).Task;
        return _checkpoint != current ? Task.CompletedTask : next.WaitAsync(cancellationToken);
    }

    /// <summary>Cosigns (when witnesses are configured), stores and announces a batch's checkpoint.</summary>
    private async Task<string> Publish(string note, ulong size)
    {
        var published = note;
        if (_options.Cosigner is { } cosigner)
        {
            published = await cosigner.CosignAsync(note, size, ConsistencyProofBetween, CancellationToken.None).ConfigureAwait(false);
            using var update = _write.CreateCommand();
            update.CommandText = "UPDATE checkpoints SET note = $n WHERE size = $s";
            update.Parameters.AddWithValue("$n", published);
            update.Parameters.AddWithValue("$s", checked((long)size));
            update.ExecuteNonQuery();
        }
        PublishedSize = size;
        PublicationProblem = null;
        _checkpoint = published;
        Interlocked.Exchange(ref _nextCheckpoint, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return published;
    }

    /// <summary>Why the latest checkpoint was not published (the witnesses' refusals); null once one is.</summary>
    public string? PublicationProblem { get; private set; }

    /// <summary>The tree size of the latest published checkpoint; records beyond it have no receipt yet.</summary>
    public ulong PublishedSize { get; private set; }

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

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sequencer.ConfigureAwait(false);
        _write.Dispose();
        _read.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
