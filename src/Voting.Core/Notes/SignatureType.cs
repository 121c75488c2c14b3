namespace Voting.Core.Notes;

/// <summary>Signature algorithm identifiers of C2SP signed-note (log.md §8.2).</summary>
public static class SignatureType
{
    public const byte Ed25519 = 0x01;
    public const byte CosignatureV1 = 0x04;
}
