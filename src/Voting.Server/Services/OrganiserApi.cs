using Grpc.Core;
using Voting.Protocol;
using Voting.Server.Elections;
using static Voting.Server.Services.Replies;

namespace Voting.Server.Services;

/// <summary>OrganiserService of services.proto: thin handlers over the election registry; the rules live in the hosts.</summary>
internal sealed class OrganiserApi(ElectionRegistry elections) : OrganiserService.OrganiserServiceBase
{
    public override async Task<AppendResponse> CreateElection(CreateElectionRequest request, ServerCallContext context) =>
        Appended(await elections.CreateAsync(Required(request.Definition, "definition"), context.CancellationToken).ConfigureAwait(false));

    public override async Task<AppendResponse> CommitRoll(CommitRollRequest request, ServerCallContext context)
    {
        Required(request.Commitment, "commitment");
        return Appended(await elections.Get(request.ElectionId).CommitRollAsync(request, context.CancellationToken).ConfigureAwait(false));
    }

    public override async Task<AppendResponse> Open(OpenRequest request, ServerCallContext context)
    {
        var open = Required(request.Open, "open");
        return Appended(await elections.Get(open.ElectionId).OpenAsync(open, context.CancellationToken).ConfigureAwait(false));
    }

    public override async Task<AppendResponse> Close(CloseRequest request, ServerCallContext context)
    {
        var close = Required(request.Close, "close");
        return Appended(await elections.Get(close.ElectionId).CloseAsync(close, context.CancellationToken).ConfigureAwait(false));
    }

    public override async Task<AppendResponse> Declare(DeclareRequest request, ServerCallContext context)
    {
        var declaration = Required(request.Declaration, "declaration");
        return Appended(await elections.Get(declaration.ElectionId).DeclareAsync(declaration, context.CancellationToken).ConfigureAwait(false));
    }

    public override async Task<AppendResponse> RevealLot(RevealLotRequest request, ServerCallContext context)
    {
        var reveal = Required(request.Reveal, "reveal");
        return Appended(await elections.Get(reveal.ElectionId).RevealLotAsync(reveal, context.CancellationToken).ConfigureAwait(false));
    }

    public override async Task<AppendResponse> AttestRoll(AttestRollRequest request, ServerCallContext context)
    {
        var attestation = Required(request.Attestation, "attestation");
        return Appended(await elections.Get(attestation.ElectionId).AttestRollAsync(attestation, context.CancellationToken).ConfigureAwait(false));
    }

    public override async Task<AppendResponse> RecordRollAudit(RecordRollAuditRequest request, ServerCallContext context)
    {
        var audit = Required(request.Audit, "audit");
        return Appended(await elections.Get(audit.ElectionId).RecordRollAuditAsync(audit, context.CancellationToken).ConfigureAwait(false));
    }

    public override Task<GetStatusResponse> GetStatus(GetStatusRequest request, ServerCallContext context) =>
        Task.FromResult(elections.Get(request.ElectionId).Status(request));
}
