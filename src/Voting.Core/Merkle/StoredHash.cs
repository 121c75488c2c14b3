namespace Voting.Core.Merkle;

/// <summary>The hash of the complete subtree at (Level, Index): leaves [Index·2^Level, (Index+1)·2^Level).</summary>
public readonly record struct StoredHash(int Level, ulong Index, byte[] Hash);
