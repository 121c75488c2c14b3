using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Voting.Core.Crypto;

/// <summary>
/// Ed25519 on the native libsodium that NSec's libsodium NuGet package carries for every platform (no system library).
/// Verification goes through NSec (a public key is imported without secret memory). Key derivation and signing call
/// the same library's crypto_sign_seed_keypair and crypto_sign_detached directly: NSec's Key copies a secret into
/// guarded, locked pages (sodium_malloc), about 200 µs per import here, which one signature from a seed already held in
/// managed memory cannot amortise and which protects nothing the caller's copy does not already expose. Voting's
/// acceptance rules sit above this in <see cref="Ed25519"/>; the tests hold its keys, signatures and verdicts equal to
/// an independent implementation (BouncyCastle) on every vector.
/// </summary>
public sealed class SodiumEd25519 : IEd25519Backend
{
    public static readonly SodiumEd25519 Instance = new();

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private SodiumEd25519()
    {
        // NSec initialises libsodium when first used; signing may come first, and sodium_init is idempotent.
        if (Native.sodium_init() < 0) throw new InvalidOperationException("libsodium could not be initialised");
    }

    public string Name => "libsodium (packaged; verification through NSec)";

    public void PublicKeyFromSeed(ReadOnlySpan<byte> seed, Span<byte> publicKey)
    {
        if (seed.Length != Ed25519.SeedSize || publicKey.Length != Ed25519.PublicKeySize) throw new ArgumentException("an Ed25519 seed and public key are 32 bytes each");
        Span<byte> secret = stackalloc byte[64];
        try { KeyPair(seed, publicKey, secret); }
        finally { CryptographicOperations.ZeroMemory(secret); }
    }

    /// <summary>libsodium's key pair from a seed: the public key, and the secret key (seed || public key).</summary>
    private static void KeyPair(ReadOnlySpan<byte> seed, Span<byte> publicKey, Span<byte> secret)
    {
        if (Native.crypto_sign_seed_keypair(out MemoryMarshal.GetReference(publicKey), out MemoryMarshal.GetReference(secret), in MemoryMarshal.GetReference(seed)) != 0)
            throw new InvalidOperationException("libsodium crypto_sign_seed_keypair failed");
    }

    public void Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        if (seed.Length != Ed25519.SeedSize || publicKey.Length != Ed25519.PublicKeySize || signature.Length != Ed25519.SignatureSize)
            throw new ArgumentException("an Ed25519 seed and public key are 32 bytes, a signature 64");
        // libsodium's secret key is seed || public key; it is made from the seed here, so a wrong public key cannot
        // produce a signature under a key that is not the seed's.
        Span<byte> secret = stackalloc byte[64];
        Span<byte> own = stackalloc byte[Ed25519.PublicKeySize];
        try
        {
            KeyPair(seed, own, secret);
            if (!own.SequenceEqual(publicKey)) throw new ArgumentException("the public key is not the one this seed makes", nameof(publicKey));
            ReadOnlySpan<byte> m = message.IsEmpty ? [0] : message; // a real address even for an empty message
            if (Native.crypto_sign_detached(out MemoryMarshal.GetReference(signature), IntPtr.Zero, in MemoryMarshal.GetReference(m), (ulong)message.Length, in MemoryMarshal.GetReference(secret)) != 0)
                throw new InvalidOperationException("libsodium crypto_sign_detached failed");
        }
        finally { CryptographicOperations.ZeroMemory(secret); }
    }

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Ed25519.PublicKeySize || signature.Length != Ed25519.SignatureSize) return false;
        return PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key)
            && Algorithm.Verify(key!, message, signature);
    }

    /// <summary>The library NSec loads ("libsodium", from the libsodium package's runtimes folder).</summary>
    private static class Native
    {
        private const string Library = "libsodium";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
        internal static extern int sodium_init();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
        internal static extern int crypto_sign_seed_keypair(out byte pk, out byte sk, in byte seed);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
        internal static extern int crypto_sign_detached(out byte sig, IntPtr siglen, in byte m, ulong mlen, in byte sk);
    }
}
