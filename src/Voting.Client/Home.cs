using Voting.Core.IO;

namespace Voting.Client;

/// <summary>
/// Where the CLI keeps its files (--home, default ./.voting): the organiser's key, each election's tie-break seed
/// and enrollment codes, a member's credentials and receipts. Secrets are written atomically with mode 0600.
/// </summary>
public sealed class Home(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string OrganiserKey => Path.Combine(Root, "organiser.key");
    public string Election(string id) => Path.Combine(Root, "elections", id);
    public string TieBreakSeed(string id) => Path.Combine(Election(id), "tie-break.seed");
    public string Codes(string id) => Path.Combine(Election(id), "enrollment-codes.csv");
    /// <summary>An act this organiser prepared or signed that still needs other organisers' signatures.</summary>
    public string ActFile(string id, string verb) => Path.Combine(Election(id), verb + ".act.json");
    public string Credential(string id) => Path.Combine(Election(id), "credential.json");
    public string ReceiptFile(string id) => Path.Combine(Election(id), "receipt.txt");
    /// <summary>The election's witness policy, saved at enrolment: receipts are checked against it from then on.</summary>
    public string WitnessPolicy(string id) => Path.Combine(Election(id), "witness.policy");

    public static void WriteSecret(string path, string text) => AtomicFile.WriteText(path, text, AtomicFile.OwnerOnly);
}
