using System.Text.Json;
using Voting.Client.Api;
using Voting.Core.Crypto;

namespace Voting.Client.Member;

/// <summary>A member's credential for one election: the Ed25519 seed made on this machine, kept in a 0600 file.</summary>
public sealed record Credential(string ElectionId, ulong RollIndex, byte[] Seed)
{
    public byte[] PublicKey => Ed25519.PublicKeyFromSeed(Seed);

    public void Save(string path) =>
        Home.WriteSecret(path, JsonSerializer.Serialize(new Dictionary<string, object> { ["election_id"] = ElectionId, ["roll_index"] = RollIndex, ["seed"] = Convert.ToBase64String(Seed) }) + "\n");

    public static Credential Load(string path)
    {
        if (!File.Exists(path)) throw new ClientException($"no credential at {path}", "enrol first: voting member enroll --election ID --code CODE");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var r = doc.RootElement;
            var seed = Convert.FromBase64String(r.GetProperty("seed").GetString()!);
            if (seed.Length != 32) throw new FormatException("seed is not 32 bytes");
            return new Credential(r.GetProperty("election_id").GetString()!, r.GetProperty("roll_index").GetUInt64(), seed);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ClientException($"{path} is not a credential file: {e.Message}");
        }
    }
}
