using Google.Protobuf;
using Voting.Client.Api;
using Voting.Core.Ballots;
using Voting.Core.Records;

namespace Voting.Client.Organiser;

/// <summary>
/// election.json: an ElectionDefinition in the protobuf JSON mapping (field names as in records.proto, lowerCamel or
/// snake_case; enums by name). The CLI fills what the organiser should not type: the organiser key when none is
/// listed, the tie-break seed commitment, and the defaults for revote policy and roll kind.
/// </summary>
public static class ElectionFile
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static ElectionDefinition Read(string path)
    {
        if (!File.Exists(path)) throw new ClientException($"{path} does not exist", "organiser create takes the election's JSON definition; seeds/ has examples");
        try { return Parser.Parse<ElectionDefinition>(File.ReadAllText(path)); }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new ClientException($"{path} is not a valid election definition: {e.Message}", "fields are those of ElectionDefinition in proto/voting/v1/records.proto; see seeds/*.json");
        }
    }

    /// <summary>Fills the organiser's parts and returns every problem DefinitionRules finds (empty when well formed).</summary>
    public static IReadOnlyList<string> Complete(ElectionDefinition d, byte[] organiserPublicKey, byte[] tieBreakSeed)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.OrganiserKeys.Count == 0) d.OrganiserKeys.Add(ByteString.CopyFrom(organiserPublicKey));
        if (d.OrganiserThreshold == 0) d.OrganiserThreshold = 1;
        if (d.RevotePolicy == RevotePolicy.Unspecified) d.RevotePolicy = RevotePolicy.Single;
        if (d.RollKind == RollKind.Unspecified) d.RollKind = RollKind.EnrollmentKeys;
        if (!d.IssuerKey.IsEmpty && d.RollAuditSample == 0) d.RollAuditSample = DefaultAuditSample;
        d.TieBreakSeedCommitment = ByteString.CopyFrom(RollMath.SeedCommitment(tieBreakSeed));
        return DefinitionRules.Problems(d);
    }

    /// <summary>
    /// Adds a lot contributor given as NAME=COMMITMENT, exactly as `scrutineer lot commit` prints it (log.md §7.1):
    /// the organisers never see the contributor's seed, only this.
    /// </summary>
    public static void AddLotContributor(ElectionDefinition d, string spec)
    {
        ArgumentNullException.ThrowIfNull(d);
        int eq = (spec ?? "").IndexOf('=', StringComparison.Ordinal);
        byte[]? commitment = null;
        if (eq > 0)
        {
            try { commitment = Convert.FromBase64String(spec![(eq + 1)..]); } catch (FormatException) { commitment = null; }
        }
        if (commitment is not { Length: 32 })
            throw new ClientException($"--lot {spec}: expected NAME=COMMITMENT, the commitment 32 bytes in base64", "paste the line scrutineer lot commit printed for the contributor");
        d.LotContributors.Add(new LotContributor { Name = spec![..eq], Commitment = ByteString.CopyFrom(commitment) });
    }

    /// <summary>Adds a trustee given as NAME=SIGNING_KEY,EXCHANGE_KEY, exactly as `scrutineer trustee init` prints it (sealed.md §3.2).</summary>
    public static void AddTrustee(ElectionDefinition d, string spec)
    {
        ArgumentNullException.ThrowIfNull(d);
        const string Hint = "paste the line scrutineer trustee init printed for the trustee";
        // A name holds no '=' (base64 may end in one): the name ends at the first.
        int first = (spec ?? "").IndexOf('=', StringComparison.Ordinal);
        var keys = first > 0 ? spec![(first + 1)..].Split(',') : [];
        if (first <= 0 || keys.Length != 2) throw new ClientException($"--trustee {spec}: expected NAME=SIGNING_KEY,EXCHANGE_KEY", Hint);
        d.Trustees.Add(new Trustee
        {
            Name = spec![..first],
            SigningKey = ByteString.CopyFrom(Bytes32(keys[0], "--trustee signing key", Hint)),
            ExchangeKey = ByteString.CopyFrom(Bytes32(keys[1], "--trustee exchange key", Hint)),
        });
    }

    /// <summary>The roll audit's default sample when the definition gives none: enough to find a roll padded by a tenth with odds better than 7 in 8.</summary>
    public const uint DefaultAuditSample = 20;

    /// <summary>Names the independent issuer (log.md §7.2) by the key and roll-audit commitment `scrutineer issuer init` printed.</summary>
    public static void SetIssuer(ElectionDefinition d, string? key, string? auditCommitment)
    {
        ArgumentNullException.ThrowIfNull(d);
        const string Hint = "paste the two lines scrutineer issuer init printed for the issuer";
        if (key is null || auditCommitment is null) throw new ClientException("--issuer and --roll-audit go together", Hint);
        d.IssuerKey = ByteString.CopyFrom(Bytes32(key, "--issuer", Hint));
        d.RollAuditCommitment = ByteString.CopyFrom(Bytes32(auditCommitment, "--roll-audit", Hint));
        if (d.RollAuditSample == 0) d.RollAuditSample = DefaultAuditSample;
    }

    private static byte[] Bytes32(string b64, string flag, string hint)
    {
        try
        {
            var b = Convert.FromBase64String(b64.Trim());
            if (b.Length == 32) return b;
        }
        catch (FormatException) { }
        throw new ClientException($"{flag} {b64}: expected 32 bytes in base64", hint);
    }

    /// <summary>The index of this organiser's key in the definition, for signing acts.</summary>
    public static uint KeyIndex(ElectionDefinition d, byte[] organiserPublicKey)
    {
        for (int i = 0; i < d.OrganiserKeys.Count; i++)
            if (d.OrganiserKeys[i].Span.SequenceEqual(organiserPublicKey)) return (uint)i;
        throw new ClientException($"your organiser key is not one of election {d.ElectionId}'s organiser keys", "use the --home holding the key that created the election");
    }
}
