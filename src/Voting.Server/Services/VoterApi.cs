using Grpc.Core;
using Voting.Protocol;
using Voting.Server.Elections;
using static Voting.Server.Services.Replies;

namespace Voting.Server.Services;

/// <summary>VoterService of services.proto.</summary>
internal sealed class VoterApi(ElectionRegistry elections, Witnesses.PublishedWitnesses witnesses) : VoterService.VoterServiceBase
{
    public override Task<GetElectionResponse> GetElection(GetElectionRequest request, ServerCallContext context)
    {
        var h = elections.Get(request.ElectionId);
        return Task.FromResult(new GetElectionResponse { Definition = h.State.Definition, Phase = h.State.Phase, LogVkey = h.Store.LogKey.ToVkey(), WitnessPolicy = witnesses.For(h.Store.LogKey).Format() });
    }

    public override async Task<AppendResponse> Enroll(EnrollRequest request, ServerCallContext context)
    {
        var enrollment = Required(request.Enrollment, "enrollment");
        return Appended(await elections.Get(enrollment.ElectionId).EnrollAsync(enrollment, context.CancellationToken).ConfigureAwait(false));
    }

    public override async Task<AppendResponse> Cast(CastRequest request, ServerCallContext context)
    {
        var ballot = Required(request.Ballot, "ballot");
        return Appended(await elections.Get(ballot.ElectionId).CastAsync(ballot, context.CancellationToken).ConfigureAwait(false));
    }

    public override async Task<AppendResponse> Dispute(DisputeRequest request, ServerCallContext context)
    {
        var dispute = Required(request.Dispute, "dispute");
        return Appended(await elections.Get(dispute.ElectionId).DisputeAsync(dispute, context.CancellationToken).ConfigureAwait(false));
    }

    public override Task<GetParticipationResponse> GetParticipation(GetParticipationRequest request, ServerCallContext context) =>
        Task.FromResult(elections.Get(request.ElectionId).Participation(request));

    public override Task<AppendResponse> GetReceipt(GetReceiptRequest request, ServerCallContext context) =>
        Task.FromResult(Appended(elections.Get(request.ElectionId).Receipt(request.LeafHash.Span)));
}
