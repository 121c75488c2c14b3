using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Voting.Core.Records;

/// <summary>A record body the organisers sign (log.md §8.5): election, roll commitment, open, close, declaration.</summary>
public interface IOrganiserAct : IMessage
{
    string ElectionId { get; }
    RepeatedField<OrganiserSignature> Signatures { get; }

    /// <summary>The domain label its signatures are made under (log.md §8.5), one per kind of act.</summary>
    string SigningLabel { get; }
}

public partial class ElectionDefinition : IOrganiserAct { string IOrganiserAct.SigningLabel => Labels.Election; }
public partial class RollCommitment : IOrganiserAct { string IOrganiserAct.SigningLabel => Labels.RollCommitment; }
public partial class Open : IOrganiserAct { string IOrganiserAct.SigningLabel => Labels.Open; }
public partial class Close : IOrganiserAct { string IOrganiserAct.SigningLabel => Labels.Close; }
public partial class Declaration : IOrganiserAct { string IOrganiserAct.SigningLabel => Labels.Declaration; }
