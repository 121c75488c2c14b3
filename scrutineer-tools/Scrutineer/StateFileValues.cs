using Voting.Core;

namespace Scrutineer;

/// <summary>The values of the scrutineer's own state files (issuer.state, trustee.state): keys and seeds as 32 bytes in base64.</summary>
internal static class StateFileValues
{
    public static byte[] Bytes32(string b64, string path, int line)
    {
        try
        {
            var b = Convert.FromBase64String(b64);
            if (b.Length == 32) return b;
        }
        catch (FormatException) { }
        throw new VotingFormatException($"{path}:{line}: expected 32 bytes in base64");
    }
}
