using Voting.Core.Records;

namespace Voting.Core.Services;

/// <summary>Not a record: a signed request for interim turnout (services.proto), checked like an organiser act.</summary>
public partial class GetStatusRequest : IOrganiserAct { }
