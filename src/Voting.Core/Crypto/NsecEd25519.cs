using NSec.Cryptography;

namespace Voting.Core.Crypto;

/// <summary>
/// Ed25519 through NSec over the native libsodium that the libsodium NuGet package carries for every platform (no
/// system library needed). Voting's acceptance rules are applied above it, in <see cref="Ed25519"/>; the tests hold
/// its verdicts and outputs equal to an independent implementation (BouncyCastle) on every vector.
/// </summary>
public sealed class NsecEd25519 : IEd25519Backend
{
    public static readonly NsecEd25519 Instance = new();

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private NsecEd25519() { }

    public string Name => "nsec-libsodium";

    // Signing keys are imported for one use (NSec's default policy: never exportable) and disposed at once.
    public void PublicKeyFromSeed(ReadOnlySpan<byte> seed, Span<byte> publicKey)
    {
        using var key = Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey);
        if (!key.PublicKey.TryExport(KeyBlobFormat.RawPublicKey, publicKey, out int written) || written != Ed25519.PublicKeySize)
            throw new InvalidOperationException("NSec exported an Ed25519 public key of the wrong size");
    }

    public void Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        using var key = Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey);
        // libsodium derives the public half from the seed; a caller passing another public key has a bug, not a key.
        Span<byte> own = stackalloc byte[Ed25519.PublicKeySize];
        if (!key.PublicKey.TryExport(KeyBlobFormat.RawPublicKey, own, out _) || !own.SequenceEqual(publicKey))
            throw new ArgumentException("the public key is not the one this seed makes", nameof(publicKey));
        Algorithm.Sign(key, message, signature);
    }

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Ed25519.PublicKeySize || signature.Length != Ed25519.SignatureSize) return false;
        return PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key)
            && Algorithm.Verify(key!, message, signature);
    }
}
