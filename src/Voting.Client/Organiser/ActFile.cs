using Google.Protobuf;
using Voting.Client.Api;
using Voting.Core.IO;
using Voting.Core.Records;
using Voting.Protocol;

namespace Voting.Client.Organiser;

/// <summary>
/// An organiser act waiting for signatures (proto/voting/v1/acts.proto, in the protobuf JSON mapping): prepared by one
/// organiser, passed to each of the others to sign on their own machine, submitted once it carries the threshold.
/// Written 0600: a Close carries the tie-break seed, which stays secret until the Close is recorded.
/// </summary>
public static class ActFile
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation());

    public static void Write(string path, PendingAct act) => AtomicFile.WriteText(path, Formatter.Format(act) + "\n", AtomicFile.OwnerOnly);

    public static PendingAct Read(string path)
    {
        if (!File.Exists(path)) throw new ClientException($"{path} does not exist", "an act file is written by the organiser who prepared the act (create, roll import, open, close, declare)");
        PendingAct act;
        try { act = Parser.Parse<PendingAct>(File.ReadAllText(path)); }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new ClientException($"{path} is not an organiser act file: {e.Message}", "use the file exactly as the preparing organiser sent it");
        }
        if (act.ActCase == PendingAct.ActOneofCase.None) throw new ClientException($"{path} holds no act");
        if (act.ActCase == PendingAct.ActOneofCase.Roll && act.Roll.Commitment is null) throw new ClientException($"{path}: the roll has no commitment");
        return act;
    }

    public static PendingAct Of(IOrganiserAct act, CommitRollRequest? roll = null) => act switch
    {
        ElectionDefinition d => new PendingAct { Definition = d },
        RollCommitment => new PendingAct { Roll = roll ?? throw new ArgumentNullException(nameof(roll)) },
        Open o => new PendingAct { Open = o },
        Close c => new PendingAct { Close = c },
        Declaration d => new PendingAct { Declaration = d },
        _ => throw new ArgumentException($"{act?.GetType().Name} is not an organiser act", nameof(act)),
    };

    /// <summary>The act inside, whose signatures are added to.</summary>
    public static IOrganiserAct Act(PendingAct p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.ActCase switch
        {
            PendingAct.ActOneofCase.Definition => p.Definition,
            PendingAct.ActOneofCase.Roll => p.Roll.Commitment,
            PendingAct.ActOneofCase.Open => p.Open,
            PendingAct.ActOneofCase.Close => p.Close,
            _ => p.Declaration,
        };
    }

    /// <summary>The verb of the act, as the commands name it.</summary>
    public static string Verb(PendingAct p) => (p ?? throw new ArgumentNullException(nameof(p))).ActCase switch
    {
        PendingAct.ActOneofCase.Definition => "create",
        PendingAct.ActOneofCase.Roll => "roll",
        PendingAct.ActOneofCase.Open => "open",
        PendingAct.ActOneofCase.Close => "close",
        _ => "declare",
    };
}
