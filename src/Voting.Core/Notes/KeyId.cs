using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Voting.Core.Notes;

/// <summary>keyID = SHA-256(name || 0x0A || type || public key)[:4], read big-endian (log.md §8.2).</summary>
public static class KeyId
{
    public static uint Compute(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = 0x0A;
        buffer[nameBytes.Length + 1] = type;
        publicKey.CopyTo(buffer.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }
}
