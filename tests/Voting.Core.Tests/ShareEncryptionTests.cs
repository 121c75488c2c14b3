using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Voting.Core.Group;
using Voting.Core.Sealed;

namespace Voting.Core.Tests;

/// <summary>
/// Shares sealed to a trustee's exchange key (docs/spec/sealed.md §3.1): round trips for any share, the known-answer
/// vector, an independent recomputation with BouncyCastle's X25519, HKDF and ChaCha20-Poly1305 (no code shared with
/// libsodium), and every way a sealed share can be wrong failing to open.
/// </summary>
public class ShareEncryptionTests
{
    private const string Election = "vectors-sealed-2026";
    private static readonly (byte[] Private, byte[] Public) Recipient = ShareEncryption.NewExchangeKey();

    [Fact]
    public void AnyShareOpensForItsRecipientOnly()
    {
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (seed, sender) =>
        {
            var share = Scalar.FromHash("voting/v2/test-scalar\n", BitConverter.GetBytes(seed));
            var sealedShare = ShareEncryption.Seal(Election, (uint)sender, 10, Recipient.Public, share);
            var other = ShareEncryption.NewExchangeKey();
            return sealedShare.Length == ShareEncryption.SealedSize
                && ShareEncryption.Open(Election, (uint)sender, 10, Recipient.Private, sealedShare) == share
                && ShareEncryption.Open(Election, (uint)sender, 10, other.Private, sealedShare) is null;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void EveryTamperedByteFailsToOpen()
    {
        var share = Scalar.FromHash("voting/v2/test-scalar\n", "tamper"u8);
        var sealedShare = ShareEncryption.Seal(Election, 1, 2, Recipient.Public, share);
        for (int i = 0; i < sealedShare.Length; i++)
            for (int bit = 0; bit < 8; bit++)
            {
                var bad = (byte[])sealedShare.Clone();
                bad[i] ^= (byte)(1 << bit);
                Assert.Null(ShareEncryption.Open(Election, 1, 2, Recipient.Private, bad));
            }
    }

    [Fact]
    public void MovedToAnotherElectionSenderOrRecipientFailsToOpen()
    {
        var share = Scalar.FromHash("voting/v2/test-scalar\n", "moved"u8);
        var sealedShare = ShareEncryption.Seal(Election, 1, 2, Recipient.Public, share);
        Assert.Equal(share, ShareEncryption.Open(Election, 1, 2, Recipient.Private, sealedShare));
        Assert.Null(ShareEncryption.Open("another-election", 1, 2, Recipient.Private, sealedShare));
        Assert.Null(ShareEncryption.Open(Election, 3, 2, Recipient.Private, sealedShare));
        Assert.Null(ShareEncryption.Open(Election, 1, 3, Recipient.Private, sealedShare));
    }

    [Fact]
    public void WrongLengthsAndSmallOrderKeysAreRefused()
    {
        var share = Scalar.FromHash("voting/v2/test-scalar\n", "lengths"u8);
        var sealedShare = ShareEncryption.Seal(Election, 1, 2, Recipient.Public, share);
        Assert.Null(ShareEncryption.Open(Election, 1, 2, Recipient.Private, sealedShare.AsSpan(0, sealedShare.Length - 1)));
        Assert.Null(ShareEncryption.Open(Election, 1, 2, Recipient.Private, [.. sealedShare, 0]));
        Assert.Null(ShareEncryption.Open(Election, 1, 2, Recipient.Private, []));
        Assert.Throws<VotingFormatException>(() => ShareEncryption.Seal(Election, 1, 2, Recipient.Public.AsSpan(0, 31), share));
        Assert.Throws<VotingFormatException>(() => ShareEncryption.Open(Election, 1, 2, Recipient.Private.AsSpan(0, 31), sealedShare));
        // A small-order public key (here 0 and 1, both of order dividing 8) makes the shared secret all zeros: whoever
        // sent the share to it would have sent it in effect in clear.
        Assert.Throws<VotingFormatException>(() => ShareEncryption.Seal(Election, 1, 2, new byte[32], share));
        var one = new byte[32];
        one[0] = 1;
        Assert.Throws<VotingFormatException>(() => ShareEncryption.Seal(Election, 1, 2, one, share));
        // Another spelling of the recipient's key (top bit set; X25519 ignores it) is refused: its shares could not open.
        var spelled = (byte[])Recipient.Public.Clone();
        spelled[31] |= 0x80;
        Assert.False(ShareEncryption.IsCanonicalKey(spelled));
        Assert.Throws<VotingFormatException>(() => ShareEncryption.Seal(Election, 1, 2, spelled, share));
        var p = Convert.FromHexString("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        Assert.False(ShareEncryption.IsCanonicalKey(p));
        p[0] = 0xec;
        Assert.True(ShareEncryption.IsCanonicalKey(p));
        Assert.True(ShareEncryption.IsCanonicalKey(Recipient.Public));
        var smallOrderEphemeral = (byte[])sealedShare.Clone();
        Array.Clear(smallOrderEphemeral, 0, 32);
        Assert.Null(ShareEncryption.Open(Election, 1, 2, Recipient.Private, smallOrderEphemeral));
        Assert.Throws<VotingFormatException>(() => ShareEncryption.AssociatedData("é", 1, 2, new byte[32], new byte[32]));
        Assert.Throws<VotingFormatException>(() => ShareEncryption.AssociatedData(new string('a', 256), 1, 2, new byte[32], new byte[32]));
    }

    [Fact]
    public void ANonCanonicalScalarThatOpensIsRefused()
    {
        // Sealed by an independent implementation, so that the plaintext can be ℓ itself (Seal takes only scalars).
        var ell = Convert.FromHexString("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        var ephemeral = Convert.FromHexString("a0" + new string('1', 62));
        var sealedShare = BouncyCastleSeal(Election, 4, 5, Recipient.Public, ell, ephemeral);
        Assert.Null(ShareEncryption.Open(Election, 4, 5, Recipient.Private, sealedShare));
        var canonical = (byte[])ell.Clone();
        canonical[0]--;
        var opened = ShareEncryption.Open(Election, 4, 5, Recipient.Private, BouncyCastleSeal(Election, 4, 5, Recipient.Public, canonical, ephemeral));
        Assert.NotNull(opened);
        Assert.Equal(Scalar.TryDecode(canonical), opened);
    }

    [Fact]
    public void TheVectorIsReproducedByLibsodiumAndByBouncyCastle()
    {
        var vectors = JsonNode.Parse(File.ReadAllText(TestPaths.Repo("docs", "spec", "vectors", "sealed-vectors.json")))!["share_encryption"]!;
        var election = (string)vectors["election_id"]!;
        uint sender = (uint)vectors["sender"]!, recipient = (uint)vectors["recipient"]!;
        var recipientPrivate = Convert.FromHexString((string)vectors["recipient_private_hex"]!);
        var recipientPublic = Convert.FromHexString((string)vectors["recipient_public_hex"]!);
        var ephemeral = Convert.FromHexString((string)vectors["ephemeral_private_hex"]!);
        var share = Scalar.Decode(Convert.FromHexString((string)vectors["share_hex"]!), "share");
        var expected = Convert.FromHexString((string)vectors["sealed_hex"]!);

        Assert.Equal(recipientPublic, ShareEncryption.PublicOf(recipientPrivate));
        Assert.Equal(expected, ShareEncryption.Seal(election, sender, recipient, recipientPublic, share, ephemeral));
        Assert.Equal(expected, BouncyCastleSeal(election, sender, recipient, recipientPublic, share.ToArray(), ephemeral));
        Assert.Equal(Convert.FromHexString((string)vectors["associated_data_hex"]!),
            ShareEncryption.AssociatedData(election, sender, recipient, expected.AsSpan(0, 32), recipientPublic));
        Assert.Equal(share, ShareEncryption.Open(election, sender, recipient, recipientPrivate, expected));
    }

    /// <summary>sealed.md §3.1 written again on BouncyCastle: X25519, HKDF-SHA-256, ChaCha20-Poly1305 (RFC 8439).</summary>
    private static byte[] BouncyCastleSeal(string election, uint sender, uint recipient, byte[] recipientPublic, byte[] plaintext, byte[] ephemeralPrivate)
    {
        var eph = new X25519PrivateKeyParameters(ephemeralPrivate);
        var ephPublic = eph.GeneratePublicKey().GetEncoded();
        var agreement = new X25519Agreement();
        agreement.Init(eph);
        var secret = new byte[32];
        agreement.CalculateAgreement(new X25519PublicKeyParameters(recipientPublic), secret, 0);

        var ad = new List<byte>(Encoding.ASCII.GetBytes("voting/v2/trustee-share\n")) { (byte)election.Length };
        ad.AddRange(Encoding.ASCII.GetBytes(election));
        ad.AddRange([(byte)(sender >> 24), (byte)(sender >> 16), (byte)(sender >> 8), (byte)sender]);
        ad.AddRange([(byte)(recipient >> 24), (byte)(recipient >> 16), (byte)(recipient >> 8), (byte)recipient]);
        ad.AddRange(ephPublic);
        ad.AddRange(recipientPublic);

        var hkdf = new HkdfBytesGenerator(new Sha256Digest());
        hkdf.Init(new HkdfParameters(secret, Encoding.ASCII.GetBytes("voting/v2/trustee-share\n"), [.. ad]));
        var key = new byte[32];
        hkdf.GenerateBytes(key, 0, 32);

        var cipher = new ChaCha20Poly1305();
        cipher.Init(true, new AeadParameters(new KeyParameter(key), 128, new byte[12], [.. ad]));
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        var n = cipher.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        cipher.DoFinal(output, n);
        return [.. ephPublic, .. output];
    }
}
