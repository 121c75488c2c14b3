using System.Globalization;
using System.Security.Cryptography;
using Voting.Client.Api;
using Voting.Core.Crypto;
using Voting.Core.Records;

namespace Voting.Client.Organiser;

/// <summary>
/// One-time enrollment codes (log.md §7): "N-XXXXX-XXXXX-XXXXX-XXXXX", where N is the member's roll entry and the
/// 20 Crockford base-32 characters carry 100 random bits. The whole code (N included) names the entry's key through
/// HKDF (RollMath.EnrollmentSeed); the server and the log only ever see the public key.
/// </summary>
public static class EnrollmentCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int RandomBits = 100;

    public static string New(int rollIndex)
    {
        var chars = new char[20];
        for (int i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(32)];
        var s = new string(chars);
        return $"{rollIndex.ToString(CultureInfo.InvariantCulture)}-{s[..5]}-{s[5..10]}-{s[10..15]}-{s[15..]}";
    }

    /// <summary>The roll entry a code is for, and the entry's Ed25519 seed.</summary>
    public static (ulong RollIndex, byte[] Seed) Open(string electionId, string code)
    {
        var trimmed = (code ?? "").Trim();
        int dash = trimmed.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !ulong.TryParse(trimmed[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || RollMath.NormaliseCode(trimmed[(dash + 1)..]).Length != 20 || RollMath.NormaliseCode(trimmed[(dash + 1)..]).Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
            throw new ClientException($"\"{code}\" is not an enrollment code", "a code looks like 17-ABCDE-FGHJK-MNPQR-STVWX, as printed in your letter");
        return (index, RollMath.EnrollmentSeed(electionId, trimmed));
    }

    public static byte[] PublicKey(string electionId, string code) => Ed25519.PublicKeyFromSeed(Open(electionId, code).Seed);
}
