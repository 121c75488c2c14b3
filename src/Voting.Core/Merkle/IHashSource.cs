namespace Voting.Core.Merkle;

/// <summary>
/// Hashes of complete subtrees: Hash(level, index) is the RFC 6962 hash of leaves
/// [index·2^level, (index+1)·2^level). Every Merkle computation in Voting reads hashes
/// through this one method, so a store only has to keep these (log.md §5.2).
/// </summary>
public interface IHashSource
{
    byte[] Hash(int level, ulong index);
}
