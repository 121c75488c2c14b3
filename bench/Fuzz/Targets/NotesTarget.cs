using System.Text;
using Voting.Core;
using Voting.Core.Notes;
using Voting.Core.Tiles;

namespace Voting.Fuzz.Targets;

/// <summary>
/// The note and export parsers every reader of a log runs first: signed notes and checkpoints (cosigned, with
/// the log's and witnesses' keys), vkeys, the keys file, a witness's add-checkpoint request, entry bundles and tile
/// paths — valid ones mutated. Oracle: each gives its value or a VotingFormatException / NoteVerificationException,
/// and a mutated note that still verifies under the log key carries the original checkpoint text.
/// </summary>
internal sealed class NotesTarget : Target
{
    private static readonly string[] Notes = [.. Corpus.Valid.Checkpoints.Values];
    private static readonly string Keys = KeysFile.Format(new WitnessPolicy(Corpus.Valid.ClaimedLogKey, Corpus.Valid.ClaimedWitnesses, Corpus.Valid.ClaimedWitnesses.Count));
    private static readonly string AddCheckpoint = new AddCheckpointRequest(Corpus.Valid.Checkpoints.Keys.First(k => k > 0), [new byte[32], new byte[32]], Corpus.Valid.LatestCheckpoint).Format();
    private static readonly byte[] Bundle = EntryBundle.Encode(Corpus.Valid.Records);
    private static readonly string[] Paths = ["tile/0/000", "tile/0/x001/000.p/93", "tile/entries/000.p/27", "tile/1/000", "tile/entries/x123/x456/789"];

    public override string Name => "notes";

    public override Finding? One(Random rng)
    {
        int kind = rng.Next(6);
        string input = "";
        try
        {
            switch (kind)
            {
                case 0:
                {
                    var original = Notes[rng.Next(Notes.Length)];
                    input = rng.Next(2) == 0 ? Mutate.Text(original, rng) : Mutate.Lines(original, rng);
                    var note = SignedNote.Parse(Encoding.UTF8.GetBytes(input));
                    Checkpoint.ParseText(note.Text);
                    var (cp, _, _) = Checkpoint.ParseAndVerify(input, Corpus.Policy.LogKey, Corpus.Policy.Witnesses);
                    if (!Notes.Select(Corpus.SignedText).Contains(note.Text))
                        return new Finding("false-verified", $"a changed checkpoint text (size {cp.Size}) verified under the log key", Mutate.Show(input));
                    break;
                }
                case 1:
                    input = Mutate.Text(Corpus.Builder.LogKey.ToVkey(), rng);
                    NoteVerifier.ParseVkey(input);
                    break;
                case 2:
                    input = Mutate.Lines(Keys, rng);
                    KeysFile.Parse(input);
                    break;
                case 3:
                    input = Mutate.Lines(AddCheckpoint, rng);
                    AddCheckpointRequest.Parse(input);
                    break;
                case 4:
                {
                    var b = Mutate.Bytes(Bundle, rng);
                    input = Mutate.Show(b);
                    EntryBundle.Decode(b);
                    EntryBundle.Count(b);
                    break;
                }
                default:
                    input = Mutate.Text(Paths[rng.Next(Paths.Length)], rng);
                    // Only the canonical spelling parses (TilePaths): what parses is written back the same.
                    if (TilePaths.TryParse(input, out int level, out var index, out var width)
                        && (level < 0 ? TilePaths.Entries(index, width) : TilePaths.Tile(level, index, width)) != input)
                        return new Finding("crash", $"a tile path that is not canonical parsed (level {level}, index {index}, width {width})", Mutate.Show(input));
                    break;
            }
            return null;
        }
        catch (Exception e) when (e is VotingFormatException or NoteVerificationException) { return null; }
        catch (Exception e) { return Crash(e, $"kind {kind}: {Mutate.Show(input)}"); }
    }
}
