namespace Voting.Server.Elections;

/// <summary>Byte strings as dictionary keys: hashes, credential keys.</summary>
internal static class Key
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);
}
