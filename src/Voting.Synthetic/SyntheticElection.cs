using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Voting.Core.Crypto;
using Voting.Core.Notes;
using Voting.Core.Records;

namespace Voting.Synthetic;

/// <summary>
/// A valid election log's bodies, derived from one seed: definition, roll of credential keys,
/// commitment, Open, one signed ballot per voter, Close. Every key and ballot is a pure
/// function of (seed, index), so two runs produce the same records.
/// </summary>
public sealed class SyntheticElection
{
    public const int Candidates = 6;

    private readonly byte[] _seed;
    private byte[][]? _credentialKeys;
    private readonly Schedule _schedule;

    public string ElectionId { get; }
    public int Voters { get; }
    public NoteSigner Organiser { get; }
    public byte[] TieBreakSeed { get; }
    /// <summary>The one lot contributor's seed (log.md §7.1), committed in the definition and revealed after Close.</summary>
    public byte[] LotContribution { get; }
    public ElectionDefinition Definition { get; }

    /// <summary>A fixed voting window in September 2026, so that logs built from the same inputs are byte-identical.</summary>
    public static readonly Schedule FixedSchedule = new() { OpensAtUnix = 1_790_000_000, ClosesAtUnix = 1_790_086_400 };

    /// <param name="schedule">The voting window; a live server run needs one around now, because the scrutineer holds Close to it.</param>
    public SyntheticElection(int voters, string electionId = "synthetic-2026", string seed = "voting-synthetic", Schedule? schedule = null)
    {
        _schedule = schedule ?? FixedSchedule;
        ArgumentOutOfRangeException.ThrowIfNegative(voters);
        Voters = voters;
        ElectionId = electionId;
        _seed = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        Organiser = new NoteSigner("organiser", Derive("organiser", 0));
        TieBreakSeed = Derive("tie-break", 0);
        LotContribution = Derive("lot-contribution", 0);
        Definition = BuildDefinition();
    }

    public byte[] Derive(string purpose, long index) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{Convert.ToHexStringLower(_seed)}/{purpose}/{index}"));

    public byte[] CredentialSeed(int voter) => Derive("credential", voter);

    private ElectionDefinition BuildDefinition()
    {
        var stv = new Contest { ContestId = "committee", Title = "Committee", Method = Method.Stv, Seats = 3, RuleSet = "scottish-stv" };
        for (int c = 0; c < Candidates; c++)
            stv.Candidates.Add(new Candidate
            {
                CandidateId = $"c{c}",
                Name = $"Candidate {c}",
                Attributes = { new Voting.Core.Records.Attribute { Key = "gender", Value = c % 2 == 0 ? "woman" : "man" } },
            });
        stv.Constraints.Add(new Constraint { ConstraintId = "women", AttributeKey = "gender", AttributeValue = "woman", MinElected = 1 });
        var fptp = new Contest { ContestId = "chair", Title = "Chair", Method = Method.Fptp, Seats = 1 };
        fptp.Candidates.Add(new Candidate { CandidateId = "a", Name = "Ada" });
        fptp.Candidates.Add(new Candidate { CandidateId = "b", Name = "Bo" });
        var d = new ElectionDefinition
        {
            ElectionId = ElectionId,
            Title = "Synthetic election",
            Contests = { stv, fptp },
            Schedule = _schedule.Clone(),
            RevotePolicy = RevotePolicy.Single,
            TieBreakSeedCommitment = ByteString.CopyFrom(RollMath.SeedCommitment(TieBreakSeed)),
            OrganiserKeys = { ByteString.CopyFrom(Organiser.PublicKey) },
            OrganiserThreshold = 1,
            RollKind = RollKind.CredentialKeys,
            LotContributors = { new LotContributor { Name = "scrutineer", Commitment = ByteString.CopyFrom(LotSeeds.Commitment(ElectionId, LotContribution)) } },
        };
        OrganiserSigning.Sign(d, 0, Organiser);
        return d;
    }

    /// <summary>Credential public keys of every voter, computed in parallel once.</summary>
    public byte[][] CredentialKeys()
    {
        if (_credentialKeys is not null) return _credentialKeys;
        var keys = new byte[Voters][];
        Parallel.For(0, Voters, i => keys[i] = Ed25519.PublicKeyFromSeed(CredentialSeed(i)));
        return _credentialKeys = keys;
    }

    /// <summary>Record bodies before the ballots: definition, roll chunks, roll commitment, Open.</summary>
    public IEnumerable<LogRecord> Preamble()
    {
        yield return new LogRecord { Election = Definition };
        var (chunks, commitment) = RollMath.Seal(ElectionId, CredentialKeys());
        foreach (var chunk in chunks) yield return new LogRecord { RollChunk = chunk };
        OrganiserSigning.Sign(commitment, 0, Organiser);
        yield return new LogRecord { RollCommitment = commitment };
        var open = new Open { ElectionId = ElectionId, OpenedAtUnix = Definition.Schedule.OpensAtUnix };
        OrganiserSigning.Sign(open, 0, Organiser);
        yield return new LogRecord { Open = open };
    }

    /// <summary>The organiser's CommitRoll request for this roll: every entry, and the signed commitment of the preamble.</summary>
    public Voting.Protocol.CommitRollRequest RollRequest()
    {
        var req = new Voting.Protocol.CommitRollRequest
        {
            ElectionId = ElectionId,
            Commitment = Preamble().Single(r => r.BodyCase == LogRecord.BodyOneofCase.RollCommitment).RollCommitment,
        };
        req.Entries.AddRange(CredentialKeys().Select(ByteString.CopyFrom));
        return req;
    }

    /// <summary>The signed Open act of the preamble.</summary>
    public Open OpenAct() => Preamble().Single(r => r.BodyCase == LogRecord.BodyOneofCase.Open).Open;

    /// <summary>Voter i's signed ballot: a deterministic ranking and chair choice.</summary>
    public Ballot BallotOf(int voter)
    {
        var keys = CredentialKeys();
        var r = Derive("preferences", voter);
        var ranking = Enumerable.Range(0, Candidates).OrderBy(c => r[c]).ThenBy(c => c).Take(1 + r[7] % Candidates).Select(c => (uint)c);
        var ballot = new Ballot
        {
            ElectionId = ElectionId,
            CredentialKey = ByteString.CopyFrom(keys[voter]),
            Plain = new PlainBallot
            {
                Votes =
                {
                    new ContestVote { Choices = { ranking } },
                    new ContestVote { Choices = { (uint)(r[8] % 2) } },
                },
            },
            ClientNonce = ByteString.CopyFrom(r, 16, 16),
        };
        VoterSigning.SignBallot(ballot, CredentialSeed(voter));
        return ballot;
    }

    /// <summary>Ballot record bodies in voter order, signed in parallel blocks.</summary>
    public IEnumerable<LogRecord> Ballots(int block = 4096)
    {
        for (int start = 0; start < Voters; start += block)
        {
            int n = Math.Min(block, Voters - start);
            var ballots = new Ballot[n];
            Parallel.For(0, n, i => ballots[i] = BallotOf(start + i));
            foreach (var b in ballots) yield return new LogRecord { Ballot = b };
        }
    }

    public LogRecord CloseRecord()
    {
        var close = new Close
        {
            ElectionId = ElectionId,
            ClosedAtUnix = Definition.Schedule.ClosesAtUnix,
            TieBreakSeed = ByteString.CopyFrom(TieBreakSeed),
        };
        OrganiserSigning.Sign(close, 0, Organiser);
        return new LogRecord { Close = close };
    }

    /// <summary>The lot contributor's reveal, after Close.</summary>
    public LotReveal LotRevealAct() => new() { ElectionId = ElectionId, ContributorIndex = 0, Seed = ByteString.CopyFrom(LotContribution) };

    /// <summary>Every body of the log before a Declaration, in order: through Close and the lot contribution's reveal.</summary>
    public IEnumerable<LogRecord> AllBodies() => Preamble().Concat(Ballots()).Append(CloseRecord()).Append(new LogRecord { LotReveal = LotRevealAct() });
}
