using Voting.Fuzz.Targets;

namespace Voting.Fuzz;

/// <summary>Every target by name, in the order `--target all` runs them.</summary>
public static class AllTargets
{
    public static readonly string[] Names = ["blt", "constraints", "policy", "receipt", "election-json", "members-csv", "notes", "records", "grpc", "log", "export"];

    public static Target Create(string name) => name switch
    {
        "blt" => new BltTarget(),
        "constraints" => new ConstraintsTarget(),
        "policy" => new PolicyTarget(),
        "receipt" => new ReceiptTarget(),
        "election-json" => new ElectionJsonTarget(),
        "members-csv" => new MembersCsvTarget(),
        "notes" => new NotesTarget(),
        "records" => new RecordsTarget(),
        "grpc" => new GrpcTarget(),
        "log" => new LogTarget(),
        "export" => new ExportTarget(),
        _ => throw new ArgumentException($"unknown target {name}", nameof(name)),
    };
}
