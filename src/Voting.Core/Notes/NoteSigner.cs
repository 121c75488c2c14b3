using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Voting.Core.Crypto;

namespace Voting.Core.Notes;

/// <summary>An Ed25519 private key that signs notes (log.md §8.2). Holds the 32-byte seed.</summary>
public sealed class NoteSigner
{
    private readonly byte[] _seed;

    public string Name { get; }
    public byte[] PublicKey { get; }
    public NoteVerifier Verifier { get; }

    public NoteSigner(string name, ReadOnlySpan<byte> seed)
    {
        KeyName.Require(name);
        if (seed.Length != Ed25519.SeedSize) throw new VotingFormatException($"an Ed25519 seed is 32 bytes, got {seed.Length}");
        Name = name;
        _seed = seed.ToArray();
        PublicKey = Ed25519.PublicKeyFromSeed(_seed);
        Verifier = new NoteVerifier(name, SignatureType.Ed25519, PublicKey);
    }

    public uint KeyId => Verifier.KeyId;

    /// <summary>Parses "PRIVATE+KEY+name+hexid+base64(0x01||seed)" (C2SP skey) and checks the key ID.</summary>
    public static NoteSigner ParseSkey(string skey)
    {
        ArgumentNullException.ThrowIfNull(skey);
        var parts = skey.Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
            throw new VotingFormatException("skey must be PRIVATE+KEY+name+keyid+key");
        var key = StrictBase64.Decode(parts[4], "skey key");
        if (key.Length != 1 + Ed25519.SeedSize || key[0] != SignatureType.Ed25519)
            throw new VotingFormatException("skey must hold 0x01 followed by a 32-byte Ed25519 seed");
        var signer = new NoteSigner(parts[2], key.AsSpan(1));
        if (parts[3] != signer.KeyId.ToString("x8", CultureInfo.InvariantCulture))
            throw new VotingFormatException($"skey key ID {parts[3]} does not match the key (expected {signer.KeyId:x8})");
        return signer;
    }

    public string ToSkey() =>
        $"PRIVATE+KEY+{Name}+{KeyId:x8}+{Convert.ToBase64String([SignatureType.Ed25519, .. _seed])}";

    public string ToVkey() => Verifier.ToVkey();

    /// <summary>Raw Ed25519 signature over a message (for record signatures, log.md §8.3).</summary>
    public byte[] SignBytes(ReadOnlySpan<byte> message) => Ed25519.Sign(_seed, PublicKey, message);

    /// <summary>The note signature line for a text: "— name base64(keyID || signature)\n".</summary>
    public NoteSignature SignNote(string text)
    {
        var sig = SignBytes(Encoding.UTF8.GetBytes(text));
        var blob = new byte[4 + sig.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);
        sig.CopyTo(blob, 4);
        return new NoteSignature(Name, KeyId, blob);
    }

    /// <summary>A cosignature/v1 line over a checkpoint text at a timestamp (log.md §8.4).</summary>
    public NoteSignature Cosign(string checkpointText, ulong timestamp)
    {
        var cosignId = Notes.KeyId.Compute(Name, SignatureType.CosignatureV1, PublicKey);
        var sig = SignBytes(Cosignature.SignedMessage(checkpointText, timestamp));
        var blob = new byte[4 + 8 + sig.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, cosignId);
        BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(4), timestamp);
        sig.CopyTo(blob, 12);
        return new NoteSignature(Name, cosignId, blob);
    }
}
