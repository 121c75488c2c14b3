using Google.Protobuf;
using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.Records;
using Voting.Protocol;

namespace Voting.Fuzz.Targets;

/// <summary>
/// Protobuf from the wire: the log's records and the requests of services.proto, their bytes mutated, parsed as the
/// server and the scrutineer parse them (Canonical.Parse; each request type's parser), then given to the rules that
/// judge them (DefinitionRules, OrganiserSigning, BallotRules, VoterSigning). Oracle: a value, a finding, or
/// VotingFormatException / InvalidProtocolBufferException — nothing else.
/// </summary>
internal sealed class RecordsTarget : Target
{
    private static readonly byte[][] Records = [.. Corpus.Valid.Records];
    private static readonly ElectionDefinition Definition = Corpus.Bodies[0].Election;
    private static readonly MessageParser[] RequestParsers =
    [
        CreateElectionRequest.Parser, CommitRollRequest.Parser, OpenRequest.Parser, CloseRequest.Parser, DeclareRequest.Parser,
        GetStatusRequest.Parser, GetElectionRequest.Parser, EnrollRequest.Parser, CastRequest.Parser, GetReceiptRequest.Parser,
        GetCheckpointRequest.Parser, GetEntriesRequest.Parser, GetInclusionProofRequest.Parser, GetConsistencyProofRequest.Parser,
    ];

    public override string Name => "records";

    public override Finding? One(Random rng)
    {
        var bytes = Mutate.Bytes(Records[rng.Next(Records.Length)], rng);
        try
        {
            if (rng.Next(2) == 0)
            {
                var r = Canonical.Parse(bytes);
                Judge(r);
            }
            else
            {
                // A record's body is the request's payload; the request wraps it as field 1 (or is read as it comes).
                var parser = RequestParsers[rng.Next(RequestParsers.Length)];
                var message = parser.ParseFrom(rng.Next(2) == 0 ? bytes : [0x0a, .. Varint(bytes.Length), .. bytes]);
                message.CalculateSize();
            }
            return null;
        }
        catch (Exception e) when (e is VotingFormatException or InvalidProtocolBufferException) { return null; }
        catch (Exception e) { return Crash(e, Mutate.Show(bytes)); }
    }

    private static void Judge(LogRecord r)
    {
        switch (r.BodyCase)
        {
            case LogRecord.BodyOneofCase.Election:
                DefinitionRules.Problems(r.Election);
                OrganiserSigning.Check(r.Election, r.Election);
                break;
            case LogRecord.BodyOneofCase.Ballot:
                BallotRules.Check(r.Ballot, Definition);
                BallotRules.Check(r.Ballot, Corpus.Bodies[0].Election, checkSignature: false);
                break;
            case LogRecord.BodyOneofCase.RollCommitment: OrganiserSigning.Check(r.RollCommitment, Definition); break;
            case LogRecord.BodyOneofCase.Open: OrganiserSigning.Check(r.Open, Definition); break;
            case LogRecord.BodyOneofCase.Close: OrganiserSigning.Check(r.Close, Definition); break;
            case LogRecord.BodyOneofCase.Declaration: OrganiserSigning.Check(r.Declaration, Definition); break;
            case LogRecord.BodyOneofCase.Enrollment: VoterSigning.CheckEnrollment(r.Enrollment, new byte[32]); break;
            case LogRecord.BodyOneofCase.LotReveal: LotRules.RevealProblem(r.LotReveal, Definition, closed: true, declared: false, alreadyRevealed: false); break;
        }
    }

    private static byte[] Varint(int n)
    {
        var b = new List<byte>();
        uint v = (uint)n;
        while (v >= 0x80) { b.Add(unchecked((byte)(v | 0x80))); v >>= 7; }
        b.Add((byte)v);
        return [.. b];
    }
}
