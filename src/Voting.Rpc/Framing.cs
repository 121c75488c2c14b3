using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Buffers;

namespace Voting.Rpc;

/// <summary>
/// Length-prefixed messages (PROTOCOL-HTTP2): a flag byte (0 = uncompressed, 1 = compressed; bit 7 marks a
/// gRPC-Web trailer frame), a 4-byte big-endian length, then the message.
/// </summary>
public static class Framing
{
    public const int HeaderSize = 5;
    public const byte TrailerFlag = 0x80;

    public static byte[] Frame(ReadOnlySpan<byte> message, byte flag = 0)
    {
        var buffer = new byte[HeaderSize + message.Length];
        buffer[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1), (uint)message.Length);
        message.CopyTo(buffer.AsSpan(HeaderSize));
        return buffer;
    }

    /// <summary>
    /// Reads one frame: null at a clean end of stream; RpcException for a truncated frame, a compressed
    /// frame (no encodings are supported) or one larger than maxSize.
    /// </summary>
    public static async Task<(byte Flag, byte[] Message)?> ReadAsync(PipeReader reader, int maxSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (true)
        {
            var result = await reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryTake(ref buffer, maxSize, out var frame))
            {
                reader.AdvanceTo(buffer.Start);
                return frame;
            }
            if (result.IsCompleted)
            {
                long left = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (left == 0) return null;
                throw new RpcException(StatusCode.Internal, $"truncated message: the stream ended inside a frame ({left} bytes of it)");
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryTake(ref ReadOnlySequence<byte> buffer, int maxSize, out (byte, byte[]) frame)
    {
        frame = default;
        if (buffer.Length < HeaderSize) return false;
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > maxSize) throw new RpcException(StatusCode.ResourceExhausted, $"message of {length} bytes exceeds the limit of {maxSize}");
        if ((header[0] & 0x01) != 0 && (header[0] & TrailerFlag) == 0)
            throw new RpcException(StatusCode.Unimplemented, "compressed messages are not supported (grpc-encoding identity only)");
        if (buffer.Length < HeaderSize + length) return false;
        frame = (header[0], buffer.Slice(HeaderSize, length).ToArray());
        buffer = buffer.Slice(HeaderSize + length);
        return true;
    }
}
