using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using Voting.Core.Group;

namespace Voting.Core.Sealed;

/// <summary>
/// A trustee's share s_{t,j} = f_t(j), sealed to trustee j's X25519 exchange key (docs/spec/sealed.md §3.1), so that
/// it can travel in a public record and only j can read it. A fresh ephemeral key per share: the AEAD key is used for
/// one message, so the nonce is fixed at zero. The associated data names the election, sender, recipient and both
/// public keys: a sealed share moved to another election, sender or recipient fails to open.
/// </summary>
public static class ShareEncryption
{
    public const string Label = "voting/v2/trustee-share\n";

    /// <summary>An ephemeral X25519 public key (32 bytes) then the ChaCha20-Poly1305 ciphertext of the 32-byte share with its 16-byte tag.</summary>
    public const int SealedSize = 32 + Scalar.Size + 16;

    private static readonly KeyAgreementAlgorithm X25519 = KeyAgreementAlgorithm.X25519;
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.ChaCha20Poly1305;

    /// <summary>A trustee's exchange key pair: the 32-byte X25519 private key (kept in its own directory) and its public key.</summary>
    public static (byte[] Private, byte[] Public) NewExchangeKey()
    {
        using var key = Key.Create(X25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return (key.Export(KeyBlobFormat.RawPrivateKey), key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The public key of a 32-byte X25519 private key.</summary>
    public static byte[] PublicOf(ReadOnlySpan<byte> privateKey)
    {
        using var key = ImportPrivate(privateKey);
        return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>Seals the share for trustee <paramref name="recipient"/> from trustee <paramref name="sender"/>.</summary>
    public static byte[] Seal(string electionId, uint sender, uint recipient, ReadOnlySpan<byte> recipientKey, Scalar share)
    {
        using var ephemeral = Key.Create(X25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return Seal(electionId, sender, recipient, recipientKey, share, ephemeral.Export(KeyBlobFormat.RawPrivateKey));
    }

    /// <summary>With a given ephemeral private key (vectors only: a reused ephemeral key reuses the AEAD key and nonce).</summary>
    public static byte[] Seal(string electionId, uint sender, uint recipient, ReadOnlySpan<byte> recipientKey, Scalar share, ReadOnlySpan<byte> ephemeralPrivate)
    {
        if (!IsCanonicalKey(recipientKey)) throw new VotingFormatException("a trustee's exchange key is the canonical 32-byte encoding of an X25519 u-coordinate (below 2^255 − 19)");
        using var ephemeral = ImportPrivate(ephemeralPrivate);
        var ephemeralPublic = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var them = PublicKey.Import(X25519, recipientKey, KeyBlobFormat.RawPublicKey);
        var data = AssociatedData(electionId, sender, recipient, ephemeralPublic, recipientKey);
        using var aeadKey = DeriveKey(ephemeral, them, data)
            ?? throw new VotingFormatException("the recipient's exchange key is of small order: no share can be sealed to it");
        var output = new byte[SealedSize];
        ephemeralPublic.CopyTo(output, 0);
        var plain = share.ToArray();
        Aead.Encrypt(aeadKey, Nonce, data, plain, output.AsSpan(32));
        CryptographicOperations.ZeroMemory(plain);
        return output;
    }

    /// <summary>
    /// Trustee <paramref name="recipient"/> opens a share sealed to it: null when it does not open (wrong length, wrong key,
    /// tampered, moved to another election, sender or recipient) or when what opens is not a canonical scalar.
    /// </summary>
    public static Scalar? Open(string electionId, uint sender, uint recipient, ReadOnlySpan<byte> recipientPrivate, ReadOnlySpan<byte> sealedShare)
    {
        if (sealedShare.Length != SealedSize) return null;
        using var me = ImportPrivate(recipientPrivate);
        var ephemeralPublic = sealedShare[..32];
        var ephemeral = PublicKey.Import(X25519, ephemeralPublic, KeyBlobFormat.RawPublicKey);
        var data = AssociatedData(electionId, sender, recipient, ephemeralPublic, me.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        using var aeadKey = DeriveKey(me, ephemeral, data);
        if (aeadKey is null) return null;
        var plain = new byte[Scalar.Size];
        var share = Aead.Decrypt(aeadKey, Nonce, data, sealedShare[32..], plain) ? Scalar.TryDecode(plain) : null;
        CryptographicOperations.ZeroMemory(plain);
        return share;
    }

    /// <summary>
    /// Whether 32 bytes are the one encoding of an X25519 u-coordinate: the top bit clear and u below p = 2^255 − 19.
    /// X25519 ignores the top bit and reduces u, so other spellings name the same key; the associated data holds the
    /// recipient's key as written, so a non-canonical key in a definition would make every share sealed to it fail.
    /// </summary>
    public static bool IsCanonicalKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32 || (key[31] & 0x80) != 0) return false;
        if (key[31] != 0x7f || key[0] < 0xed) return true;
        foreach (var b in key[1..31]) if (b != 0xff) return true;
        return false;
    }

    /// <summary>
    /// AD = label || uint8(len(election_id)) || election_id || uint32_be(sender) || uint32_be(recipient) || ephemeral
    /// public key || recipient public key; the same bytes are HKDF's info.
    /// </summary>
    public static byte[] AssociatedData(string electionId, uint sender, uint recipient, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientPublic)
    {
        var id = ElectionIdField.LengthPrefixed(electionId)
            ?? throw new VotingFormatException("an election id in a sealed share is ASCII of at most 255 bytes");
        var data = new byte[LabelBytes.Length + id.Length + 8 + 64];
        var span = data.AsSpan();
        LabelBytes.CopyTo(span);
        span = span[LabelBytes.Length..];
        id.CopyTo(span);
        span = span[id.Length..];
        BinaryPrimitives.WriteUInt32BigEndian(span, sender);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], recipient);
        ephemeralPublic.CopyTo(span[8..]);
        recipientPublic.CopyTo(span[40..]);
        return data;
    }

    private static readonly byte[] Nonce = new byte[12];
    private static readonly byte[] LabelBytes = Encoding.ASCII.GetBytes(Label);

    // HKDF-SHA-256 of the X25519 secret, salt = the label, info = the associated data. NSec refuses (returns null for)
    // an all-zero shared secret, which a small-order public key gives.
    private static Key? DeriveKey(Key mine, PublicKey theirs, byte[] data)
    {
        using var secret = X25519.Agree(mine, theirs);
        if (secret is null) return null;
        return KeyDerivationAlgorithm.HkdfSha256.DeriveKey(secret, LabelBytes, data, Aead);
    }

    private static Key ImportPrivate(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32) throw new VotingFormatException("an X25519 private key is 32 bytes");
        return Key.Import(X25519, privateKey, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    }
}
