using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Voting.Core.Crypto;
using Voting.Core.Group;
using Voting.Core.Sealed;
using Voting.Core.Merkle;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Synthetic;

namespace Voting.VectorGen;

/// <summary>
/// The project's published test vectors (docs/spec/vectors/README.md). Everything is a pure
/// function of fixed seeds: Ed25519 is deterministic and record times are fixed, so the files
/// regenerate byte for byte and tests can insist on it.
/// </summary>
public static class VectorSet
{
    public const ulong BaseTimeMs = 1_790_000_000_000;
    public const ulong CosignTime = 1_790_000_100;

    public static SortedDictionary<string, byte[]> Build()
    {
        var election = new SyntheticElection(5, "vectors-2026", "voting-vectors");
        var log = new NoteSigner("vectors.voting.example/elections/vectors-2026", election.Derive("log-key", 0));
        var witness = new NoteSigner("witness.voting.example", election.Derive("witness-key", 0));

        var tree = new MemoryTree();
        var records = new JsonArray();
        var recordBytes = new List<byte[]>();
        foreach (var (r, height, bytes, prev) in Chained(election.AllBodies()))
        {
            tree.AppendLeafHash(prev);
            recordBytes.Add(bytes);
            var entry = new JsonObject
            {
                ["height"] = height,
                ["body"] = r.BodyCase.ToString(),
                ["record_hex"] = Hex(bytes),
                ["leaf_hash_hex"] = Hex(prev),
            };
            var (label, payload) = SignedPayload(r);
            if (payload is not null)
            {
                entry["signed_label"] = label;
                entry["signed_payload_hex"] = Hex(payload);
            }
            records.Add(entry);
        }

        var roots = new JsonArray();
        for (ulong n = 0; n <= tree.Size; n++) roots.Add(new JsonObject { ["size"] = n, ["root_hex"] = Hex(tree.RootAt(n)) });
        var inclusion = new JsonArray();
        for (ulong i = 0; i < tree.Size; i++)
            inclusion.Add(new JsonObject { ["index"] = i, ["size"] = tree.Size, ["proof_hex"] = HexArray(tree.InclusionProof(i, tree.Size)) });
        var consistency = new JsonArray();
        for (ulong s1 = 1; s1 < tree.Size; s1++)
            consistency.Add(new JsonObject { ["size1"] = s1, ["size2"] = tree.Size, ["proof_hex"] = HexArray(tree.ConsistencyProof(s1, tree.Size)) });

        var checkpointText = new Checkpoint(log.Name, tree.Size, tree.Root()).ToText();
        var signed = SignedNote.Sign(checkpointText, log);
        var cosigned = signed.WithSignature(witness.Cosign(checkpointText, CosignTime));
        ulong ballotIndex = (ulong)recordBytes.FindIndex(b => Canonical.Parse(b).BodyCase == LogRecord.BodyOneofCase.Ballot);
        var receipt = new Receipt(ballotIndex, recordBytes[(int)ballotIndex], tree.InclusionProof(ballotIndex, tree.Size), cosigned.Format());

        var code = "7KQ2-M9XD-4HTV-C8RW";
        var enrollSeed = RollMath.EnrollmentSeed(election.ElectionId, code);

        var json = new JsonObject
        {
            ["description"] = "Voting log vectors: see docs/spec/vectors/README.md. Hex is lower case; every value is derived from fixed seeds.",
            ["log_vkey"] = log.ToVkey(),
            ["log_skey"] = log.ToSkey(),
            ["witness_vkey"] = witness.ToVkey(),
            ["witness_cosignature_key_id_hex"] = KeyId.Compute(witness.Name, SignatureType.CosignatureV1, witness.PublicKey).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            ["organiser_public_key_hex"] = Hex(election.Organiser.PublicKey),
            ["records"] = records,
            ["roots"] = roots,
            ["inclusion_proofs"] = inclusion,
            ["consistency_proofs"] = consistency,
            ["roll_digest_hex"] = Hex(RollMath.Digest(election.CredentialKeys().Select(k => (ReadOnlyMemory<byte>)k))),
            ["tie_break_seed_hex"] = Hex(election.TieBreakSeed),
            ["tie_break_seed_commitment_hex"] = Hex(RollMath.SeedCommitment(election.TieBreakSeed)),
            ["lot_contribution_hex"] = Hex(election.LotContribution),
            ["lot_contribution_commitment_hex"] = Hex(LotSeeds.Commitment(election.ElectionId, election.LotContribution)),
            ["lot_seed_hex"] = Hex(LotSeeds.LotSeed(election.TieBreakSeed, [election.LotContribution])),
            ["enrollment_code"] = code,
            ["enrollment_seed_hex"] = Hex(enrollSeed),
            ["enrollment_public_key_hex"] = Hex(Ed25519.PublicKeyFromSeed(enrollSeed)),
            ["cosignature_timestamp"] = CosignTime,
        };
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["log-vectors.json"] = Encoding.UTF8.GetBytes(json.ToJsonString(options).ReplaceLineEndings("\n") + "\n"),
            ["checkpoint.txt"] = Encoding.UTF8.GetBytes(signed.Format()),
            ["checkpoint-cosigned.txt"] = Encoding.UTF8.GetBytes(cosigned.Format()),
            ["receipt.tlog-proof"] = Encoding.UTF8.GetBytes(receipt.Format()),
            ["split-vectors.json"] = Encoding.UTF8.GetBytes(SplitVectors().ToJsonString(options).ReplaceLineEndings("\n") + "\n"),
            ["group-vectors.json"] = Encoding.UTF8.GetBytes(GroupVectors().ToJsonString(options).ReplaceLineEndings("\n") + "\n"),
            ["sealed-vectors.json"] = Encoding.UTF8.GetBytes(SealedVectors().ToJsonString(options).ReplaceLineEndings("\n") + "\n"),
        };
    }

    /// <summary>
    /// A split election (log.md §7.2–§7.4, §10.1; SplitElection over 4 voters): every record with its canonical bytes
    /// and each signature's label, payload, key and signature; the styled roll digest; an issuer code with its seed and
    /// key; the roll-audit seed, commitment and the sample it draws.
    /// </summary>
    private static JsonObject SplitVectors()
    {
        var split = new SplitElection(new SyntheticElection(4, "vectors-split-2026", "voting-vectors"), definitionTimeMs: BaseTimeMs);
        var records = new JsonArray();
        foreach (var (r, height, bytes, prev) in Chained(split.Bodies()))
        {
            var entry = new JsonObject { ["height"] = height, ["body"] = r.BodyCase.ToString(), ["record_hex"] = Hex(bytes), ["leaf_hash_hex"] = Hex(prev) };
            var signatures = new JsonArray([.. SplitSignatures(r, split).Select(x => (JsonNode)new JsonObject
            {
                ["label"] = x.Label, ["payload_hex"] = Hex(x.Payload), ["public_key_hex"] = Hex(x.Key), ["signature_hex"] = Hex(x.Signature),
            })]);
            if (signatures.Count > 0) entry["signatures"] = signatures;
            records.Add(entry);
        }
        const string issuerCode = "I-7KQ2M-9XD4H-TVC8R-WABCD";
        var issuerSeed = SplitRoll.IssuerSeed(split.Election.ElectionId, issuerCode);
        var digest = SplitRoll.Digest(split.Entries);
        return new JsonObject
        {
            ["description"] = "Split-roll vectors (log.md §7.2–§7.4, §10.1): see docs/spec/vectors/README.md.",
            ["election_id"] = split.Election.ElectionId,
            ["records"] = records,
            ["styled_roll_digest_hex"] = Hex(digest),
            ["issuer_public_key_hex"] = Hex(split.Definition.IssuerKey.ToByteArray()),
            ["issuer_code"] = issuerCode,
            ["issuer_code_seed_hex"] = Hex(issuerSeed),
            ["issuer_code_public_key_hex"] = Hex(Ed25519.PublicKeyFromSeed(issuerSeed)),
            ["roll_audit_seed_hex"] = Hex(split.AuditSeed),
            ["roll_audit_commitment_hex"] = Hex(SplitRoll.AuditSeedCommitment(split.AuditSeed)),
            ["roll_audit_sample_size"] = SplitElection.AuditSample,
            ["roll_audit_sample"] = new JsonArray([.. SplitRoll.AuditSample(split.AuditSeed, digest, (ulong)split.Entries.Count, SplitElection.AuditSample).Select(i => (JsonNode)i)]),
        };
    }

    /// <summary>
    /// ristretto255 as Voting uses it (docs/spec/sealed.md §1): the multiples 0…16 of G, independent generators,
    /// hashed scalars and the scalar operations on fixed inputs, and encodings that must be refused. Every value comes
    /// from libsodium here and is checked against @noble/curves by web/vote/test/group-vectors.mjs.
    /// </summary>
    private static JsonObject GroupVectors()
    {
        var multiples = new JsonArray();
        for (uint k = 0; k <= 16; k++) multiples.Add(new JsonObject { ["k"] = k, ["point_hex"] = Point.MultiplyBase(Scalar.FromUInt64(k)).ToString() });
        var generators = new JsonArray();
        for (uint i = 0; i < 4; i++) generators.Add(new JsonObject { ["index"] = i, ["point_hex"] = Generators.Independent(i).ToString() });
        var a = Scalar.FromHash("voting/v2/test-scalar\n", "a"u8);
        var b = Scalar.FromHash("voting/v2/test-scalar\n", "b"u8);
        var order = Convert.FromHexString("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        var orderMinusOne = (byte[])order.Clone();
        orderMinusOne[0]--;
        var fiveG = Point.MultiplyBase(Scalar.FromUInt64(5)).ToArray();
        byte[] Flip(byte[] x, int bit) { var y = (byte[])x.Clone(); y[bit / 8] ^= (byte)(1 << (bit % 8)); return y; }
        return new JsonObject
        {
            ["description"] = "ristretto255 vectors (sealed.md §1): see docs/spec/vectors/README.md.",
            ["generator_multiples"] = multiples,
            ["generator_label"] = Generators.Label,
            ["independent_generators"] = generators,
            ["scalar_label"] = "voting/v2/test-scalar\n",
            ["scalar_a_input"] = "a",
            ["scalar_a_hex"] = a.ToHex(),
            ["scalar_b_input"] = "b",
            ["scalar_b_hex"] = b.ToHex(),
            ["a_plus_b_hex"] = (a + b).ToHex(),
            ["a_minus_b_hex"] = (a - b).ToHex(),
            ["a_times_b_hex"] = (a * b).ToHex(),
            ["a_inverse_hex"] = a.Invert().ToHex(),
            ["a_times_g_hex"] = Point.MultiplyBase(a).ToString(),
            ["b_times_a_times_g_hex"] = (b * Point.MultiplyBase(a)).ToString(),
            ["a_g_plus_b_g_hex"] = (Point.MultiplyBase(a) + Point.MultiplyBase(b)).ToString(),
            ["invalid_scalars_hex"] = new JsonArray(Convert.ToHexStringLower(order), new string('f', 64), Convert.ToHexStringLower(new byte[31])),
            ["valid_scalar_order_minus_one_hex"] = Convert.ToHexStringLower(orderMinusOne),
            // 5G with its sign bit (bit 0: a negative s) or bit 255 set, p itself as s, and a 31-byte string: none decodes.
            ["invalid_points_hex"] = new JsonArray(Convert.ToHexStringLower(Flip(fiveG, 0)), Convert.ToHexStringLower(Flip(fiveG, 255)),
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", Convert.ToHexStringLower(fiveG[..31])),
        };
    }

    /// <summary>Trustee 1's share for trustee 3 sealed to 3's exchange key with a fixed ephemeral key (sealed.md §3.1).</summary>
    private static JsonObject ShareEncryptionVectors(string label)
    {
        const string election = "vectors-sealed-2026";
        var recipientPrivate = System.Security.Cryptography.SHA256.HashData("vectors trustee 3 exchange key"u8);
        var ephemeralPrivate = System.Security.Cryptography.SHA256.HashData("vectors ephemeral key 1 to 3"u8);
        var recipientPublic = Voting.Core.Sealed.ShareEncryption.PublicOf(recipientPrivate);
        var share = Scalar.FromHash(label, "share 1 to 3"u8);
        var sealedShare = Voting.Core.Sealed.ShareEncryption.Seal(election, 1, 3, recipientPublic, share, ephemeralPrivate);
        return new JsonObject
        {
            ["label"] = Voting.Core.Sealed.ShareEncryption.Label,
            ["election_id"] = election,
            ["sender"] = 1,
            ["recipient"] = 3,
            ["recipient_private_hex"] = Hex(recipientPrivate),
            ["recipient_public_hex"] = Hex(recipientPublic),
            ["ephemeral_private_hex"] = Hex(ephemeralPrivate),
            ["share_hex"] = share.ToHex(),
            ["associated_data_hex"] = Hex(Voting.Core.Sealed.ShareEncryption.AssociatedData(election, 1, 3, sealedShare.AsSpan(0, 32), recipientPublic)),
            ["sealed_hex"] = Hex(sealedShare),
        };
    }

    /// <summary>
    /// Encrypted contests (sealed.md §2): two contests' marks encoded, encrypted under a fixed election key with fixed
    /// randomness, and proven with fixed commitment nonces; every input and output, for another implementation to
    /// reproduce byte for byte (web/vote/test/sealed-vectors.mjs does, with @noble/curves).
    /// </summary>
    private static JsonObject SealedVectors()
    {
        const string label = "voting/v2/test-scalar\n";
        var secret = Scalar.FromHash(label, "election secret"u8);
        var key = Point.MultiplyBase(secret);
        var credential = Ed25519.PublicKeyFromSeed(System.Security.Cryptography.SHA256.HashData("vectors credential"u8));
        var contests = new (uint[] Marks, int MaxMarks)[] { ([2, 0, 5], 6), ([.. Enumerable.Range(0, 34).Select(i => (uint)(i * 3 % 37))], 37) };
        var list = new JsonArray();
        for (uint c = 0; c < contests.Length; c++)
        {
            var (marks, max) = contests[c];
            var parts = new JsonArray();
            var elements = Voting.Core.Sealed.ContestEncoding.Encode(marks, max);
            for (uint p = 0; p < elements.Length; p++)
            {
                var r = Scalar.FromHash(label, Encoding.ASCII.GetBytes($"r {c} {p}"));
                var w = Scalar.FromHash(label, Encoding.ASCII.GetBytes($"w {c} {p}"));
                var ct = Voting.Core.Sealed.Ciphertext.Encrypt(elements[p], key, r);
                var context = new Voting.Core.Sealed.KnowledgeProof.Context("vectors-sealed-2026", key, credential, c, p);
                var proof = Voting.Core.Sealed.KnowledgeProof.Prove(context, ct, r, w);
                parts.Add(new JsonObject
                {
                    ["element_hex"] = elements[p].ToString(),
                    ["r_hex"] = r.ToHex(),
                    ["w_hex"] = w.ToHex(),
                    ["alpha_hex"] = ct.Alpha.ToString(),
                    ["beta_hex"] = ct.Beta.ToString(),
                    ["context_hex"] = Hex(context.Bytes()),
                    ["challenge_hex"] = proof.Challenge.ToHex(),
                    ["response_hex"] = proof.Response.ToHex(),
                });
            }
            list.Add(new JsonObject { ["contest"] = c, ["max_marks"] = max, ["marks"] = new JsonArray([.. marks.Select(m => (JsonNode)m)]), ["parts"] = parts });
        }
        return new JsonObject
        {
            ["shuffle"] = ShuffleVectors(label, key),
            ["threshold"] = ThresholdVectors(label),
            ["share_encryption"] = ShareEncryptionVectors(label),
            ["description"] = "Encrypted contests (sealed.md §2) and 2-of-3 trustees (§3–§4): see docs/spec/vectors/README.md.",
            ["election_id"] = "vectors-sealed-2026",
            ["election_secret_hex"] = secret.ToHex(),
            ["election_key_hex"] = key.ToString(),
            ["credential_key_hex"] = Hex(credential),
            ["proof_label"] = Voting.Core.Sealed.KnowledgeProof.Label,
            ["contests"] = list,
        };
    }

    /// <summary>A shuffle of three tuples of width two (sealed.md §5) with a fixed permutation, re-encryption randomness and nonces: its input, output and proof.</summary>
    private static JsonObject ShuffleVectors(string label, Point key)
    {
        int counter = 0;
        Scalar Next() => Scalar.FromHash(label, Encoding.ASCII.GetBytes($"shuffle nonce {counter++}"));
        var input = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 2).Select(k =>
            Ciphertext.Encrypt(ContestEncoding.Encode([(uint)(i + k)], 30)[0], key, Scalar.FromHash(label, Encoding.ASCII.GetBytes($"shuffle input {i} {k}")))).ToArray()).ToList();
        int[] psi = [2, 0, 1];
        var r = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 2).Select(k => Scalar.FromHash(label, Encoding.ASCII.GetBytes($"shuffle r {i} {k}"))).ToArray()).ToArray();
        var context = Encoding.ASCII.GetBytes("shuffle vectors");
        var (output, proof) = ShuffleProof.Prove(context, key, input, psi, r, Next);
        JsonArray Tuples(IEnumerable<Ciphertext[]> t) => new([.. t.Select(x => (JsonNode)new JsonArray([.. x.Select(c => (JsonNode)new JsonObject { ["alpha_hex"] = c.Alpha.ToString(), ["beta_hex"] = c.Beta.ToString() })]))]);
        JsonArray Points(IEnumerable<Point> p) => new([.. p.Select(x => (JsonNode)x.ToString())]);
        JsonArray Scalars(IEnumerable<Scalar> p) => new([.. p.Select(x => (JsonNode)x.ToHex())]);
        return new JsonObject
        {
            ["context_hex"] = Hex(context),
            ["permutation"] = new JsonArray([.. psi.Select(x => (JsonNode)x)]),
            ["input"] = Tuples(input),
            ["output"] = Tuples(output),
            ["permutation_commitments_hex"] = Points(proof.PermutationCommitments),
            ["chain_commitments_hex"] = Points(proof.ChainCommitments),
            ["challenge_hex"] = proof.Challenge.ToHex(),
            ["s1_hex"] = proof.S1.ToHex(),
            ["s2_hex"] = proof.S2.ToHex(),
            ["s3_hex"] = proof.S3.ToHex(),
            ["s4_hex"] = Scalars(proof.S4),
            ["s_hat_hex"] = Scalars(proof.SHat),
            ["s_prime_hex"] = Scalars(proof.SPrime),
            ["challenges_label"] = ShuffleProof.ChallengesLabel,
            ["challenge_label"] = ShuffleProof.ChallengeLabel,
            ["generator_label"] = Generators.Label,
        };
    }

    /// <summary>Three trustees, threshold two (sealed.md §3–§4): fixed polynomials, their commitments and shares, the keys, one ciphertext's decryption shares with proofs, and the plaintext trustees 1 and 3 recover.</summary>
    private static JsonObject ThresholdVectors(string label)
    {
        const int n = 3, k = 2;
        var polynomials = Enumerable.Range(0, n).Select(t => Enumerable.Range(0, k).Select(i => Scalar.FromHash(label, Encoding.ASCII.GetBytes($"trustee {t + 1} coefficient {i}"))).ToArray()).ToList();
        var commitments = polynomials.Select(p => Threshold.Commitments(p)).ToList();
        var key = Threshold.ElectionKey(commitments, k);
        var secrets = Enumerable.Range(1, n).Select(j => polynomials.Aggregate(Scalar.Zero, (x, p) => x + Threshold.Evaluate(p, (uint)j))).ToArray();
        var m = Voting.Core.Sealed.ContestEncoding.Encode([1, 4], 5)[0];
        var ct = Voting.Core.Sealed.Ciphertext.Encrypt(m, key, Scalar.FromHash(label, "threshold r"u8));
        var context = Encoding.ASCII.GetBytes("threshold vectors");
        var trustees = new JsonArray();
        for (int t = 0; t < n; t++)
        {
            uint j = (uint)(t + 1);
            var w = Scalar.FromHash(label, Encoding.ASCII.GetBytes($"trustee {j} w"));
            var proof = Voting.Core.Sealed.EqualityProof.Prove(context, ct.Alpha, secrets[t], w);
            trustees.Add(new JsonObject
            {
                ["index"] = j,
                ["coefficients_hex"] = new JsonArray([.. polynomials[t].Select(a => (JsonNode)a.ToHex())]),
                ["commitments_hex"] = new JsonArray([.. commitments[t].Select(c => (JsonNode)c.ToString())]),
                ["shares_dealt_hex"] = new JsonArray([.. Enumerable.Range(1, n).Select(to => (JsonNode)Threshold.Evaluate(polynomials[t], (uint)to).ToHex())]),
                ["secret_hex"] = secrets[t].ToHex(),
                ["verification_key_hex"] = Threshold.VerificationKey(commitments, j, k).ToString(),
                ["decryption_share_hex"] = (secrets[t] * ct.Alpha).ToString(),
                ["proof_w_hex"] = w.ToHex(),
                ["proof_challenge_hex"] = proof.Challenge.ToHex(),
                ["proof_response_hex"] = proof.Response.ToHex(),
            });
        }
        return new JsonObject
        {
            ["trustees"] = n,
            ["threshold"] = k,
            ["election_key_hex"] = key.ToString(),
            ["alpha_hex"] = ct.Alpha.ToString(),
            ["beta_hex"] = ct.Beta.ToString(),
            ["plaintext_hex"] = m.ToString(),
            ["share_proof_label"] = Voting.Core.Sealed.EqualityProof.Label,
            ["share_context_hex"] = Hex(context),
            ["lagrange_1_of_1_3_hex"] = Threshold.Lagrange(1, [1, 3]).ToHex(),
            ["lagrange_3_of_1_3_hex"] = Threshold.Lagrange(3, [1, 3]).ToHex(),
            ["by"] = trustees,
        };
    }

    private static IEnumerable<(string Label, byte[] Payload, byte[] Key, byte[] Signature)> SplitSignatures(LogRecord r, SplitElection split)
    {
        byte[] issuer = split.Definition.IssuerKey.ToByteArray();
        switch (r.BodyCase)
        {
            case LogRecord.BodyOneofCase.RollAttestation:
                yield return (Labels.RollAttestation, IssuerSigning.AttestationPayload(r.RollAttestation), issuer, r.RollAttestation.Signature.ToByteArray());
                break;
            case LogRecord.BodyOneofCase.RollAudit:
                yield return (Labels.RollAudit, IssuerSigning.AuditPayload(r.RollAudit), issuer, r.RollAudit.Signature.ToByteArray());
                break;
            case LogRecord.BodyOneofCase.Enrollment:
                var en = r.Enrollment;
                var entry = split.Entries[(int)en.RollIndex];
                yield return (Labels.Enrollment, VoterSigning.EnrollmentPayload(en), entry.Key.ToByteArray(), en.RollSignature.ToByteArray());
                yield return (Labels.EnrollmentCredential, VoterSigning.EnrollmentCredentialPayload(en), en.CredentialKey.ToByteArray(), en.CredentialSignature.ToByteArray());
                yield return (Labels.EnrollmentIssuer, IssuerSigning.EnrollmentIssuerPayload(en), entry.IssuerKey.ToByteArray(), en.IssuerSignature.ToByteArray());
                break;
            case LogRecord.BodyOneofCase.Dispute:
                var d = r.Dispute;
                var disputed = split.Entries[(int)d.RollIndex];
                yield return (Labels.Dispute, IssuerSigning.DisputeOfficePayload(d), disputed.Key.ToByteArray(), d.OfficeSignature.ToByteArray());
                yield return (Labels.DisputeIssuer, IssuerSigning.DisputeIssuerPayload(d), disputed.IssuerKey.ToByteArray(), d.IssuerSignature.ToByteArray());
                break;
        }
    }

    private static (string?, byte[]?) SignedPayload(LogRecord r) => r.BodyCase switch
    {
        LogRecord.BodyOneofCase.Election => (Labels.Election, OrganiserSigning.Payload(r.Election)),
        LogRecord.BodyOneofCase.RollCommitment => (Labels.RollCommitment, OrganiserSigning.Payload(r.RollCommitment)),
        LogRecord.BodyOneofCase.Open => (Labels.Open, OrganiserSigning.Payload(r.Open)),
        LogRecord.BodyOneofCase.Close => (Labels.Close, OrganiserSigning.Payload(r.Close)),
        LogRecord.BodyOneofCase.Declaration => (Labels.Declaration, OrganiserSigning.Payload(r.Declaration)),
        LogRecord.BodyOneofCase.Ballot => (Labels.Ballot, VoterSigning.BallotPayload(r.Ballot)),
        _ => (null, null),
    };

    /// <summary>The bodies as records of a log: heights from 0, each chained to the one before, times fixed a second apart.</summary>
    private static IEnumerable<(LogRecord Record, ulong Height, byte[] Bytes, byte[] LeafHash)> Chained(IEnumerable<LogRecord> bodies)
    {
        ulong height = 0;
        byte[] prev = [];
        foreach (var body in bodies)
        {
            var r = body.Clone();
            r.Height = height;
            r.Prev = height == 0 ? ByteString.Empty : ByteString.CopyFrom(prev);
            r.SequencedAtMs = BaseTimeMs + height * 1000;
            var bytes = Canonical.Serialize(r);
            prev = Rfc6962.HashLeaf(bytes);
            yield return (r, height++, bytes, prev);
        }
    }

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    private static JsonArray HexArray(byte[][] hashes) => new([.. hashes.Select(h => (JsonNode)Hex(h))]);
}
