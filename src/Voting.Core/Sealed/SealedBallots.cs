using Google.Protobuf;
using Voting.Core.Ballots;
using Voting.Core.Group;
using Voting.Core.Records;

namespace Voting.Core.Sealed;

/// <summary>
/// A whole ballot sealed to the election key (docs/spec/sealed.md §6): the member's client seals each contest of
/// their style (ContestEncoding, Ciphertext, KnowledgeProof), and the checker — the server on admission, the
/// scrutineer on every ballot — holds it to the definition, the style and every proof (audit check ballot.sealed).
/// </summary>
public static class SealedBallots
{
    public const string Check = "ballot.sealed";

    /// <summary>The most marks a sealed ballot may carry in a contest: its parts are fixed by it (§2.1).</summary>
    public static int MaxMarks(Contest contest)
    {
        ArgumentNullException.ThrowIfNull(contest);
        return contest.Method switch
        {
            Method.Stv => contest.Candidates.Count,
            Method.Block or Method.Approval => (int)BallotRules.MaxMarks(contest),
            _ => 1,
        };
    }

    /// <summary>
    /// Seals each contest of the style (choices[k]: candidate indexes, valid for contest k); contests outside it get no
    /// parts. Returns the ballot and each part's randomness (a cast-as-intended challenge reveals them).
    /// </summary>
    public static (SealedBallot Ballot, Scalar[][] Randomness) Seal(ElectionDefinition d, Point electionKey, ReadOnlyMemory<byte> credentialKey, IReadOnlyList<IReadOnlyList<uint>> choices, bool[] style)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(style);
        if (choices.Count != d.Contests.Count || style.Length != d.Contests.Count) throw new ArgumentException("one choice list and one style flag per contest");
        var ballot = new SealedBallot();
        var randomness = new Scalar[d.Contests.Count][];
        for (int k = 0; k < d.Contests.Count; k++)
        {
            var contest = new SealedContest();
            if (!style[k])
            {
                if (choices[k].Count > 0) throw new ArgumentException($"contest {d.Contests[k].ContestId} is outside the style, but has marks");
                randomness[k] = [];
                ballot.Contests.Add(contest);
                continue;
            }
            var elements = ContestEncoding.Encode(choices[k], MaxMarks(d.Contests[k]));
            randomness[k] = new Scalar[elements.Length];
            for (int p = 0; p < elements.Length; p++)
            {
                var (ct, r) = Ciphertext.Encrypt(elements[p], electionKey);
                var proof = KnowledgeProof.Prove(new KnowledgeProof.Context(d.ElectionId, electionKey, credentialKey, (uint)k, (uint)p), ct, r);
                randomness[k][p] = r;
                contest.Parts.Add(new SealedPart
                {
                    Alpha = ByteString.CopyFrom(ct.Alpha.ToArray()),
                    Beta = ByteString.CopyFrom(ct.Beta.ToArray()),
                    Challenge = ByteString.CopyFrom(proof.Challenge.ToArray()),
                    Response = ByteString.CopyFrom(proof.Response.ToArray()),
                });
            }
            ballot.Contests.Add(contest);
        }
        return (ballot, randomness);
    }

    /// <summary>
    /// Null when the sealed ballot is well formed for its voter (one SealedContest per contest; exactly the contest's
    /// parts inside the style and none outside; every element and scalar canonical, α never the identity; every proof
    /// of knowledge valid for this election, key, credential, contest and part); else what is wrong. Repeated α across
    /// ballots is the caller's to find (it needs every ballot): AlphaKeys gives what to remember.
    /// </summary>
    public static RuleViolation? Problem(SealedBallot ballot, ElectionDefinition d, Point electionKey, ReadOnlyMemory<byte> credentialKey, bool[] style) =>
        FormProblem(ballot, d) ?? StyleProblem(ballot, d, style) ?? ProofProblem(ballot, d, electionKey, credentialKey);

    /// <summary>
    /// What needs neither the voter nor the key: one SealedContest per contest, each with no parts (outside a style)
    /// or exactly the contest's, every element and scalar canonical and α not the identity. Cheap: the server asks it
    /// first, under its lock.
    /// </summary>
    public static RuleViolation? FormProblem(SealedBallot ballot, ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentNullException.ThrowIfNull(d);
        if (ballot.Contests.Count != d.Contests.Count) return new(Check, $"the sealed ballot has {ballot.Contests.Count} contests; the election has {d.Contests.Count}");
        for (int k = 0; k < d.Contests.Count; k++)
        {
            var parts = ballot.Contests[k].Parts;
            string where = $"contest \"{d.Contests[k].ContestId}\"";
            int want = ContestEncoding.Parts(MaxMarks(d.Contests[k]));
            if (parts.Count != 0 && parts.Count != want) return new(Check, $"{where}: {parts.Count} sealed parts; it takes {want} (or none outside the voter's style)");
            for (int p = 0; p < parts.Count; p++)
            {
                var part = parts[p];
                if (Point.TryDecode(part.Alpha.Span) is null) return new(Check, $"{where} part {p}: alpha is not a canonical, non-identity element");
                if (Point.TryDecode(part.Beta.Span, allowIdentity: true) is null) return new(Check, $"{where} part {p}: beta is not a canonical element");
                if (Scalar.TryDecode(part.Challenge.Span) is null || Scalar.TryDecode(part.Response.Span) is null) return new(Check, $"{where} part {p}: the proof's scalars are not canonical");
            }
        }
        return null;
    }

    /// <summary>
    /// The voter's style (log.md §7.3): parts for every contest inside it and none outside. Parts in a contest outside
    /// the style fail ballot.style, as marks there do on a plain ballot; a contest of the style left without parts fails
    /// ballot.sealed (a blank vote is sealed too, so that a blank cannot be told from a vote).
    /// </summary>
    public static RuleViolation? StyleProblem(SealedBallot ballot, ElectionDefinition d, bool[] style)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(style);
        for (int k = 0; k < d.Contests.Count && k < ballot.Contests.Count; k++)
        {
            bool inStyle = k < style.Length && style[k];
            int parts = ballot.Contests[k].Parts.Count;
            if (!inStyle && parts > 0) return new(StyleRules.Check, $"contest {d.Contests[k].ContestId} is not in the voter's ballot style, but the sealed ballot has parts for it");
            if (inStyle && parts == 0) return new(Check, $"contest \"{d.Contests[k].ContestId}\" is in the voter's style and has no sealed parts (a blank vote is sealed too)");
        }
        return null;
    }

    /// <summary>
    /// Every part's proof of knowledge, for this election, key, credential, contest and part: the costly part (one
    /// verification per ciphertext, sealed.md §2.3), which needs no state and so runs outside any lock or in parallel.
    /// Assumes <see cref="FormProblem"/> passed.
    /// </summary>
    public static RuleViolation? ProofProblem(SealedBallot ballot, ElectionDefinition d, Point electionKey, ReadOnlyMemory<byte> credentialKey)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentNullException.ThrowIfNull(d);
        // A hostile log's definition may carry an id no proof context can hold (election.well-formed fails it too).
        if (ElectionIdField.LengthPrefixed(d.ElectionId) is null || credentialKey.Length > 255) return new(Check, "the election id or credential key cannot be part of a proof's context (not ASCII, or over 255 bytes)");
        for (int k = 0; k < d.Contests.Count && k < ballot.Contests.Count; k++)
        {
            var parts = ballot.Contests[k].Parts;
            for (int p = 0; p < parts.Count; p++)
            {
                var part = parts[p];
                string where = $"contest \"{d.Contests[k].ContestId}\" part {p}";
                if (Point.TryDecode(part.Alpha.Span) is not { } alpha || Point.TryDecode(part.Beta.Span, allowIdentity: true) is not { } beta
                    || Scalar.TryDecode(part.Challenge.Span) is not { } c || Scalar.TryDecode(part.Response.Span) is not { } z)
                    return new(Check, $"{where} is not well formed");
                var context = new KnowledgeProof.Context(d.ElectionId, electionKey, credentialKey, (uint)k, (uint)p);
                if (!new KnowledgeProof(c, z).Verifies(context, new Ciphertext(alpha, beta))) return new(Check, $"{where}: the proof of knowledge does not verify for this ballot's election, key, credential and place");
            }
        }
        return null;
    }

    /// <summary>Every α of the ballot, as the keys a checker remembers to refuse a ciphertext seen before (a copied ciphertext repeats its α).</summary>
    public static IEnumerable<string> AlphaKeys(SealedBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        return ballot.Contests.SelectMany(c => c.Parts).Select(p => p.Alpha.ToBase64());
    }
}
