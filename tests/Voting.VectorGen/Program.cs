using Voting.VectorGen;

// dotnet run --project tests/Voting.VectorGen -- docs/spec/vectors
var dir = args.Length == 1 ? args[0] : throw new ArgumentException("usage: vectorgen DIR");
Directory.CreateDirectory(dir);
foreach (var (name, bytes) in VectorSet.Build())
{
    File.WriteAllBytes(Path.Combine(dir, name), bytes);
    Console.WriteLine($"wrote {Path.Combine(dir, name)} ({bytes.Length} bytes)");
}
