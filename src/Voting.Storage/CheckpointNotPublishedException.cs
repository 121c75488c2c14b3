namespace Voting.Storage;

/// <summary>
/// The record is durable (Result says where), but no published checkpoint covers it yet: the witness quorum was
/// not reached. A later batch's checkpoint will cover it once the witnesses cosign again.
/// </summary>
public sealed class CheckpointNotPublishedException : IOException
{
    public AppendResult? Result { get; }

    public CheckpointNotPublishedException(string message, AppendResult result, Exception inner) : base(message, inner) => Result = result;
    public CheckpointNotPublishedException(string message, Exception inner) : base(message, inner) { }
    public CheckpointNotPublishedException(string message) : base(message) { }
    public CheckpointNotPublishedException() { }
}
