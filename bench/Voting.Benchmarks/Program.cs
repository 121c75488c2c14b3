using BenchmarkDotNet.Running;
using Voting.Benchmarks;

// dotnet run -c Release --project bench/Voting.Benchmarks -- micro [BenchmarkDotNet args]   (hashing, Merkle, Ed25519)
// dotnet run -c Release --project bench/Voting.Benchmarks -- append [records] [marks 0|1]  (SQLite append throughput; 1 also writes high-water marks)
// dotnet run -c Release --project bench/Voting.Benchmarks -- count FILE METHOD [SEATS] [RUNS] (BLT parse and count)
// dotnet run -c Release --project bench/Voting.Benchmarks -- casts [BALLOTS] [CLIENTS] [RATE] [WARMUP]  (server casts/s, latency, CPU per cast)
// dotnet run -c Release --project bench/Voting.Benchmarks -- casts-host [BALLOTS] [CLIENTS]       (the casting work without HTTP)
// dotnet run -c Release --project bench/Voting.Benchmarks -- verify DIR [ROUNDS]           (scrutineer verify against the ceiling)
// dotnet run -c Release --project bench/Voting.Benchmarks -- sealed [N]                    (sealed-ballot cryptography per ciphertext, one core)
if (args.Length > 0 && args[0] == "append") return await AppendThroughput.Run(args.Skip(1).ToArray());
if (args.Length > 0 && args[0] == "count") return CountThroughput.Run(args[1..]);
if (args.Length > 0 && args[0] == "casts") return await CastThroughput.Run(args[1..]);
if (args.Length > 0 && args[0] == "casts-host") return await CastHostThroughput.Run(args[1..]);
if (args.Length > 0 && args[0] == "verify") return await VerifyThroughput.Run(args[1..]);
if (args.Length > 0 && args[0] == "sealed") return SealedThroughput.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(MerkleBenchmarks).Assembly).Run(args.Length > 0 && args[0] == "micro" ? args[1..] : args);
return 0;
