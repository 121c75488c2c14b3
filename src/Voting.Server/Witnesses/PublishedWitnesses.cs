using Voting.Core.Notes;

namespace Voting.Server.Witnesses;

/// <summary>
/// The witnesses this server asks to cosign and the quorum it publishes with: with a log's key, that log's witness
/// policy, served in `keys` and GetElection so members and scrutineers can pin it (audit.md §5).
/// </summary>
internal sealed record PublishedWitnesses(IReadOnlyList<NoteVerifier> Keys, int Quorum)
{
    public WitnessPolicy For(NoteVerifier logKey) => new(logKey, Keys, Quorum);
}
