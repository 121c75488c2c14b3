using Grpc.Core;

namespace Voting.Protocol;

/// <summary>
/// A refusal of docs/spec/errors.md: its row and its status. The server raises it as a <see cref="RefusalException"/>; one
/// interceptor turns that into the gRPC status and sends the row in the <see cref="ErrorRows.TrailerKey"/> trailer, so
/// clients tell refusals apart by row, never by the wording of the message.
/// </summary>
public sealed record ErrorRow(string Id, StatusCode Status)
{
    /// <summary>The refusal of this row, with a message saying what is wrong in this request.</summary>
    public RefusalException Refuse(string message) => new(this, message);
}

/// <summary>The election rules refused a request: the row of errors.md it falls under and what is wrong.</summary>
public sealed class RefusalException : Exception
{
    public ErrorRow Row { get; }

    public RefusalException(ErrorRow row, string message) : base(message) => Row = row ?? throw new ArgumentNullException(nameof(row));
    public RefusalException() : this(ErrorRows.G2, "refused") { }
    public RefusalException(string message) : this(ErrorRows.G2, message) { }
    public RefusalException(string message, Exception inner) : base(message, inner) => Row = ErrorRows.G2;
}

/// <summary>Every refusal row of errors.md (sections General, OrganiserService, TrusteeService, VoterService, LogService); a test pins the two equal.</summary>
public static class ErrorRows
{
    /// <summary>The response trailer naming the row of a refusal.</summary>
    public const string TrailerKey = "voting-refusal";

    public static readonly ErrorRow G1 = new("G1", StatusCode.NotFound);
    public static readonly ErrorRow G2 = new("G2", StatusCode.InvalidArgument);
    public static readonly ErrorRow G3 = new("G3", StatusCode.DataLoss);

    public static readonly ErrorRow O1 = new("O1", StatusCode.InvalidArgument);
    public static readonly ErrorRow O2 = new("O2", StatusCode.PermissionDenied);
    public static readonly ErrorRow O3 = new("O3", StatusCode.AlreadyExists);
    public static readonly ErrorRow O4 = new("O4", StatusCode.PermissionDenied);
    public static readonly ErrorRow O5 = new("O5", StatusCode.FailedPrecondition);
    public static readonly ErrorRow O6 = new("O6", StatusCode.InvalidArgument);
    public static readonly ErrorRow O7 = new("O7", StatusCode.FailedPrecondition);
    public static readonly ErrorRow O8 = new("O8", StatusCode.FailedPrecondition);
    public static readonly ErrorRow O9 = new("O9", StatusCode.InvalidArgument);
    public static readonly ErrorRow O10 = new("O10", StatusCode.FailedPrecondition);
    public static readonly ErrorRow O11 = new("O11", StatusCode.InvalidArgument);
    public static readonly ErrorRow O12 = new("O12", StatusCode.PermissionDenied);
    public static readonly ErrorRow O13 = new("O13", StatusCode.PermissionDenied);
    public static readonly ErrorRow O14 = new("O14", StatusCode.FailedPrecondition);
    public static readonly ErrorRow O15 = new("O15", StatusCode.InvalidArgument);
    public static readonly ErrorRow O16 = new("O16", StatusCode.FailedPrecondition);
    public static readonly ErrorRow O17 = new("O17", StatusCode.FailedPrecondition);
    public static readonly ErrorRow O18 = new("O18", StatusCode.FailedPrecondition);
    public static readonly ErrorRow O19 = new("O19", StatusCode.InvalidArgument);
    public static readonly ErrorRow O20 = new("O20", StatusCode.PermissionDenied);
    public static readonly ErrorRow O21 = new("O21", StatusCode.FailedPrecondition);
    public static readonly ErrorRow O22 = new("O22", StatusCode.FailedPrecondition);
    public static readonly ErrorRow O23 = new("O23", StatusCode.FailedPrecondition);

    public static readonly ErrorRow K1 = new("K1", StatusCode.FailedPrecondition);
    public static readonly ErrorRow K2 = new("K2", StatusCode.InvalidArgument);
    public static readonly ErrorRow K3 = new("K3", StatusCode.PermissionDenied);

    public static readonly ErrorRow V1 = new("V1", StatusCode.FailedPrecondition);
    public static readonly ErrorRow V2 = new("V2", StatusCode.InvalidArgument);
    public static readonly ErrorRow V3 = new("V3", StatusCode.PermissionDenied);
    public static readonly ErrorRow V4 = new("V4", StatusCode.PermissionDenied);
    public static readonly ErrorRow V5 = new("V5", StatusCode.AlreadyExists);
    public static readonly ErrorRow V6 = new("V6", StatusCode.FailedPrecondition);
    public static readonly ErrorRow V7 = new("V7", StatusCode.InvalidArgument);
    public static readonly ErrorRow V8 = new("V8", StatusCode.PermissionDenied);
    public static readonly ErrorRow V9 = new("V9", StatusCode.AlreadyExists);
    public static readonly ErrorRow V10 = new("V10", StatusCode.NotFound);
    public static readonly ErrorRow V11 = new("V11", StatusCode.Unavailable);
    public static readonly ErrorRow V12 = new("V12", StatusCode.PermissionDenied);
    public static readonly ErrorRow V13 = new("V13", StatusCode.InvalidArgument);
    public static readonly ErrorRow V14 = new("V14", StatusCode.PermissionDenied);
    public static readonly ErrorRow V15 = new("V15", StatusCode.FailedPrecondition);
    public static readonly ErrorRow V16 = new("V16", StatusCode.InvalidArgument);
    public static readonly ErrorRow V17 = new("V17", StatusCode.PermissionDenied);

    public static readonly ErrorRow L1 = new("L1", StatusCode.InvalidArgument);
    public static readonly ErrorRow L2 = new("L2", StatusCode.OutOfRange);
    public static readonly ErrorRow L3 = new("L3", StatusCode.FailedPrecondition);
    public static readonly ErrorRow L4 = new("L4", StatusCode.OutOfRange);
    public static readonly ErrorRow L5 = new("L5", StatusCode.OutOfRange);

    public static IReadOnlyList<ErrorRow> All { get; } =
    [
        G1, G2, G3, O1, O2, O3, O4, O5, O6, O7, O8, O9, O10, O11, O12, O13, O14, O15, O16, O17, O18, O19, O20, O21, O22, O23,
        K1, K2, K3,
        V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16, V17, L1, L2, L3, L4, L5,
    ];

    private static readonly Dictionary<string, ErrorRow> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>The row a failed call names, when its trailer names one with the status it came with; null otherwise.</summary>
    public static ErrorRow? Of(RpcException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var id = failure.Trailers.GetValue(TrailerKey);
        return id is not null && ById.TryGetValue(id, out var row) && row.Status == failure.StatusCode ? row : null;
    }

    /// <summary>
    /// How an election id appears in a refusal: as given up to 64 characters, then cut with its length — a message
    /// travels in a header, and a peer that caps header sizes must still be able to read the refusal.
    /// </summary>
    public static string Shown(string? electionId)
    {
        electionId ??= "";
        const int Longest = 64;
        return electionId.Length <= Longest ? electionId : $"{electionId[..Longest]}… ({electionId.Length} characters)";
    }
}
