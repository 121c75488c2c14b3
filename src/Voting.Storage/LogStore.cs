using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Voting.Core;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;

namespace Voting.Storage;

/// <summary>
/// The election log on SQLite (log.md §11): the sequencer. Appends queue up and are sequenced in batches — one
/// transaction, one fsync and one checkpoint signature per batch — and an append's task completes only after its
/// batch is durable and published, with its index, checkpoint and inclusion proof. Reopening is LogRecovery's job,
/// reading LogReader's, cosigning and announcing checkpoints CheckpointPublisher's, refusing a database that lost
/// records known outside it RollbackGuard's (log.md §11.1); this class holds them together.
/// </summary>
public sealed class LogStore : IAsyncDisposable, IDisposable
{
    private readonly SqliteConnection _write;
    private readonly NoteSigner _logKey;
    private readonly LogStoreOptions _options;
    private readonly Channel<Pending> _queue;
    private readonly Task _sequencer;
    private readonly LogReader _reader;
    private readonly CheckpointPublisher _publisher;
    private readonly HighWaterMark? _mark;
    private readonly RollbackGuard _guard;

    // Sequencer state; only the sequencer task writes it after Open returns.
    private Frontier _frontier;
    /// <summary>Every committed subtree hash in memory (64 bytes a record): receipts' inclusion proofs come from here, not from SQLite.</summary>
    private readonly MemoryTree _tree;
    private byte[] _lastLeafHash;
    private ulong _lastTimeMs;
    private long _size;

    private sealed record Pending(LogRecord Body, TaskCompletionSource<AppendResult> Done);

    public string Origin => _logKey.Name;
    public NoteVerifier LogKey => _logKey.Verifier;
    public ulong Size => (ulong)Interlocked.Read(ref _size);
    /// <summary>The latest published checkpoint (log-signed, and cosigned when witnesses are configured).</summary>
    public string LatestCheckpoint => _publisher.Latest;
    /// <summary>Why the latest checkpoint was not published (the witnesses' refusals); null once one is.</summary>
    public string? PublicationProblem => _publisher.PublicationProblem;
    /// <summary>The tree size of the latest published checkpoint; records beyond it have no receipt yet.</summary>
    public ulong PublishedSize => _publisher.PublishedSize;
    /// <summary>Why appends are refused — the database has lost records known outside it (log.md §11.1); null while none are.</summary>
    public string? Refusal => _guard.Refusal;
    /// <summary>Set when a log with records opened without a readable high-water mark, and was marked afresh at its size: why.</summary>
    public string? MarkNotice { get; }

    private LogStore(SqliteConnection write, SqliteConnection read, NoteSigner logKey, LogStoreOptions options, RecoveredLog recovered, HighWaterMark? mark)
    {
        _write = write;
        _logKey = logKey;
        _options = options;
        _tree = recovered.Tree;
        _frontier = recovered.Frontier;
        _lastLeafHash = recovered.LastLeafHash;
        _lastTimeMs = recovered.LastTimeMs;
        _size = (long)recovered.Frontier.Size;
        _reader = new LogReader(read, () => Size);
        _mark = mark;
        // The opened tree's checkpoint as the log alone signs it (the stored one may carry cosignatures): what is marked and shown to the witnesses.
        var opened = LogRecovery.SignCheckpoint(logKey, recovered.Frontier);
        var markEvidence = mark is null ? null : RollbackGuard.AgainstMark(mark, recovered);
        if (mark is not null && markEvidence is null)
        {
            if (mark.Latest is null && recovered.Frontier.Size > 0)
                MarkNotice = $"{(mark.Unreadable ? "its high-water mark is unreadable" : "it had no high-water mark")}; marked now at size {recovered.Frontier.Size}, so a rollback before this start goes unseen by the server";
            // From here the opened checkpoint is served, so it is marked before anything can read it.
            mark.Record(opened, recovered.Frontier.Size);
        }
        ulong openedSize = recovered.Frontier.Size;
        // A store its mark already refuses is not shown to the witnesses: one that never saw this log would cosign it,
        // and could then refuse the restored log as inconsistent with a tree the log disowns.
        _guard = new RollbackGuard(markEvidence, options.Cosigner is { } cosigner && markEvidence is null
            ? () => cosigner.CosignAsync(opened, openedSize, ConsistencyProofBetween, CancellationToken.None)
            : null);
        _publisher = new CheckpointPublisher(write, options.Cosigner, ConsistencyProofBetween, recovered.Checkpoint, recovered.Frontier.Size, mark);
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.MaxQueued)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _sequencer = Task.Run(SequenceLoop);
    }

    /// <summary>Opens (or creates) the log at path, replaying every stored record first (LogRecovery).</summary>
    public static LogStore Open(string path, NoteSigner logKey, LogStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        options ??= new LogStoreOptions();
        if (options.MaxBatch < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxBatch must be at least 1");
        // A new log is its owner's alone: made empty with mode 0600 before SQLite opens it, which then gives its -wal
        // and -shm files the same mode. SQLite itself would create it 0644, readable by anyone on the machine.
        if (!OperatingSystem.IsWindows() && !File.Exists(path))
            new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }).Dispose();
        var write = Schema.Connect(path);
        HighWaterMark? mark = null;
        SqliteConnection? read = null;
        try
        {
            var recovered = LogRecovery.Recover(write, logKey);
            mark = options.HighWater?.Open(logKey.Verifier);
            read = Schema.Connect(path);
            return new LogStore(write, read, logKey, options, recovered, mark);
        }
        catch
        {
            read?.Dispose();
            mark?.Dispose();
            write.Dispose();
            throw;
        }
    }

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
        var record = WithLargestChainFields(body);
        if (SizeProblemOf(record) is { } tooLarge) throw new VotingFormatException(tooLarge);
        // The services refuse such bodies (errors.md G2); stored, one would make this log fail to reopen.
        if (Canonical.HasUnknownFields(record)) throw new VotingFormatException("the record carries fields records.proto does not define");
        if (_guard.Refusal is { } refused) throw new LogRolledBackException(refused);
        var pending = new Pending(record, new TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Done.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Why this body cannot be appended for its size — counted with the largest height, prev and time the sequencer
    /// can give it, so a body that passes always fits — or null. For callers that must refuse before they append.
    /// </summary>
    public static string? SizeProblem(LogRecord body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return SizeProblemOf(WithLargestChainFields(body));
    }

    private static string? SizeProblemOf(LogRecord withLargestChainFields)
    {
        int worst = withLargestChainFields.CalculateSize();
        return worst > Canonical.MaxRecordBytes ? $"record is {worst} bytes; the limit is {Canonical.MaxRecordBytes}" : null;
    }

    private static LogRecord WithLargestChainFields(LogRecord body)
    {
        var record = body.Clone();
        record.Height = ulong.MaxValue;
        record.Prev = ByteString.CopyFrom(new byte[Rfc6962.HashSize]);
        record.SequencedAtMs = ulong.MaxValue;
        return record;
    }

    private async Task SequenceLoop()
    {
        var batch = new List<Pending>(_options.MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
            if (batch.Count == 0) continue;
            // Nothing is committed before the witnesses have seen the opened tree: a store they know to be short takes no record.
            await _guard.CheckWitnessesAsync().ConfigureAwait(false);
            if (_guard.Refusal is { } refused)
            {
                foreach (var p in batch) p.Done.TrySetException(new LogRolledBackException(refused));
                continue;
            }
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
                var published = await _publisher.PublishAsync(results[0].CheckpointNote, results[0].CheckpointSize).ConfigureAwait(false);
                for (int i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i] with { CheckpointNote = published });
            }
            catch (Exception e)
            {
                // A witness that cosigned a larger or another tree: this batch is stored, but the log takes no more.
                if (e is LogRolledBackException rolledBack) _guard.Refuse(rolledBack.Message);
                // Durable but not published: the records wait for a later checkpoint that the witnesses cosign.
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
        var times = new ulong[batch.Count];
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
                times[i] = record.SequencedAtMs;
                _lastLeafHash = leaf;
                _lastTimeMs = record.SequencedAtMs;
            }
            note = LogRecovery.SignCheckpoint(_logKey, _frontier);
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
            results[i] = new AppendResult(index, records[i], leaves[i], note, size, _tree.InclusionProof(index, size)) { SequencedAtMs = times[i] };
        }
        return results;
    }

    /// <summary>
    /// Shows the opened tree's checkpoint to the witnesses, once: a witness that cosigned a larger or another tree refuses
    /// the log (Refusal). The first batch waits for it; calling it at start learns the verdict before anyone appends.
    /// </summary>
    public Task CheckWitnessesAsync() => _guard.CheckWitnessesAsync();

    /// <summary>Completes when the latest checkpoint is no longer `current` (at once if it already differs).</summary>
    public Task WaitForNewCheckpointAsync(string current, CancellationToken cancellationToken) => _publisher.WaitForNewAsync(current, cancellationToken);

    public byte[] ReadRecord(ulong index) => _reader.ReadRecord(index);

    /// <summary>Records [start, end) in order.</summary>
    public List<byte[]> ReadRecords(ulong start, ulong end) => _reader.ReadRecords(start, end);

    /// <summary>The signed checkpoint stored at exactly this size, or null.</summary>
    public string? CheckpointAt(ulong size) => _reader.CheckpointAt(size);

    /// <summary>Every stored checkpoint size, ascending.</summary>
    public List<ulong> CheckpointSizes() => _reader.CheckpointSizes();

    public byte[][] InclusionProofAt(ulong index, ulong size) => _reader.InclusionProofAt(index, size);

    public byte[][] ConsistencyProofBetween(ulong size1, ulong size2) => _reader.ConsistencyProofBetween(size1, size2);

    public byte[] RootAt(ulong size) => _reader.RootAt(size);

    /// <summary>Hashes of stored complete subtrees [start, end) at one level, ascending: a tile's contents.</summary>
    public List<byte[]> HashRange(int level, ulong start, ulong end) => _reader.HashRange(level, start, end);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sequencer.ConfigureAwait(false);
        _write.Dispose();
        _reader.Dispose();
        _mark?.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
