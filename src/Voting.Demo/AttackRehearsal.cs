using Google.Protobuf;
using Grpc.Core;
using Voting.Client.Api;
using Voting.Client.Member;
using Voting.Client.Organiser;
using Voting.Core.Records;
using Voting.Protocol;
using MemberClient = Voting.Client.Member.Member;

namespace Voting.Demo;

/// <summary>
/// What the split roll is for, rehearsed on the live server (issue 15): the office, holding every office code, tries to
/// enrol abstainers and is refused (errors.md V12); one member's two letters are taken by someone who enrols and votes
/// in their name, and after Close the member finds it (check-participation) and disputes it, so that ballot is set
/// aside before the count.
/// </summary>
internal sealed class AttackRehearsal(VotingApi api, Population population, DemoElection election, int victim, double turnout, Action<string> say)
{
    private ElectionDefinition D => election.Definition;

    /// <summary>Someone holding the victim's two letters (a housemate, a dishonest mail room) enrols and votes before Close.</summary>
    public async Task ImpersonateWithStolenLetters(CancellationToken ct)
    {
        var m = new MemberClient(api);
        var (credential, _) = await m.Enroll(D, election.OfficeCodes[victim], election.IssuerCodes[victim], ct).ConfigureAwait(false);
        var (_, receipt) = await m.Vote(credential, D, population.Choices(victim, D), ct: ct).ConfigureAwait(false);
        say($"attack: someone holding both of {Population.Id(victim)}'s letters enrolled and voted in their name in {D.ElectionId} (record {receipt.Index})");
    }

    /// <summary>
    /// The office, with its own codes for every member, signs enrollments for abstainers: without the independent
    /// issuer's half (or with one it makes up) every one is refused, so it can cast no ballot for them.
    /// </summary>
    public async Task OfficeEnrolsAbstainers(int attempts, CancellationToken ct)
    {
        var abstainers = Enumerable.Range(0, population.Members).Where(i => i != victim && !population.Votes(i, D.ElectionId, turnout)).Take(attempts).ToList();
        int refused = 0;
        foreach (var (i, k) in abstainers.Select((i, k) => (i, k)))
        {
            var (rollIndex, officeSeed) = EnrollmentCodes.Open(D.ElectionId, election.OfficeCodes[i]);
            var credential = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            var en = new Enrollment { ElectionId = D.ElectionId, RollIndex = rollIndex, CredentialKey = ByteString.CopyFrom(Voting.Core.Crypto.Ed25519.PublicKeyFromSeed(credential)) };
            VoterSigning.SignEnrollment(en, officeSeed, credential);
            // Half of the tries leave the issuer's half out; the other half sign it with a key the office made up.
            if (k % 2 == 1) IssuerSigning.SignEnrollmentIssuerHalf(en, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            try
            {
                await api.Enroll(en, ct).ConfigureAwait(false);
                throw new ClientException($"the server let the office enrol abstainer {Population.Id(i)} with its own code alone");
            }
            catch (RpcException e) when (ErrorRows.Of(e) == ErrorRows.V12) { refused++; }
        }
        say($"attack: the office, holding all its own codes, tried to enrol {abstainers.Count} abstainers of {D.ElectionId} (without the issuer's half, or with one it made up): {refused} refused (errors.md V12), so it cast no ballot for them");
    }

    /// <summary>After Close the victim checks their participation, is told someone used their codes, and disputes with both codes.</summary>
    public async Task VictimDisputes(CancellationToken ct)
    {
        var m = new MemberClient(api);
        var info = await api.Election(D.ElectionId, ct).ConfigureAwait(false);
        var answer = await m.Participation(D.ElectionId, election.OfficeCodes[victim], MemberClient.StatedPolicy(info), ct).ConfigureAwait(false);
        say($"{Population.Id(victim)} checks their participation in {D.ElectionId}:");
        foreach (var line in Participation.Describe(D, answer, mine: null)) say("    " + line);
        var r = await m.Dispute(D.ElectionId, election.OfficeCodes[victim], election.IssuerCodes[victim], ct).ConfigureAwait(false);
        say($"{Population.Id(victim)} disputed with both codes (record {r.Index}): the ballot cast in their name is set aside, not counted");
    }
}
