using Google.Protobuf;
using Voting.Core.Ballots;
using Voting.Core.Group;
using Voting.Core.Records;
using Voting.Core.Sealed;
using Voting.Synthetic;

namespace Voting.Core.Tests;

/// <summary>
/// A whole sealed ballot (docs/spec/sealed.md §6): sealed for a voter's style, it passes the checker and decrypts to
/// the choices; every way of making it wrong — a contest outside the style with parts, parts missing, a non-canonical
/// or identity element, proofs moved between contests, parts or voters, another key — is refused with ballot.sealed;
/// a plain election refuses a sealed ballot and a sealed election a plain one, with ballot.content.
/// </summary>
public class SealedBallotTests
{
    private static readonly SyntheticElection Election = new(4, "sealed-ballot-test");
    private static readonly ElectionDefinition D = Election.Definition; // committee (STV, 6 candidates) and chair (FPTP)
    private static readonly Scalar Secret = Scalar.FromHash("voting/v2/test\n", "sealed ballot"u8);
    private static readonly Point Key = Point.MultiplyBase(Secret);
    private static readonly byte[] Credential = Election.CredentialKeys()[0];
    private static readonly bool[] Both = [true, true], ChairOnly = [false, true];

    private static SealedBallot Sealed(bool[] style, IReadOnlyList<IReadOnlyList<uint>>? choices = null) =>
        SealedBallots.Seal(D, Key, Credential, choices ?? [style[0] ? [2u, 0u, 5u] : [], [1u]], style).Ballot;

    [Fact]
    public void ASealedBallotPassesAndDecryptsToItsChoices()
    {
        var ballot = Sealed(Both);
        Assert.Null(SealedBallots.Problem(ballot, D, Key, Credential, Both));
        var committee = ballot.Contests[0].Parts.Select(p => new Ciphertext(Point.Decode(p.Alpha.Span, "a"), Point.Decode(p.Beta.Span, "b", true)).Decrypt(Secret)).ToList();
        Assert.Equal([2u, 0u, 5u], ContestEncoding.Decode(committee));
        Assert.Null(SealedBallots.Problem(Sealed(ChairOnly), D, Key, Credential, ChairOnly));
        Assert.Empty(Sealed(ChairOnly).Contests[0].Parts);
        Assert.Equal(2, SealedBallots.AlphaKeys(ballot).Distinct().Count());
    }

    [Fact]
    public void EveryWrongBallotIsRefused()
    {
        var good = Sealed(Both);
        var other = Sealed(Both);
        Assert.Equal(StyleRules.Check, SealedBallots.Problem(good, D, Key, Credential, ChairOnly)?.Check); // parts in a contest outside the style
        var cases = new List<(SealedBallot Ballot, bool[] Style, Point Key, byte[] Credential)>
        {
            (Sealed(ChairOnly), Both, Key, Credential),                           // a contest of the style without parts
            (Change(good, b => b.Contests.RemoveAt(1)), Both, Key, Credential),
            (Change(good, b => b.Contests[0].Parts[0].Alpha = ByteString.CopyFrom(new byte[32])), Both, Key, Credential),
            (Change(good, b => b.Contests[0].Parts[0].Beta = ByteString.CopyFrom(Enumerable.Repeat((byte)0xff, 32).ToArray())), Both, Key, Credential),
            (Change(good, b => b.Contests[1].Parts[0].Response = ByteString.CopyFrom(Enumerable.Repeat((byte)0xff, 32).ToArray())), Both, Key, Credential),
            (Change(good, b => (b.Contests[0].Parts[0], b.Contests[1].Parts[0]) = (b.Contests[1].Parts[0], b.Contests[0].Parts[0])), Both, Key, Credential), // moved between contests
            (Change(good, b => b.Contests[1].Parts[0].Challenge = other.Contests[1].Parts[0].Challenge), Both, Key, Credential),
            (good, Both, Point.MultiplyBase(Scalar.FromUInt64(5)), Credential),    // another election key
            (good, Both, Key, Election.CredentialKeys()[1]),                      // copied into another member's ballot
        };
        foreach (var (ballot, style, key, credential) in cases)
            Assert.Equal(SealedBallots.Check, SealedBallots.Problem(ballot, D, key, credential, style)?.Check);
    }

    [Fact]
    public void APlainElectionRefusesASealedBallotAndASealedOneAPlainBallot()
    {
        var ballot = new Ballot { ElectionId = D.ElectionId, CredentialKey = ByteString.CopyFrom(Credential), Sealed = Sealed(Both), ClientNonce = ByteString.CopyFrom(new byte[16]) };
        VoterSigning.SignBallot(ballot, Election.CredentialSeed(0));
        Assert.Equal("ballot.content", BallotRules.Check(ballot, D)?.Check);
        var sealedDefinition = new TrusteeElection(Election).Definition;
        Assert.Null(BallotRules.Check(ballot, sealedDefinition)); // the form; its proofs are SealedBallots.ProofProblem's
        Assert.Equal("ballot.content", BallotRules.Check(Election.BallotOf(0), sealedDefinition)?.Check);
        var wrongParts = ballot.Clone();
        wrongParts.Sealed.Contests[0].Parts.Add(wrongParts.Sealed.Contests[1].Parts[0]); // two parts where the contest takes one
        Assert.Equal(SealedBallots.Check, BallotRules.Check(wrongParts, sealedDefinition, checkSignature: false)?.Check);
        Assert.True(VoterSigning.BallotSignatureValid(ballot)); // the signature covers the sealed content as it does the plain
        var bytes = Canonical.Serialize(new LogRecord { Ballot = ballot });
        Assert.True(VoterSigning.BallotSignatureValid(bytes, Canonical.Parse(bytes).Ballot)); // and the verifier's slice of the record agrees
    }

    private static SealedBallot Change(SealedBallot b, Action<SealedBallot> change)
    {
        var copy = b.Clone();
        change(copy);
        return copy;
    }
}
