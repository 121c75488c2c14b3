using Scrutineer.Report;
using Scrutineer.Verify;
using Voting.Core.Records;

namespace Voting.Fuzz.Targets;

/// <summary>
/// The verifier over a whole log in memory: records flipped, garbled, dropped, duplicated or swapped; checkpoint
/// notes garbled, dropped or moved to another size; or the bodies dropped or duplicated and everything re-signed with
/// the log's and witnesses' keys, as a dishonest key holder would. Oracle: LogVerifier.Run and both reports never
/// throw; a mutant made without the keys never verifies unless it is the same log (Corpus.Differs); a re-signed
/// log with a body dropped or duplicated never verifies (every body is needed once: the Declaration counts the ballots).
/// Half the inputs start from the plain election's log, half from the split election's (issuer, styles, a dispute).
/// </summary>
internal sealed class LogTarget : Target
{
    public override string Name => "log";

    public override Finding? One(Random rng)
    {
        var original = rng.Next(2) == 0 ? Corpus.Valid : Corpus.SplitValid;
        var records = original.Records.ToList();
        var checkpoints = new SortedDictionary<ulong, string>(original.Checkpoints);
        var done = new List<string>();
        bool resignedDropOrDuplicate = false, droppedSetAside = false;
        int resigns = 0;
        int rounds = 1 + rng.Next(3);
        for (int r = 0; r < rounds; r++)
        {
            int i = rng.Next(records.Count);
            var sizes = checkpoints.Keys.ToList();
            ulong at = sizes.Count == 0 ? 0 : sizes[rng.Next(sizes.Count)];
            switch (rng.Next(11))
            {
                case 0: { var b = (byte[])records[i].Clone(); int k = rng.Next(b.Length); b[k] ^= (byte)(1 << rng.Next(8)); records[i] = b; done.Add($"flip record {i} byte {k}"); break; }
                case 1: records[i] = Mutate.Bytes(records[i], rng); done.Add($"garble record {i}"); break;
                case 2: records.RemoveAt(i); done.Add($"drop record {i}"); break;
                case 3: { int to = rng.Next(records.Count + 1); records.Insert(to, records[i]); done.Add($"duplicate record {i} at {to}"); break; }
                case 4: { int j = rng.Next(records.Count); (records[i], records[j]) = (records[j], records[i]); done.Add($"swap records {i} {j}"); break; }
                case 5 when sizes.Count > 0: checkpoints[at] = Mutate.Text(checkpoints[at], rng); done.Add($"garble checkpoint {at}"); break;
                case 6 when sizes.Count > 0: checkpoints[at] = Mutate.Lines(checkpoints[at], rng); done.Add($"garble lines of checkpoint {at}"); break;
                case 7 when sizes.Count > 1: checkpoints.Remove(at); done.Add($"drop checkpoint {at}"); break;
                case 8 when sizes.Count > 0:
                {
                    ulong to = rng.Next(3) == 0 ? (ulong)rng.NextInt64() : (ulong)rng.Next(records.Count + 2);
                    var note = checkpoints[at];
                    checkpoints.Remove(at);
                    checkpoints[to] = note;
                    done.Add($"move checkpoint {at} to {to}");
                    break;
                }
                case 9: { var other = sizes[rng.Next(sizes.Count)]; checkpoints[at] = checkpoints[other]; done.Add($"copy checkpoint {other} over {at}"); break; }
                default:
                {
                    // Re-signed by the key holders: the bodies change, the chain, tree and signatures are made anew.
                    List<LogRecord> bodies;
                    try { bodies = [.. records.Select(x => Canonical.Parse(x))]; }
                    catch (Voting.Core.VotingFormatException) { break; }
                    int b = rng.Next(bodies.Count);
                    if (rng.Next(2) == 0)
                    {
                        done.Add($"re-signed without body {b} ({bodies[b].BodyCase})");
                        // The disputed voter's ballot is set aside anyway: the log without it is the log of a member
                        // who enrolled, never voted, and disputed — valid, and counting the same. Not every body is needed.
                        droppedSetAside |= (ReferenceEquals(original, Corpus.SplitValid) && bodies[b].BodyCase == LogRecord.BodyOneofCase.Ballot
                            && bodies[b].Ballot.CredentialKey.Span.SequenceEqual(Corpus.Builder.Election.CredentialKeys()[Voting.Synthetic.SplitElection.DisputedVoter]));
                        bodies.RemoveAt(b);
                    }
                    else { bodies.Insert(rng.Next(bodies.Count + 1), bodies[b]); done.Add($"re-signed with body {b} ({bodies[b].BodyCase}) twice"); }
                    var rebuilt = Corpus.Builder.Build(bodies);
                    records = [.. rebuilt.Records];
                    checkpoints = rebuilt.Checkpoints;
                    resignedDropOrDuplicate = true;
                    resigns++;
                    break;
                }
            }
            if (records.Count == 0) break;
        }
        // As ExportedLog.Read gives it: the latest checkpoint is the one at the largest size.
        var latest = checkpoints.Count > 0 ? checkpoints.Last().Value : original.LatestCheckpoint;
        if (checkpoints.Count == 0) checkpoints[(ulong)records.Count] = latest;
        var log = new ExportedLog
        {
            ClaimedLogKey = Corpus.Valid.ClaimedLogKey,
            ClaimedWitnesses = Corpus.Valid.ClaimedWitnesses,
            LatestCheckpoint = latest,
            Checkpoints = checkpoints,
            Records = records,
        };
        var input = string.Join("; ", done);
        LogVerifier v;
        try
        {
            v = LogVerifier.Run(log, Corpus.Policy);
            HtmlReport.Render(v, log, Corpus.Policy);
            JsonReport.Render(v, Corpus.Policy);
        }
        catch (Exception e) { return Crash(e, input); }
        // A drop can undo a duplicate ("duplicate record 12 at 0; re-signed without body 0"): the same log, rebuilt.
        if (!v.Passed || !Corpus.Differs(original, records, checkpoints) || (droppedSetAside && resigns == 1)) return null;
        // A key holder who re-signs may reorder: a log holding the original's bodies, each once, in another order (a
        // duplicate undone by a drop) is a log it could have written, and may verify.
        if (resignedDropOrDuplicate && SameBodies(original, records)) return null;
        return new Finding("false-verified", resignedDropOrDuplicate ? "a re-signed log with a body dropped or duplicated verified" : "a mutated log verified", input);
    }

    /// <summary>Whether the records hold exactly the original's bodies, each as often, chain fields aside.</summary>
    private static bool SameBodies(ExportedLog original, List<byte[]> records)
    {
        static List<string>? Keys(IEnumerable<byte[]> rs)
        {
            var keys = new List<string>();
            foreach (var r in rs)
            {
                LogRecord parsed;
                try { parsed = Canonical.Parse(r); }
                catch (Voting.Core.VotingFormatException) { return null; }
                parsed.Height = 0;
                parsed.Prev = Google.Protobuf.ByteString.Empty;
                parsed.SequencedAtMs = 0;
                keys.Add(Convert.ToBase64String(Canonical.Serialize(parsed)));
            }
            keys.Sort(StringComparer.Ordinal);
            return keys;
        }
        var (a, b) = (Keys(original.Records), Keys(records));
        return a is not null && b is not null && a.SequenceEqual(b, StringComparer.Ordinal);
    }
}
