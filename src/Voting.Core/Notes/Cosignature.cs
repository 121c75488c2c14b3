using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Voting.Core.Crypto;

namespace Voting.Core.Notes;

/// <summary>C2SP tlog-cosignature, cosignature/v1 (log.md §8.4).</summary>
public static class Cosignature
{
    /// <summary>"cosignature/v1\ntime &lt;t&gt;\n" || checkpoint text.</summary>
    public static byte[] SignedMessage(string checkpointText, ulong timestamp) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n{checkpointText}");

    /// <summary>The timestamp the witness vouched for, or null when the blob is not a valid cosignature by this verifier.</summary>
    public static ulong? Verify(NoteVerifier verifier, string checkpointText, NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(signature);
        if (verifier.Type != SignatureType.CosignatureV1) return null;
        var blob = signature.Blob;
        if (blob.Length != 4 + 8 + Ed25519.SignatureSize) return null;
        if (signature.Name != verifier.Name || BinaryPrimitives.ReadUInt32BigEndian(blob) != verifier.KeyId) return null;
        ulong timestamp = BinaryPrimitives.ReadUInt64BigEndian(blob.AsSpan(4));
        return Ed25519.Verify(verifier.PublicKey, SignedMessage(checkpointText, timestamp), blob.AsSpan(12)) ? timestamp : null;
    }
}
