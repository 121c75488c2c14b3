using System.Security.Cryptography;
using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.IO;
using Voting.Core.Records;

namespace Scrutineer.Contributions;

/// <summary>
/// An independent party's share of an election's lot seed (log.md §7.1): a 32-byte seed made on its own machine and
/// kept there, whose commitment the organisers put in the definition and whose seed the party reveals after Close.
/// The file, written 0600, is the seed's only copy:
///     voting-lot-contribution v1
///     election ELECTION_ID
///     name NAME
///     seed BASE64
/// </summary>
public sealed record LotContribution(string ElectionId, string Name, byte[] Seed)
{
    public const string Header = "voting-lot-contribution v1";

    /// <summary>The commitment is bound to the election (LotSeeds.Commitment): one seed file per election.</summary>
    public byte[] Commitment => LotSeeds.Commitment(ElectionId, Seed);

    public static LotContribution New(string electionId, string name)
    {
        ArgumentNullException.ThrowIfNull(electionId);
        ArgumentNullException.ThrowIfNull(name);
        if (!DefinitionRules.IsIdentifier(electionId)) throw new VotingFormatException($"the election id \"{electionId}\" must be 1-64 characters of a-z, A-Z, 0-9, '-', '_', '.'");
        if (name.Length is < 1 or > 64 || name.Any(c => c is <= ' ' or > '~'))
            throw new VotingFormatException($"the name \"{name}\" must be 1-64 printable ASCII characters without spaces");
        return new(electionId, name, RandomNumberGenerator.GetBytes(LotSeeds.SeedBytes));
    }

    public string Format() => $"{Header}\nelection {ElectionId}\nname {Name}\nseed {Convert.ToBase64String(Seed)}\n";

    /// <summary>Writes a new contribution file; an existing one is never replaced (its seed may already be committed).</summary>
    public void WriteNew(string path) => AtomicFile.WriteText(path, Format(), AtomicFile.OwnerOnly, overwrite: false);

    public static LotContribution Parse(string text)
    {
        var lines = SettingsLines.Read(text ?? "").ToList();
        if (lines.Count == 0 || string.Join(' ', lines[0].Tokens) != Header) throw new VotingFormatException($"the first line must be \"{Header}\"");
        string? election = null, name = null;
        byte[]? seed = null;
        foreach (var (line, t) in lines.Skip(1))
        {
            if (t.Length != 2) throw new VotingFormatException($"line {line}: expected \"election ID\", \"name NAME\" or \"seed BASE64\"");
            switch (t[0])
            {
                case "election" when election is null: election = t[1]; break;
                case "name" when name is null: name = t[1]; break;
                case "seed" when seed is null:
                    try { seed = Convert.FromBase64String(t[1]); } catch (FormatException) { seed = null; }
                    if (seed is not { Length: LotSeeds.SeedBytes }) throw new VotingFormatException($"line {line}: the seed must be {LotSeeds.SeedBytes} bytes in base64");
                    break;
                default: throw new VotingFormatException($"line {line}: unexpected or repeated \"{t[0]}\"");
            }
        }
        if (election is null || name is null || seed is null) throw new VotingFormatException("the file needs an election line, a name line and a seed line");
        return new(election, name, seed);
    }
}
