using Google.Protobuf;
using Voting.Core.Records;
using Voting.Protocol;
using Voting.Synthetic;

namespace Voting.Server.Tests;

/// <summary>
/// The trustees' key generation through the real server (errors.md K1–K3, O22; sealed.md §3.2), each refusal with
/// nothing appended; and a sealed election refusing a ballot in clear (V2).
/// </summary>
public sealed partial class ErrorTableTests
{
    private async Task<TrusteeElection> TrusteesCreated()
    {
        var sealedElection = new TrusteeElection(LiveElection.Of(3, $"sealed-{Interlocked.Increment(ref _next)}"));
        sealedElection.DefinitionLeafHash = Chain.LeafHash((await _c.Create(sealedElection.Definition)).Record.ToByteArray());
        return sealedElection;
    }

    private static TrusteeCommitment Resigned(TrusteeElection e, int trustee, Action<TrusteeCommitment> change, byte[]? seed = null)
    {
        var c = e.Commitment(trustee).Clone();
        change(c);
        TrusteeSigning.Sign(c, seed ?? e.SigningSeed(trustee));
        return c;
    }

    private static Ballot ResignBallot(TrusteeElection e, Ballot b, int voter)
    {
        b.Signature = ByteString.Empty;
        VoterSigning.SignBallot(b, e.Election.CredentialSeed(voter));
        return b;
    }

    [Fact]
    public async Task K1_to_K3_O22_O23_TheTrusteesKeyAndSealedBallots()
    {
        var e = await TrusteesCreated();
        var id = e.Election.ElectionId;
        await _c.CommitRoll(e.Election.RollRequest());
        await Refused(id, ErrorRows.O22, () => _c.Open(e.Election.OpenAct()), "0 of 3 trustees committed");
        await Refused(id, ErrorRows.K1, () => _c.TrusteeConfirm(e.Confirmation(1)), "before every trustee committed (0 of 3)");
        await Refused(id, ErrorRows.K2, () => _c.TrusteeCommit(Resigned(e, 1, c => c.Trustee = 4)), "names trustee 4");
        await Refused(id, ErrorRows.K2, () => _c.TrusteeCommit(Resigned(e, 1, c => c.Coefficients.RemoveAt(1))), "1 coefficients");
        await Refused(id, ErrorRows.K2, () => _c.TrusteeCommit(Resigned(e, 1, c => c.DefinitionLeafHash = ByteString.CopyFrom(new byte[32]))), "another definition");
        await Refused(id, ErrorRows.K2, () => _c.TrusteeCommit(Resigned(e, 1, c => c.ProofResponse = e.Commitment(2).ProofResponse)), "does not verify");
        await Refused(id, ErrorRows.K3, () => _c.TrusteeCommit(Resigned(e, 1, _ => { }, seed: e.SigningSeed(2))), "not signed by its signing_key");
        var committed = await _c.TrusteeCommit(e.Commitment(1));
        Assert.Equal(committed.Index, (await _c.TrusteeCommit(e.Commitment(1))).Index); // a repeat gets its record
        await Refused(id, ErrorRows.K1, () => _c.TrusteeCommit(Resigned(e, 1, c => c.Shares.Add(new SealedShare()))), "committed already");
        await _c.TrusteeCommit(e.Commitment(2));
        await _c.TrusteeCommit(e.Commitment(3));
        var wrongKey = e.Confirmation(2).Clone();
        wrongKey.ElectionKey = e.Confirmation(2).VerificationKey;
        TrusteeSigning.Sign(wrongKey, e.SigningSeed(2));
        await Refused(id, ErrorRows.K2, () => _c.TrusteeConfirm(wrongKey), "election key");
        var forged = e.Confirmation(2).Clone();
        TrusteeSigning.Sign(forged, e.SigningSeed(3));
        await Refused(id, ErrorRows.K3, () => _c.TrusteeConfirm(forged), "not signed");
        await _c.TrusteeConfirm(e.Confirmation(1));
        await _c.TrusteeConfirm(e.Confirmation(2));
        await Refused(id, ErrorRows.O22, () => _c.Open(e.Election.OpenAct()), "3 of 3 trustees committed, 2 confirmed");
        await _c.TrusteeConfirm(e.Confirmation(3));
        await _c.Open(e.Election.OpenAct());
        await Refused(id, ErrorRows.K1, () => _c.TrusteeCommit(Resigned(e, 3, c => c.Shares.Add(new SealedShare()))), "after Open");
        // A ballot in clear on a sealed election would publish its voter's choices.
        await Refused(id, ErrorRows.V2, () => _c.Cast(e.Election.BallotOf(0)), "sealed to its trustees' key");
        // Sealed ballots: admitted with their proofs; a copied part, a repeated ciphertext, a missing contest refused.
        var first = e.SealedBallotOf(0);
        var cast = await _c.Cast(first);
        Assert.Equal(cast.Index, (await _c.Cast(first)).Index); // a retry gets its record
        var copied = e.SealedBallotOf(1);
        copied.Sealed.Contests[1].Parts[0] = first.Sealed.Contests[1].Parts[0].Clone();
        await Refused(id, ErrorRows.V2, () => _c.Cast(ResignBallot(e, copied, 1)), "proof of knowledge does not verify");
        var again = first.Clone();
        again.ClientNonce = ByteString.CopyFrom(new byte[16]);
        await Refused(id, ErrorRows.V2, () => _c.Cast(ResignBallot(e, again, 0)), $"repeats the alpha of a ciphertext in record {cast.Index}");
        var blank = e.SealedBallotOf(2);
        blank.Sealed.Contests[0].Parts.Clear();
        await Refused(id, ErrorRows.V2, () => _c.Cast(ResignBallot(e, blank, 2)), "has no sealed parts");
        await _c.Cast(e.SealedBallotOf(2));
        await _c.Close(e.Election.CloseRecord().Close);
        var declaration = new Declaration { ElectionId = id, ResultDigest = ByteString.CopyFrom(new byte[32]) };
        OrganiserSigning.Sign(declaration, 0, e.Election.Organiser);
        await Refused(id, ErrorRows.O23, () => _c.Declare(declaration), "the ballots are sealed");
        // A plain election takes no trustee records.
        var plain = NewScenario();
        await _c.Create(plain.Election.Definition);
        var stray = Resigned(e, 1, c => c.ElectionId = plain.Election.ElectionId);
        await Refused(plain.Election.ElectionId, ErrorRows.K1, () => _c.TrusteeCommit(stray), "names no trustees");
    }
}
