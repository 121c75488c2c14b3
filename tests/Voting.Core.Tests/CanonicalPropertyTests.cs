using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Voting.Core.Ballots;
using Voting.Core.Records;
using Voting.Synthetic;

namespace Voting.Core.Tests;

/// <summary>FsCheck properties of the canonical encoding and of record signatures (log.md §3, §8).</summary>
public class CanonicalPropertyTests
{
    private static readonly SyntheticElection Election = new(50);

    private static readonly LogRecord[] Samples = [.. Election.AllBodies()];

    [Fact]
    public void SerialiseThenParseGivesTheSameBytesForAnyChainFields()
    {
        Prop.ForAll(Gen.Choose(0, Samples.Length - 1).ToArbitrary(), ArbMap.Default.ArbFor<ulong>(), ArbMap.Default.ArbFor<ulong>(), (i, height, time) =>
        {
            var r = Samples[i].Clone();
            r.Height = height;
            r.SequencedAtMs = time;
            r.Prev = height == 0 ? ByteString.Empty : ByteString.CopyFrom(BitConverter.GetBytes(height).Concat(new byte[24]).ToArray());
            var bytes = Canonical.Serialize(r);
            return bytes.AsSpan().SequenceEqual(Canonical.Serialize(Canonical.Parse(bytes))) && Canonical.Parse(bytes).Equals(r);
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>The verifier's payload, cut from the record's bytes, is the signer's payload, for any chain fields and any ballot.</summary>
    [Fact]
    public void TheBallotPayloadCutFromACanonicalRecordIsTheSignedPayload()
    {
        var ballots = Samples.Where(s => s.BodyCase == LogRecord.BodyOneofCase.Ballot).ToArray();
        Prop.ForAll(Gen.Choose(0, ballots.Length - 1).ToArbitrary(), ArbMap.Default.ArbFor<ulong>(), ArbMap.Default.ArbFor<ulong>(), (i, height, time) =>
        {
            var r = ballots[i].Clone();
            r.Height = height;
            r.SequencedAtMs = time;
            r.Prev = height == 0 ? ByteString.Empty : ByteString.CopyFrom(new byte[32]);
            var bytes = Canonical.Serialize(r);
            var parsed = Canonical.Parse(bytes).Ballot;
            return VoterSigning.BallotPayload(bytes, parsed).AsSpan().SequenceEqual(VoterSigning.BallotPayload(parsed))
                && VoterSigning.BallotSignatureValid(bytes, parsed);
        }).QuickCheckThrowOnFailure();
        var unsigned = ballots[0].Clone();
        unsigned.Ballot.Signature = ByteString.Empty;
        var plain = Canonical.Serialize(unsigned);
        Assert.Equal(VoterSigning.BallotPayload(unsigned.Ballot), VoterSigning.BallotPayload(plain, Canonical.Parse(plain).Ballot));
    }

    [Fact]
    public void NonCanonicalEncodingsAreRejected()
    {
        var bytes = Canonical.Serialize(Samples[^1]);
        // An explicit default: field 1 (height) = 0 prepended.
        Assert.Throws<VotingFormatException>(() => Canonical.Parse([0x08, 0x00, .. bytes]));
        // An unknown field 99 appended.
        Assert.Throws<VotingFormatException>(() => Canonical.Parse([.. bytes, 0x98, 0x06, 0x01]));
        // Two bodies: the parser keeps the last, the bytes differ.
        var open = Canonical.Serialize(Samples.First(s => s.BodyCase == LogRecord.BodyOneofCase.Open));
        Assert.Throws<VotingFormatException>(() => Canonical.Parse([.. open, .. bytes]));
        Assert.Throws<VotingFormatException>(() => Canonical.Parse([]));
    }

    /// <summary>Any single-byte change of a signed body breaks it: the bytes no longer parse canonically, or the signature fails.</summary>
    [Fact]
    public void AnySingleByteChangeOfASignedBallotBreaksItsSignatureCheck()
    {
        var ballots = Samples.Where(s => s.BodyCase == LogRecord.BodyOneofCase.Ballot).Select(s => s.Ballot.ToByteArray()).ToArray();
        Prop.ForAll(Gen.Choose(0, ballots.Length - 1).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 255).ToArbitrary(), (b, pos, delta) =>
        {
            var bytes = (byte[])ballots[b].Clone();
            int at = pos % bytes.Length;
            bytes[at] = (byte)(bytes[at] ^ delta);
            return !BallotAccepted(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AnySingleByteChangeOfASignedOrganiserActBreaksItsSignatureCheck()
    {
        var acts = Samples.Where(s => s.BodyCase is LogRecord.BodyOneofCase.Election or LogRecord.BodyOneofCase.RollCommitment
            or LogRecord.BodyOneofCase.Open or LogRecord.BodyOneofCase.Close).Select(s => Canonical.Serialize(s)).ToArray();
        Prop.ForAll(Gen.Choose(0, acts.Length - 1).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 255).ToArbitrary(), (a, pos, delta) =>
        {
            var bytes = (byte[])acts[a].Clone();
            int at = pos % bytes.Length;
            bytes[at] = (byte)(bytes[at] ^ delta);
            LogRecord r;
            try { r = Canonical.Parse(bytes); }
            catch (VotingFormatException) { return true; }
            IOrganiserAct? act = r.BodyCase switch
            {
                LogRecord.BodyOneofCase.Election => r.Election,
                LogRecord.BodyOneofCase.RollCommitment => r.RollCommitment,
                LogRecord.BodyOneofCase.Open => r.Open,
                LogRecord.BodyOneofCase.Close => r.Close,
                _ => null,
            };
            // A change to height, prev or time leaves the body intact; the chain check (log.md §4) catches those.
            if (act is not null && act.ToByteArray().AsSpan().SequenceEqual(BodyOf(Canonical.Parse(acts[a]))))
                return r.Height != Canonical.Parse(acts[a]).Height || r.SequencedAtMs != Canonical.Parse(acts[a]).SequencedAtMs || !r.Prev.Equals(Canonical.Parse(acts[a]).Prev);
            return act is null || OrganiserSigning.Check(act, Election.Definition) is not null;
        }).QuickCheckThrowOnFailure();
    }

    private static byte[] BodyOf(LogRecord r) => r.BodyCase switch
    {
        LogRecord.BodyOneofCase.Election => r.Election.ToByteArray(),
        LogRecord.BodyOneofCase.RollCommitment => r.RollCommitment.ToByteArray(),
        LogRecord.BodyOneofCase.Open => r.Open.ToByteArray(),
        LogRecord.BodyOneofCase.Close => r.Close.ToByteArray(),
        _ => [],
    };

    private static bool BallotAccepted(byte[] bytes)
    {
        LogRecord r;
        try { r = Canonical.Parse(new LogRecord { Ballot = Ballot.Parser.ParseFrom(bytes) }.ToByteArray()); }
        catch (Exception e) when (e is InvalidProtocolBufferException or VotingFormatException) { return false; }
        if (!r.Ballot.ToByteArray().AsSpan().SequenceEqual(bytes)) return false; // not canonical
        return BallotRules.Check(r.Ballot, Election.Definition) is null;
    }

    [Fact]
    public void TheUntouchedSamplesAreAccepted()
    {
        foreach (var s in Samples.Where(s => s.BodyCase == LogRecord.BodyOneofCase.Ballot))
            Assert.True(BallotAccepted(s.Ballot.ToByteArray()));
        Assert.Null(OrganiserSigning.Check(Election.Definition, Election.Definition));
        Assert.Empty(DefinitionRules.Problems(Election.Definition));
    }
}
