namespace Voting.Rpc;

/// <summary>The gRPC status codes (grpc/doc/statuscodes.md).</summary>
public enum StatusCode
{
    OK = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

/// <summary>A call that ended with a non-OK status; the message is what travels in grpc-message.</summary>
public sealed class RpcException : Exception
{
    public StatusCode Status { get; }

    public RpcException(StatusCode status, string message) : base(message) => Status = status;
    public RpcException() : base("unknown error") => Status = StatusCode.Unknown;
    public RpcException(string message) : base(message) => Status = StatusCode.Unknown;
    public RpcException(string message, Exception inner) : base(message, inner) => Status = StatusCode.Unknown;

    public override string ToString() => $"{Status}: {Message}";
}
