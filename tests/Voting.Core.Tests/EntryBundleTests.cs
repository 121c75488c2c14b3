using FsCheck;
using FsCheck.Fluent;
using Voting.Core.Tiles;

namespace Voting.Core.Tests;

/// <summary>Entry bundles (export.md §3): Decode gives back what Encode framed, and Count checks the framing exactly as Decode does.</summary>
public class EntryBundleTests
{
    private static readonly Gen<byte[][]> Entries =
        Gen.ListOf(Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n))).Select(l => l.ToArray());

    [Fact]
    public void Decode_gives_back_the_entries_and_Count_their_number()
    {
        Prop.ForAll(Entries.ToArbitrary(), entries =>
        {
            var bundle = EntryBundle.Encode(entries);
            var decoded = EntryBundle.Decode(bundle);
            return decoded.Count == entries.Length && decoded.Zip(entries).All(p => p.First.SequenceEqual(p.Second)) && EntryBundle.Count(bundle) == entries.Length;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_truncation_is_judged_alike_by_Decode_and_Count()
    {
        var cuts = from entries in Entries.Where(e => e.Length > 0)
                   from cut in Gen.Choose(0, EntryBundle.Encode(entries).Length)
                   select (entries, cut);
        Prop.ForAll(cuts.ToArbitrary(), t =>
        {
            var bundle = EntryBundle.Encode(t.entries).AsSpan(0, t.cut).ToArray();
            string? decodeError = null, countError = null;
            int decoded = -1, counted = -1;
            try { decoded = EntryBundle.Decode(bundle, "b").Count; } catch (VotingFormatException e) { decodeError = e.Message; }
            try { counted = EntryBundle.Count(bundle, "b"); } catch (VotingFormatException e) { countError = e.Message; }
            return decodeError == countError && decoded == counted;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_length_past_the_end_is_named()
    {
        var e = Assert.Throws<VotingFormatException>(() => EntryBundle.Count([0x00, 0x05, 1, 2], "tile/entries/000"));
        Assert.Contains("tile/entries/000: entry 0 claims 5 bytes but 2 remain", e.Message, StringComparison.Ordinal);
    }
}
