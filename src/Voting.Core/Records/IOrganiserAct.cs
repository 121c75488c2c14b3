using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Voting.Core.Records;

/// <summary>A record body the organisers sign (log.md §8.5): election, roll commitment, open, close, declaration.</summary>
public interface IOrganiserAct : IMessage
{
    string ElectionId { get; }
    RepeatedField<OrganiserSignature> Signatures { get; }
}

public partial class ElectionDefinition : IOrganiserAct { }
public partial class RollCommitment : IOrganiserAct { }
public partial class Open : IOrganiserAct { }
public partial class Close : IOrganiserAct { }
public partial class Declaration : IOrganiserAct { }
