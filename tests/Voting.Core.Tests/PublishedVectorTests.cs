using System.Text.Json;
using Voting.Core.Crypto;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.VectorGen;

namespace Voting.Core.Tests;

/// <summary>docs/spec/vectors: the committed files are what the generator makes, and they check out with the verifiers alone.</summary>
public class PublishedVectorTests
{
    private static string Dir => Path.Combine(TestPaths.Root, "docs", "spec", "vectors");

    [Fact]
    public void CommittedVectorsAreExactlyWhatTheGeneratorMakes()
    {
        foreach (var (name, bytes) in VectorSet.Build())
        {
            var path = Path.Combine(Dir, name);
            Assert.True(File.Exists(path), $"{name} is missing: run dotnet run --project tests/Voting.VectorGen -- docs/spec/vectors");
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"{name} differs from the generator's output");
        }
    }

    [Fact]
    public void VectorsVerifyIndependently()
    {
        var v = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "log-vectors.json"))).RootElement;
        var log = NoteVerifier.ParseVkey(v.GetProperty("log_vkey").GetString()!);
        var witness = NoteVerifier.ParseVkey(v.GetProperty("witness_vkey").GetString()!).AsCosignatureVerifier();
        Assert.Equal(v.GetProperty("witness_cosignature_key_id_hex").GetString(), witness.KeyId.ToString("x8"));
        var organiser = Convert.FromHexString(v.GetProperty("organiser_public_key_hex").GetString()!);

        var tree = new MemoryTree();
        byte[] prev = [];
        ulong prevTime = 0, height = 0;
        foreach (var r in v.GetProperty("records").EnumerateArray())
        {
            var bytes = Convert.FromHexString(r.GetProperty("record_hex").GetString()!);
            var record = Canonical.Parse(bytes);
            Assert.Null(Chain.Check(record, height, prev, prevTime));
            prev = Rfc6962.HashLeaf(bytes);
            Assert.Equal(r.GetProperty("leaf_hash_hex").GetString(), Convert.ToHexStringLower(prev));
            prevTime = record.SequencedAtMs;
            tree.AppendLeafHash(prev);
            if (r.TryGetProperty("signed_payload_hex", out var payloadHex))
            {
                var payload = Convert.FromHexString(payloadHex.GetString()!);
                Assert.StartsWith(r.GetProperty("signed_label").GetString()!, System.Text.Encoding.ASCII.GetString(payload), StringComparison.Ordinal);
                if (record.BodyCase == LogRecord.BodyOneofCase.Ballot)
                    Assert.True(Ed25519.Verify(record.Ballot.CredentialKey.Span, payload, record.Ballot.Signature.Span));
                else
                    Assert.True(Ed25519.Verify(organiser, payload, OrganiserSignatureOf(record)));
            }
            height++;
        }
        foreach (var root in v.GetProperty("roots").EnumerateArray())
            Assert.Equal(root.GetProperty("root_hex").GetString(), Convert.ToHexStringLower(tree.RootAt(root.GetProperty("size").GetUInt64())));
        var top = tree.Root();
        foreach (var p in v.GetProperty("inclusion_proofs").EnumerateArray())
        {
            ulong i = p.GetProperty("index").GetUInt64();
            Assert.True(InclusionProof.Verify(i, p.GetProperty("size").GetUInt64(), tree.Hash(0, i), Proof(p), top));
        }
        foreach (var p in v.GetProperty("consistency_proofs").EnumerateArray())
        {
            ulong s1 = p.GetProperty("size1").GetUInt64();
            Assert.True(ConsistencyProof.Verify(s1, p.GetProperty("size2").GetUInt64(), tree.RootAt(s1), top, Proof(p)));
        }
        var (cp, _, _) = Checkpoint.ParseAndVerify(File.ReadAllText(Path.Combine(Dir, "checkpoint.txt")), log);
        Assert.Equal(top, cp.Root);
        var (_, _, sigs) = Checkpoint.ParseAndVerify(File.ReadAllText(Path.Combine(Dir, "checkpoint-cosigned.txt")), log, [witness]);
        Assert.Equal(v.GetProperty("cosignature_timestamp").GetUInt64(), sigs.Single(s => s.Verifier == witness).Timestamp);
        Receipt.Parse(File.ReadAllText(Path.Combine(Dir, "receipt.tlog-proof"))).Verify(log, [witness]);

        var seed = RollMath.EnrollmentSeed("vectors-2026", v.GetProperty("enrollment_code").GetString()!);
        Assert.Equal(v.GetProperty("enrollment_seed_hex").GetString(), Convert.ToHexStringLower(seed));
        Assert.Equal(v.GetProperty("tie_break_seed_commitment_hex").GetString(),
            Convert.ToHexStringLower(RollMath.SeedCommitment(Convert.FromHexString(v.GetProperty("tie_break_seed_hex").GetString()!))));
        // counting.md §7: the lot seed from the organisers' seed and the one contribution, which the log's LotReveal opens.
        var contribution = Convert.FromHexString(v.GetProperty("lot_contribution_hex").GetString()!);
        Assert.Equal(v.GetProperty("lot_contribution_commitment_hex").GetString(), Convert.ToHexStringLower(LotSeeds.Commitment("vectors-2026", contribution)));
        Assert.Equal(v.GetProperty("lot_seed_hex").GetString(),
            Convert.ToHexStringLower(LotSeeds.LotSeed(Convert.FromHexString(v.GetProperty("tie_break_seed_hex").GetString()!), [contribution])));
        var revealed = v.GetProperty("records").EnumerateArray().Select(r => Canonical.Parse(Convert.FromHexString(r.GetProperty("record_hex").GetString()!)))
            .Single(r => r.BodyCase == LogRecord.BodyOneofCase.LotReveal).LotReveal;
        Assert.Equal(contribution, revealed.Seed.ToByteArray());
    }

    private static byte[][] Proof(JsonElement p) => [.. p.GetProperty("proof_hex").EnumerateArray().Select(h => Convert.FromHexString(h.GetString()!))];

    private static byte[] OrganiserSignatureOf(LogRecord r) => (r.BodyCase switch
    {
        LogRecord.BodyOneofCase.Election => r.Election.Signatures,
        LogRecord.BodyOneofCase.RollCommitment => r.RollCommitment.Signatures,
        LogRecord.BodyOneofCase.Open => r.Open.Signatures,
        LogRecord.BodyOneofCase.Close => r.Close.Signatures,
        _ => r.Declaration.Signatures,
    })[0].Signature.ToByteArray();
}
