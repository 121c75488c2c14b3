using System.Text;

namespace Voting.Core.Notes;

/// <summary>
/// Whose signatures make a checkpoint trustworthy (audit.md §5): the log's key, the witnesses' keys and how many
/// of them must have cosigned. One rule for every place a checkpoint is trusted — the scrutineer's verify, a
/// member's receipt check, the watcher — so an uncosigned fork is refused everywhere or nowhere.
/// </summary>
public sealed record WitnessPolicy(NoteVerifier LogKey, IReadOnlyList<NoteVerifier> Witnesses, int Quorum)
{
    /// <summary>The valid cosignatures among verified signatures (a witness's carries a timestamp; the log's does not).</summary>
    public static int Cosigned(IReadOnlyList<VerifiedSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        return signatures.Count(s => s.Timestamp is not null);
    }

    /// <summary>Why these verified signatures fall short of the quorum; null when they meet it.</summary>
    public string? Shortfall(IReadOnlyList<VerifiedSignature> signatures) =>
        Cosigned(signatures) is var n && n >= Quorum ? null : $"{n} valid cosignatures by the policy's witnesses; {Quorum} required";

    /// <summary>
    /// The checkpoint, once its log signature and at least Quorum of the policy's witnesses' cosignatures verify.
    /// A signature line by a policy key that does not verify fails the whole note (SignedNote.Verify).
    /// </summary>
    /// <exception cref="NoteVerificationException">A signature fails, or the quorum is not met.</exception>
    /// <exception cref="VotingFormatException">The note or its checkpoint text is malformed.</exception>
    public (Checkpoint Checkpoint, IReadOnlyList<VerifiedSignature> Signatures) Verify(string signedCheckpoint)
    {
        var (checkpoint, _, signatures) = Checkpoint.ParseAndVerify(signedCheckpoint, LogKey, Witnesses);
        if (Shortfall(signatures) is { } why) throw new NoteVerificationException($"checkpoint at size {checkpoint.Size} has {why}");
        return (checkpoint, signatures);
    }

    /// <summary>The policy's lines ("log", "witness", "quorum"), readable by <see cref="PolicyFile.Parse"/>.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append("log ").Append(LogKey.ToVkey()).Append('\n');
        foreach (var w in Witnesses) sb.Append("witness ").Append(w.ToVkey()).Append('\n');
        sb.Append("quorum ").Append(Quorum.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }
}
