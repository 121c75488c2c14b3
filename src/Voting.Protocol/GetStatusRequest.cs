using Voting.Core.Records;

namespace Voting.Protocol;

/// <summary>Not a record: a signed request for interim turnout (services.proto), checked like an organiser act.</summary>
public partial class GetStatusRequest : IOrganiserAct { string IOrganiserAct.SigningLabel => Labels.StatusRequest; }
