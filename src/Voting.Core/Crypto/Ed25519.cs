namespace Voting.Core.Crypto;

/// <summary>
/// Ed25519 as Voting uses it (log.md §8.1): RFC 8032 signatures, with the acceptance rules
/// applied here, above the backend, so that every backend gives the same verdict.
/// </summary>
public static class Ed25519
{
    public const int PublicKeySize = 32;
    public const int SeedSize = 32;
    public const int SignatureSize = 64;

    private static readonly SodiumEd25519 _backend = SodiumEd25519.Instance;

    /// <summary>The backend in use: the packaged native libsodium on every platform (verification through NSec).</summary>
    public static IEd25519Backend Backend => _backend;

    public static byte[] PublicKeyFromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize) throw new ArgumentException($"an Ed25519 seed is {SeedSize} bytes, got {seed.Length}", nameof(seed));
        var pk = new byte[PublicKeySize];
        _backend.PublicKeyFromSeed(seed, pk);
        return pk;
    }

    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message)
    {
        if (seed.Length != SeedSize) throw new ArgumentException($"an Ed25519 seed is {SeedSize} bytes, got {seed.Length}", nameof(seed));
        if (publicKey.Length != PublicKeySize) throw new ArgumentException($"an Ed25519 public key is {PublicKeySize} bytes", nameof(publicKey));
        var sig = new byte[SignatureSize];
        _backend.Sign(seed, publicKey, message, sig);
        return sig;
    }

    /// <summary>Verify under Voting's rules (log.md §8.1): canonical encodings only, no small-order key or R, then RFC 8032.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Verify(_backend, publicKey, message, signature);

    public static bool Verify(IEd25519Backend backend, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (publicKey.Length != PublicKeySize || signature.Length != SignatureSize) return false;
        if (!Ed25519Encoding.IsAcceptablePoint(publicKey) || !Ed25519Encoding.IsAcceptablePoint(signature[..32])) return false;
        if (!Ed25519Encoding.IsCanonicalScalar(signature[32..])) return false;
        return backend.Verify(publicKey, message, signature);
    }
}
