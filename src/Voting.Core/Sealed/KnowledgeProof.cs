using System.Buffers.Binary;
using System.Text;
using Voting.Core.Group;

namespace Voting.Core.Sealed;

/// <summary>
/// A Schnorr proof that whoever made a ciphertext knows its randomness r (docs/spec/sealed.md §2.3): commitment
/// A = w·G, challenge c = hash_to_scalar("voting/v2/ballot-proof\n", context || α || β || A), response z = w + c·r;
/// published as (c, z). The context binds the election, its key, the voter's credential, the contest and the part,
/// so a ciphertext copied into another member's ballot, contest or election fails (Cortier–Smyth), and α, β are
/// hashed with A (the strong Fiat–Shamir form of Bernhard–Pereira–Warinschi).
/// </summary>
public readonly record struct KnowledgeProof(Scalar Challenge, Scalar Response)
{
    public const string Label = "voting/v2/ballot-proof\n";

    /// <summary>Where a ciphertext belongs: what its proof binds it to.</summary>
    public sealed record Context(string ElectionId, Point ElectionKey, ReadOnlyMemory<byte> CredentialKey, uint Contest, uint Part)
    {
        /// <summary>uint8(len(election_id)) || election_id || H || uint8(len(credential)) || credential || uint32_be(contest) || uint32_be(part).</summary>
        public byte[] Bytes()
        {
            if (ElectionId.Any(ch => ch > 0x7f)) throw new ArgumentException("an election id is ASCII (log.md §6)");
            var id = ElectionIdField.LengthPrefixed(ElectionId);
            if (id is null || CredentialKey.Length > 255) throw new ArgumentException("an election id and a credential key are at most 255 bytes");
            var b = new byte[id.Length + Point.Size + 1 + CredentialKey.Length + 8];
            int at = 0;
            id.CopyTo(b, at); at += id.Length;
            ElectionKey.ToArray().CopyTo(b, at); at += Point.Size;
            b[at++] = (byte)CredentialKey.Length;
            CredentialKey.Span.CopyTo(b.AsSpan(at)); at += CredentialKey.Length;
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), Contest); at += 4;
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), Part);
            return b;
        }
    }

    public static KnowledgeProof Prove(Context context, Ciphertext ct, Scalar r)
    {
        ArgumentNullException.ThrowIfNull(context);
        Scalar w;
        do w = Scalar.Random(); while (w.IsZero);
        return Prove(context, ct, r, w);
    }

    /// <summary>With a given commitment nonce w (vectors only: a reused w reveals r).</summary>
    public static KnowledgeProof Prove(Context context, Ciphertext ct, Scalar r, Scalar w)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = Hash(context, ct, Point.MultiplyBase(w));
        return new(c, w + c * r);
    }

    /// <summary>The checker: A' = z·G − c·α must hash, with the context and the ciphertext, to c.</summary>
    public bool Verifies(Context context, Ciphertext ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        // An identity α or key would let anyone make a proof without r (A = z·G with any z): refused here too, not only in decoding.
        if (ct.Alpha.IsIdentity || context.ElectionKey.IsIdentity) return false;
        var a = Point.MultiplyBase(Response) - Challenge * ct.Alpha;
        return !a.IsIdentity && Hash(context, ct, a) == Challenge;
    }

    private static Scalar Hash(Context context, Ciphertext ct, Point a)
    {
        var ctx = context.Bytes();
        var input = new byte[ctx.Length + 3 * Point.Size];
        ctx.CopyTo(input, 0);
        ct.Alpha.ToArray().CopyTo(input, ctx.Length);
        ct.Beta.ToArray().CopyTo(input, ctx.Length + Point.Size);
        a.ToArray().CopyTo(input, ctx.Length + 2 * Point.Size);
        return Scalar.FromHash(Label, input);
    }
}
