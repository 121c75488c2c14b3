namespace Voting.Core.Crypto;

/// <summary>One implementation of RFC 8032 Ed25519. Voting's acceptance rules sit above it in <see cref="Ed25519"/>.</summary>
public interface IEd25519Backend
{
    string Name { get; }
    void PublicKeyFromSeed(ReadOnlySpan<byte> seed, Span<byte> publicKey);
    void Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, Span<byte> signature);
    bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}
