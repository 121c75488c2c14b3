using System.Security.Cryptography;
using System.Text;

namespace Voting.Core.Group;

/// <summary>SHA-512(label || input) (docs/spec/sealed.md §1.3): the 64 bytes that hashing to a scalar reduces and hashing to an element maps.</summary>
internal static class LabelledHash
{
    public static void Sha512(string label, ReadOnlySpan<byte> input, Span<byte> wide)
    {
        ArgumentNullException.ThrowIfNull(label);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        h.AppendData(Encoding.ASCII.GetBytes(label));
        h.AppendData(input);
        if (!h.TryGetHashAndReset(wide, out int written) || written != 64) throw new ArgumentException("the output is 64 bytes", nameof(wide));
    }
}
