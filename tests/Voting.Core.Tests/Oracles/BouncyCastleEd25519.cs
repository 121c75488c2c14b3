using Voting.Core.Crypto;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace Voting.Core.Tests.Oracles;

/// <summary>
/// An independent RFC 8032 implementation (BouncyCastle.Cryptography), for the tests only: the shipped backend must give
/// the same keys, signatures and verdicts. The product never calls it.
/// </summary>
public sealed class BouncyCastleEd25519 : IEd25519Backend
{
    public static readonly BouncyCastleEd25519 Instance = new();

    public string Name => "bouncycastle";

    public void PublicKeyFromSeed(ReadOnlySpan<byte> seed, Span<byte> publicKey)
    {
        var pk = new byte[Ed25519.PublicKeySize];
        BcEd25519.GeneratePublicKey(seed.ToArray(), 0, pk, 0);
        pk.CopyTo(publicKey);
    }

    public void Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        var sig = new byte[Ed25519.SignatureSize];
        var m = message.ToArray();
        BcEd25519.Sign(seed.ToArray(), 0, publicKey.ToArray(), 0, m, 0, m.Length, sig, 0);
        sig.CopyTo(signature);
    }

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var m = message.ToArray();
        return BcEd25519.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, m, 0, m.Length);
    }
}
