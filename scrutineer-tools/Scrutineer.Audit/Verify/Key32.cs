using System.Buffers.Binary;

namespace Scrutineer.Verify;

/// <summary>A 32-byte key (credential, roll entry) as a value: 32 bytes in a dictionary entry instead of a string or array per key.</summary>
internal readonly record struct Key32(ulong A, ulong B, ulong C, ulong D)
{
    public static Key32 Of(ReadOnlySpan<byte> b) =>
        b.Length != 32 ? throw new ArgumentException("a key is 32 bytes", nameof(b))
        : new(BinaryPrimitives.ReadUInt64LittleEndian(b), BinaryPrimitives.ReadUInt64LittleEndian(b[8..]), BinaryPrimitives.ReadUInt64LittleEndian(b[16..]), BinaryPrimitives.ReadUInt64LittleEndian(b[24..]));
}
