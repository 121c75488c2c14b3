using Google.Protobuf;
using Voting.Core.Ballots;
using Voting.Core.Group;
using Voting.Core.Records;
using Voting.Core.Sealed;
using Voting.Synthetic;

namespace Voting.Core.Tests;

/// <summary>
/// The trustees' key generation as records (sealed.md §3.2): the synthetic election's three trustees commit and
/// confirm; the checker (TrusteeKeys, TrusteeRules — the server's and the scrutineer's) accepts that and refuses every
/// field of a commitment or confirmation changed, each record out of its place, and each bad definition; a trustee
/// refuses to confirm a share that does not match its sender's commitments.
/// </summary>
public class TrusteeKeyTests
{
    private static readonly TrusteeElection E = new(new SyntheticElection(4, "sealed-2026"));
    private static ElectionDefinition D => E.Definition;

    private static TrusteeKeys Fresh() => new(D, E.DefinitionLeafHash);

    private static TrusteeKeys AllCommitted()
    {
        var keys = Fresh();
        for (int t = 1; t <= TrusteeElection.Count; t++)
        {
            Assert.Null(keys.CommitmentProblem(E.Commitment(t), opened: false));
            keys.AddCommitment(E.Commitment(t));
        }
        return keys;
    }

    [Fact]
    public void TheTrusteesKeyIsCompleteOnceEachHasConfirmed()
    {
        Assert.Empty(DefinitionRules.Problems(D));
        var keys = AllCommitted();
        for (int t = 1; t <= TrusteeElection.Count; t++)
        {
            Assert.Null(keys.ElectionKey);
            Assert.NotNull(keys.OpenProblem());
            Assert.Null(keys.ConfirmationProblem(E.Confirmation(t), opened: false));
            keys.AddConfirmation(E.Confirmation(t));
        }
        Assert.Null(keys.OpenProblem());
        // H is the sum of the constant terms, which no one holds; any two trustees' secret shares recover x·α.
        var x = Enumerable.Range(1, TrusteeElection.Count).Select(t => E.Polynomial(t)[0]).Aggregate(Scalar.Zero, (a, b) => a + b);
        Assert.Equal(Point.MultiplyBase(x), keys.ElectionKey);
        var (ct, _) = Ciphertext.Encrypt(Point.MultiplyBase(Scalar.FromUInt64(7)), keys.ElectionKey!.Value);
        var shares = new Dictionary<uint, Point> { [1] = E.SecretShare(1) * ct.Alpha, [3] = E.SecretShare(3) * ct.Alpha };
        Assert.Equal(Point.MultiplyBase(Scalar.FromUInt64(7)), ct.Beta - Threshold.Combine(shares, 2));
        for (uint t = 1; t <= TrusteeElection.Count; t++)
            Assert.Equal(Point.MultiplyBase(E.SecretShare((int)t)), keys.VerificationKey(t));
    }

    /// <summary>Trustee 2's commitment changed, then signed again by trustee 2: the content check must find it, not the signature.</summary>
    private static TrusteeCommitment Changed(Action<TrusteeCommitment> change, int trustee = 2)
    {
        var c = E.Commitment(trustee).Clone();
        change(c);
        TrusteeSigning.Sign(c, E.SigningSeed(trustee));
        return c;
    }

    private static ByteString Bytes(params byte[] b) => ByteString.CopyFrom(b);
    private static ByteString Flip(ByteString b, int at = 0)
    {
        var x = b.ToByteArray();
        x[at] ^= 1;
        return ByteString.CopyFrom(x);
    }

    private static ByteString Encoded(Point p) => ByteString.CopyFrom(p.ToArray());

    public static TheoryData<string, string> CommitmentChanges() => new()
    {
        { "election", "names election" },
        { "trustee-zero", "names trustee 0" },
        { "trustee-four", "names trustee 4" },
        { "definition", "another definition" },
        { "fewer-coefficients", "1 coefficients" },
        { "more-coefficients", "3 coefficients" },
        { "identity-coefficient", "coefficient 1 is not" },
        { "non-canonical-coefficient", "coefficient 0 is not" },
        { "higher-degree", "3 coefficients" },
        { "challenge", "does not verify" },
        { "response", "does not verify" },
        { "non-canonical-response", "canonical scalars" },
        { "coefficient-swapped", "does not verify" },
        { "share-missing", "one share for each other trustee" },
        { "share-to-self", "one share for each other trustee" },
        { "shares-reordered", "one share for each other trustee" },
        { "share-short", "79 bytes" },
    };

    [Theory]
    [MemberData(nameof(CommitmentChanges))]
    public void ACommitmentWithAnyFieldChangedIsRefused(string change, string expected)
    {
        var other = Threshold.Commitments(Threshold.NewPolynomial(2));
        var c = Changed(x =>
        {
            switch (change)
            {
                case "election": x.ElectionId = "another"; break;
                case "trustee-zero": x.Trustee = 0; break;
                case "trustee-four": x.Trustee = 4; break;
                case "definition": x.DefinitionLeafHash = Flip(x.DefinitionLeafHash); break;
                case "fewer-coefficients": x.Coefficients.RemoveAt(1); break;
                case "more-coefficients": x.Coefficients.Add(Encoded(other[1])); break;
                case "identity-coefficient": x.Coefficients[1] = ByteString.CopyFrom(new byte[32]); break;
                case "non-canonical-coefficient": x.Coefficients[0] = ByteString.CopyFrom(Enumerable.Repeat((byte)0xff, 32).ToArray()); break;
                // A polynomial of higher degree passes every share check and makes k trustees decrypt garbage.
                case "higher-degree": x.Coefficients.Add(Encoded(other[0])); break;
                case "challenge": x.ProofChallenge = Flip(x.ProofChallenge); break;
                case "response": x.ProofResponse = Flip(x.ProofResponse); break;
                case "non-canonical-response": x.ProofResponse = ByteString.CopyFrom(Enumerable.Repeat((byte)0xff, 32).ToArray()); break;
                // C_0 chosen after seeing the others' (the rogue-key attack): the proof no longer covers it.
                case "coefficient-swapped": x.Coefficients[0] = Encoded(other[0]); break;
                case "share-missing": x.Shares.RemoveAt(1); break;
                case "share-to-self": x.Shares[0].Recipient = 2; break;
                case "shares-reordered": (x.Shares[0], x.Shares[1]) = (x.Shares[1], x.Shares[0]); break;
                case "share-short": x.Shares[1].Sealed = ByteString.CopyFrom(x.Shares[1].Sealed.Span[..79]); break;
            }
        });
        var keys = Fresh();
        var problem = keys.CommitmentProblem(c, opened: false);
        Assert.NotNull(problem);
        Assert.Equal(TrusteeRules.Check, problem.Check);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantTermsThatCancelAreRefused()
    {
        // Trustee 3 (with the others, as one party) picks a_3,0 = −(a_1,0 + a_2,0) and proves it: H would be the identity.
        var poly = E.Polynomial(3);
        poly[0] = -(E.Polynomial(1)[0] + E.Polynomial(2)[0]);
        var c = TrusteeRecords.Commit(D, E.DefinitionLeafHash, 3, poly, E.SigningSeed(3));
        var keys = Fresh();
        keys.AddCommitment(E.Commitment(1));
        keys.AddCommitment(E.Commitment(2));
        Assert.Contains("the election key the identity", keys.CommitmentProblem(c, false)!.Message, StringComparison.Ordinal);
        Assert.Null(Fresh().CommitmentContentProblem(c)); // alone it is well formed
    }

    [Fact]
    public void ACommitmentMustBeSignedByItsTrustee()
    {
        var c = E.Commitment(2).Clone();
        c.Signature = Flip(c.Signature, 5);
        Assert.Contains("not signed by its signing_key", Fresh().CommitmentProblem(c, false)!.Message, StringComparison.Ordinal);
        // Trustee 1 signing a commitment in trustee 2's name.
        var forged = E.Commitment(2).Clone();
        TrusteeSigning.Sign(forged, E.SigningSeed(1));
        Assert.Contains("not signed by its signing_key", Fresh().CommitmentProblem(forged, false)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsOutOfTheirPlaceAreRefused()
    {
        var keys = Fresh();
        Assert.Contains("after Open", keys.CommitmentProblem(E.Commitment(1), opened: true)!.Message, StringComparison.Ordinal);
        keys.AddCommitment(E.Commitment(1));
        Assert.Contains("committed already", keys.CommitmentProblem(E.Commitment(1), false)!.Message, StringComparison.Ordinal);
        Assert.Contains("before every trustee committed (1 of 3)", keys.ConfirmationProblem(E.Confirmation(1), false)!.Message, StringComparison.Ordinal);
        keys.AddCommitment(E.Commitment(2));
        keys.AddCommitment(E.Commitment(3));
        Assert.Contains("after Open", keys.ConfirmationProblem(E.Confirmation(1), opened: true)!.Message, StringComparison.Ordinal);
        keys.AddConfirmation(E.Confirmation(1));
        Assert.Contains("confirmed already", keys.ConfirmationProblem(E.Confirmation(1), false)!.Message, StringComparison.Ordinal);
        Assert.Contains("1 confirmed", keys.OpenProblem()!.Message, StringComparison.Ordinal);
        // A plain election takes no trustee records.
        var plain = new TrusteeKeys(E.Election.Definition, E.DefinitionLeafHash);
        Assert.Contains("names no trustees", plain.CommitmentProblem(E.Commitment(1), false)!.Message, StringComparison.Ordinal);
        Assert.Null(plain.OpenProblem());
    }

    public static TheoryData<string, string> ConfirmationChanges() => new()
    {
        { "digest", "other commitments" },
        { "digest-missing", "2 digests" },
        { "digests-swapped", "other commitments" },
        { "election-key", "election key" },
        { "verification-key", "verification key" },
        { "trustee", "verification key" },
        { "signature", "not signed" },
    };

    [Theory]
    [MemberData(nameof(ConfirmationChanges))]
    public void AConfirmationWithAnyFieldChangedIsRefused(string change, string expected)
    {
        var c = E.Confirmation(2).Clone();
        switch (change)
        {
            case "digest": c.CommitmentDigests[0] = Flip(c.CommitmentDigests[0]); break;
            case "digest-missing": c.CommitmentDigests.RemoveAt(2); break;
            case "digests-swapped": (c.CommitmentDigests[0], c.CommitmentDigests[1]) = (c.CommitmentDigests[1], c.CommitmentDigests[0]); break;
            case "election-key": c.ElectionKey = Encoded(Point.Generator); break;
            case "verification-key": c.VerificationKey = E.Confirmation(1).VerificationKey; break;
            case "trustee": c.Trustee = 1; break;
        }
        if (change == "signature") c.Signature = Flip(c.Signature);
        else TrusteeSigning.Sign(c, E.SigningSeed((int)c.Trustee));
        var problem = AllCommitted().ConfirmationProblem(c, opened: false);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrusteeRefusesToConfirmAShareThatDoesNotMatchItsSendersCommitments()
    {
        var commitments = Enumerable.Range(1, 3).Select(E.Commitment).ToList();
        // Trustee 1 seals trustee 2 a share off its polynomial, and signs: the record passes every public check.
        var bad = Changed(x => x.Shares[0].Sealed = ByteString.CopyFrom(ShareEncryption.Seal(D.ElectionId, 1, 2, D.Trustees[1].ExchangeKey.Span, Scalar.FromUInt64(5))), trustee: 1);
        Assert.Null(Fresh().CommitmentContentProblem(bad));
        var refused = TrusteeRecords.Confirm(D, 2, [bad, commitments[1], commitments[2]], E.Polynomial(2), E.ExchangePrivate(2), E.SigningSeed(2));
        Assert.Null(refused.Confirmation);
        Assert.Contains("trustee 1 (trustee-1) sent you does not match its commitments", refused.Problem, StringComparison.Ordinal);
        // Sealed to another key, it does not open.
        var unopenable = Changed(x => x.Shares[0].Sealed = ByteString.CopyFrom(ShareEncryption.Seal(D.ElectionId, 1, 2, D.Trustees[2].ExchangeKey.Span, Scalar.FromUInt64(5))), trustee: 1);
        Assert.Contains("does not open", TrusteeRecords.Confirm(D, 2, [unopenable, commitments[1], commitments[2]], E.Polynomial(2), E.ExchangePrivate(2), E.SigningSeed(2)).Problem, StringComparison.Ordinal);
        // A trustee whose directory lost its polynomial finds its own share does not match.
        Assert.Contains("your own share", TrusteeRecords.Confirm(D, 2, commitments, E.Polynomial(1), E.ExchangePrivate(2), E.SigningSeed(2)).Problem, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> DefinitionChanges() => new()
    {
        { "one-trustee", "1 trustees" },
        { "threshold-one", "trustee_threshold 1" },
        { "threshold-above-n", "trustee_threshold 4" },
        { "threshold-without-trustees", "trustee_threshold needs trustees" },
        { "name-repeats", "repeats" },
        { "name-empty", "name must be" },
        { "signing-key-short", "signing_key must be" },
        { "signing-key-repeats", "signing_key repeats" },
        { "signing-key-organiser", "independent of the office" },
        { "exchange-key-top-bit", "exchange_key must be" },
        { "exchange-key-repeats", "exchange_key repeats" },
        { "too-many-candidates", "at most 255" },
    };

    [Theory]
    [MemberData(nameof(DefinitionChanges))]
    public void ABadTrusteeDefinitionIsRefused(string change, string expected)
    {
        var d = D.Clone();
        switch (change)
        {
            case "one-trustee": d.Trustees.RemoveAt(2); d.Trustees.RemoveAt(1); d.TrusteeThreshold = 1; break;
            case "threshold-one": d.TrusteeThreshold = 1; break;
            case "threshold-above-n": d.TrusteeThreshold = 4; break;
            case "threshold-without-trustees": d.Trustees.Clear(); break;
            case "name-repeats": d.Trustees[1].Name = d.Trustees[0].Name; break;
            case "name-empty": d.Trustees[1].Name = ""; break;
            case "signing-key-short": d.Trustees[1].SigningKey = Bytes(1, 2, 3); break;
            case "signing-key-repeats": d.Trustees[1].SigningKey = d.Trustees[0].SigningKey; break;
            case "signing-key-organiser": d.Trustees[1].SigningKey = d.OrganiserKeys[0]; break;
            case "exchange-key-top-bit": d.Trustees[1].ExchangeKey = TopBit(d.Trustees[1].ExchangeKey.ToByteArray()); break;
            case "exchange-key-repeats": d.Trustees[1].ExchangeKey = d.Trustees[0].ExchangeKey; break;
            case "too-many-candidates":
                for (int i = d.Contests[0].Candidates.Count; i < 256; i++) d.Contests[0].Candidates.Add(new Candidate { CandidateId = $"x{i}", Name = $"X {i}" });
                break;
        }
        Assert.Contains(DefinitionRules.Problems(d), p => p.Contains(expected, StringComparison.Ordinal));
    }

    private static ByteString TopBit(byte[] key)
    {
        key[31] |= 0x80;
        return ByteString.CopyFrom(key);
    }
}
