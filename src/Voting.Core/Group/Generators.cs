namespace Voting.Core.Group;

/// <summary>
/// Independent generators (docs/spec/sealed.md §1.3): H_i = Point.FromHash("voting/v2/generator\n", uint32_be(i)).
/// Nobody chose them, so nobody knows a discrete logarithm between them and G — what the shuffle and the proofs of
/// issue 16 rely on.
/// </summary>
public static class Generators
{
    public const string Label = "voting/v2/generator\n";

    public static Point Independent(uint index)
    {
        Span<byte> i = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(i, index);
        return Point.FromHash(Label, i);
    }
}
