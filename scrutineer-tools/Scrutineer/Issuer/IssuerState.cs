using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.Crypto;
using Voting.Core.IO;
using Voting.Core.Records;

namespace Scrutineer.Issuer;

/// <summary>
/// The independent issuer's own directory for one election (log.md §7.2, §7.4), mode 0700: `issuer.state` (0600) holds
/// the election id, the issuer's Ed25519 seed and its roll-audit seed; `codes.csv` (0600) the members' issuer codes,
/// for the issuer's own channel; `halves.csv` the public halves for the office. Nothing here is ever sent but the
/// public key, the commitment and the halves.
/// </summary>
internal sealed class IssuerState
{
    private const string Header = "voting-issuer v1";
    public string Directory { get; }
    public string ElectionId { get; }
    public byte[] Seed { get; }
    public byte[] AuditSeed { get; }
    public byte[] PublicKey => Ed25519.PublicKeyFromSeed(Seed);
    public byte[] AuditCommitment => SplitRoll.AuditSeedCommitment(AuditSeed);

    public string CodesFile => Path.Combine(Directory, "codes.csv");
    public string HalvesFile => Path.Combine(Directory, "halves.csv");
    public string SampleFile => Path.Combine(Directory, "audit-sample.csv");
    private static string StateFile(string dir) => Path.Combine(dir, "issuer.state");

    private IssuerState(string dir, string electionId, byte[] seed, byte[] auditSeed) => (Directory, ElectionId, Seed, AuditSeed) = (dir, electionId, seed, auditSeed);

    /// <summary>A new issuer for one election; refused where a state exists (its key may already be in a definition).</summary>
    public static IssuerState Create(string dir, string electionId)
    {
        if (!DefinitionRules.IsIdentifier(electionId)) throw new VotingFormatException($"\"{electionId}\" is not an election id (1-64 characters of a-z, A-Z, 0-9, '-', '_', '.')");
        if (File.Exists(StateFile(dir))) throw new VotingFormatException($"{StateFile(dir)} exists; an issuer's state is never replaced (its key may already be in a definition)");
        System.IO.Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var state = new IssuerState(dir, electionId, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        AtomicFile.WriteText(StateFile(dir), $"{Header}\nelection {electionId}\nkey {Convert.ToBase64String(state.Seed)}\nroll-audit-seed {Convert.ToBase64String(state.AuditSeed)}\n", AtomicFile.OwnerOnly, overwrite: false);
        return state;
    }

    public static IssuerState Load(string dir)
    {
        var path = StateFile(dir);
        if (!File.Exists(path)) throw new VotingFormatException($"{path} does not exist (scrutineer issuer init makes it)");
        string? election = null;
        byte[]? seed = null, audit = null;
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header) throw new VotingFormatException($"{path}: not an issuer state (first line \"{Header}\")");
        foreach (var (line, tokens) in SettingsLines.Read(string.Join('\n', lines.Skip(1))))
        {
            if (tokens.Length != 2) throw new VotingFormatException($"{path}:{line + 1}: expected a name and a value");
            switch (tokens[0])
            {
                case "election": election = tokens[1]; break;
                case "key": seed = StateFileValues.Bytes32(tokens[1], path, line + 1); break;
                case "roll-audit-seed": audit = StateFileValues.Bytes32(tokens[1], path, line + 1); break;
                default: throw new VotingFormatException($"{path}:{line + 1}: unknown line \"{tokens[0]}\"");
            }
        }
        if (election is null || seed is null || audit is null) throw new VotingFormatException($"{path}: needs election, key and roll-audit-seed lines");
        return new IssuerState(dir, election, seed, audit);
    }
}
