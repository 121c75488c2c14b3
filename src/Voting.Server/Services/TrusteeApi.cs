using Grpc.Core;
using Voting.Protocol;
using Voting.Server.Elections;
using static Voting.Server.Services.Replies;

namespace Voting.Server.Services;

/// <summary>TrusteeService of services.proto (sealed.md §3.2): thin handlers over the election registry; the rules live in the hosts.</summary>
internal sealed class TrusteeApi(ElectionRegistry elections) : TrusteeService.TrusteeServiceBase
{
    public override async Task<AppendResponse> Commit(TrusteeCommitRequest request, ServerCallContext context)
    {
        var commitment = Required(request.Commitment, "commitment");
        return Appended(await elections.Get(commitment.ElectionId).TrusteeCommitAsync(commitment, context.CancellationToken).ConfigureAwait(false));
    }

    public override async Task<AppendResponse> Confirm(TrusteeConfirmRequest request, ServerCallContext context)
    {
        var confirmation = Required(request.Confirmation, "confirmation");
        return Appended(await elections.Get(confirmation.ElectionId).TrusteeConfirmAsync(confirmation, context.CancellationToken).ConfigureAwait(false));
    }
}
