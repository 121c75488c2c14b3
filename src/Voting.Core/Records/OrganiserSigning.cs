using Google.Protobuf;
using Voting.Core.Crypto;
using Voting.Core.Notes;

namespace Voting.Core.Records;

/// <summary>
/// Organiser signatures on acts (log.md §8.5): payload = label || body with its signatures
/// removed. Signature fields carry the highest field numbers, so that body is also the
/// record's body bytes with the trailing signature fields cut off.
/// </summary>
public static class OrganiserSigning
{
    public static string LabelOf(IOrganiserAct act) =>
        (act ?? throw new ArgumentNullException(nameof(act))).SigningLabel;

    public static byte[] Payload(IOrganiserAct act)
    {
        ArgumentNullException.ThrowIfNull(act);
        var copy = (IOrganiserAct)act.Descriptor.Parser.ParseFrom(act.ToByteArray());
        copy.Signatures.Clear();
        return Labels.Prefix(LabelOf(act), copy.ToByteArray());
    }

    public static void Sign(IOrganiserAct act, uint keyIndex, NoteSigner organiser)
    {
        ArgumentNullException.ThrowIfNull(act);
        ArgumentNullException.ThrowIfNull(organiser);
        var sig = organiser.SignBytes(Payload(act));
        act.Signatures.Add(new OrganiserSignature { KeyIndex = keyIndex, Signature = ByteString.CopyFrom(sig) });
    }

    /// <summary>
    /// Whether the definition names the organisers a scrutineer's policy pins (audit.md §5): exactly the pinned keys,
    /// and a threshold at least the pinned one. Null when it does, or nothing is pinned; otherwise the reason. Without
    /// it, one organiser allowed to create elections could name a key of its own beside the others, or threshold 1.
    /// </summary>
    public static string? PinProblem(ElectionDefinition definition, IReadOnlyList<byte[]> keys, uint? threshold)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count > 0)
        {
            var named = definition.OrganiserKeys.Select(k => k.ToBase64()).ToHashSet(StringComparer.Ordinal);
            var pinned = keys.Select(Convert.ToBase64String).ToHashSet(StringComparer.Ordinal);
            if (!named.SetEquals(pinned))
                return $"the definition names organiser keys {string.Join(", ", definition.OrganiserKeys.Select(k => k.ToBase64()))}; the policy pins {string.Join(", ", pinned)}";
        }
        uint stated = Math.Max(1u, definition.OrganiserThreshold);
        return threshold is { } least && stated < least ? $"the definition's organiser threshold is {stated}; the policy requires at least {least}" : null;
    }

    /// <summary>
    /// Null when the act carries at least the definition's threshold of valid signatures by
    /// distinct organiser keys and no invalid one; otherwise the reason.
    /// </summary>
    /// <param name="threshold">Signatures needed instead of the definition's threshold: 1 for a request that only reads (GetStatus).</param>
    public static string? Check(IOrganiserAct act, ElectionDefinition definition, uint? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(act);
        ArgumentNullException.ThrowIfNull(definition);
        if (act.ElectionId != definition.ElectionId)
            return $"act names election \"{act.ElectionId}\", the log is for \"{definition.ElectionId}\"";
        uint needed = threshold ?? Math.Max(1u, definition.OrganiserThreshold);
        var payload = Payload(act);
        var used = new HashSet<uint>();
        foreach (var s in act.Signatures)
        {
            if (s.KeyIndex >= definition.OrganiserKeys.Count) return $"signature names organiser key {s.KeyIndex}, but only {definition.OrganiserKeys.Count} are defined";
            if (!used.Add(s.KeyIndex)) return $"organiser key {s.KeyIndex} signed twice";
            if (!Ed25519.Verify(definition.OrganiserKeys[(int)s.KeyIndex].Span, payload, s.Signature.Span))
                return $"signature by organiser key {s.KeyIndex} does not verify";
        }
        return used.Count >= needed ? null : $"{used.Count} organiser signature(s); the election requires {needed}";
    }
}
