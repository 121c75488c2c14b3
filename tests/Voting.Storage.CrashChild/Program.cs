using Google.Protobuf;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Storage;

// args: <db path> <hex seed of the log key>. Prints "ack <index> <leaf hash hex>" once each append is durable.
var key = new NoteSigner("crash.example/log", Convert.FromHexString(args[1]));
await using var store = LogStore.Open(args[0], key, new LogStoreOptions { MaxBatch = 64 });
Console.Out.Flush();
var stdout = Console.Out;
var rng = new Random();
var inFlight = new List<Task>();
for (long n = 0; ; n++)
{
    var body = new LogRecord
    {
        RollChunk = new RollChunk { ElectionId = "crash", ChunkIndex = (uint)(n % 1000), Entries = { ByteString.CopyFrom(new byte[rng.Next(1, 200)]) } },
    };
    inFlight.Add(store.AppendAsync(body).ContinueWith(t =>
    {
        var r = t.Result;
        lock (stdout) { stdout.WriteLine($"ack {r.Index} {Convert.ToHexStringLower(r.LeafHash)}"); stdout.Flush(); }
    }, TaskScheduler.Default));
    if (inFlight.Count >= 256)
    {
        await Task.WhenAll(inFlight);
        inFlight.Clear();
    }
}
