using System.Globalization;
using Voting.Core.Crypto;

namespace Voting.Core.Notes;

/// <summary>
/// A public key that checks signatures on notes. Type 0x01 verifies plain Ed25519 note
/// signatures; type 0x04 verifies cosignature/v1 (log.md §8.2, §8.4).
/// </summary>
public sealed class NoteVerifier
{
    public string Name { get; }
    public uint KeyId { get; }
    public byte Type { get; }
    public byte[] PublicKey { get; }

    public NoteVerifier(string name, byte type, byte[] publicKey)
    {
        KeyName.Require(name);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (type != SignatureType.Ed25519 && type != SignatureType.CosignatureV1)
            throw new VotingFormatException($"signature type 0x{type:x2} is not supported (0x01 Ed25519, 0x04 cosignature/v1)");
        if (publicKey.Length != Ed25519.PublicKeySize)
            throw new VotingFormatException($"an Ed25519 public key is 32 bytes, got {publicKey.Length}");
        Name = name;
        Type = type;
        PublicKey = (byte[])publicKey.Clone();
        KeyId = Notes.KeyId.Compute(name, type, publicKey);
    }

    /// <summary>Parses "name+hexid+base64(type||key)" (C2SP vkey) and checks the key ID.</summary>
    public static NoteVerifier ParseVkey(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        var parts = vkey.Split('+', 3);
        if (parts.Length != 3) throw new VotingFormatException($"vkey \"{StrictBase64.Truncate(vkey)}\" must be name+keyid+key");
        var (name, hex, b64) = (parts[0], parts[1], parts[2]);
        KeyName.Require(name);
        if (hex.Length != 8 || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id) || !hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            throw new VotingFormatException($"vkey key ID \"{hex}\" must be 8 lower-case hex digits");
        var key = StrictBase64.Decode(b64, "vkey key");
        if (key.Length != 1 + Ed25519.PublicKeySize || key[0] != SignatureType.Ed25519)
            throw new VotingFormatException("vkey must hold 0x01 followed by a 32-byte Ed25519 public key");
        var v = new NoteVerifier(name, SignatureType.Ed25519, key[1..]);
        if (v.KeyId != id) throw new VotingFormatException($"vkey key ID {hex} does not match the key (expected {v.KeyId:x8})");
        return v;
    }

    /// <summary>The same key as a cosignature/v1 verifier: witnesses publish type-0x01 vkeys but cosign with key IDs of type 0x04.</summary>
    public NoteVerifier AsCosignatureVerifier() => new(Name, SignatureType.CosignatureV1, PublicKey);

    public string ToVkey()
    {
        if (Type != SignatureType.Ed25519) return AsType(SignatureType.Ed25519).ToVkey();
        return $"{Name}+{KeyId:x8}+{Convert.ToBase64String([SignatureType.Ed25519, .. PublicKey])}";
    }

    private NoteVerifier AsType(byte type) => new(Name, type, PublicKey);

    /// <summary>Checks a type-0x01 signature (after its 4-byte key ID) over the note text.</summary>
    internal bool VerifyNoteSignature(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        Type == SignatureType.Ed25519 && signature.Length == Ed25519.SignatureSize && Ed25519.Verify(PublicKey, text, signature);
}
