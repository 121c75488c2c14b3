namespace Voting.Rpc;

public sealed record GrpcOptions
{
    /// <summary>Largest request message accepted; beyond it the call fails with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = 4 * 1024 * 1024;
}
