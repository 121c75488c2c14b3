namespace Voting.Core.Notes;

/// <summary>One signature line of a note: the key name and base64 blob of keyID (4 bytes) || type-specific signature.</summary>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Blob)
{
    public const string Dash = "\u2014 ";

    public string ToLine() => $"{Dash}{Name} {Convert.ToBase64String(Blob)}\n";
}
