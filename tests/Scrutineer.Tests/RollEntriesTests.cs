using FsCheck;
using FsCheck.Fluent;
using Scrutineer.Verify;
using Voting.Core.Records;

namespace Scrutineer.Tests;

/// <summary>The packed roll gives back every entry as published and the same digest as RollMath.Digest, odd-sized entries included.</summary>
public class RollEntriesTests
{
    [Fact]
    public void Entries_and_digest_match_the_plain_definition()
    {
        // Mostly 32-byte entries, sometimes another size; enough of them to cross a block of 4,096.
        var entry = Gen.Frequency((20, Gen.Constant(32)), (1, Gen.Choose(0, 40)))
            .SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));
        var rolls = Gen.Choose(0, 9000).SelectMany(n => Gen.ArrayOf(entry, n));
        Prop.ForAll(rolls.ToArbitrary(), entries =>
        {
            var roll = new RollEntries();
            foreach (var e in entries) roll.Add(e);
            bool same = roll.Count == entries.Length && entries.Select((e, i) => roll[i].SequenceEqual(e)).All(x => x);
            return same && roll.Digest(styled: false).SequenceEqual(RollMath.Digest(entries.Select(e => (ReadOnlyMemory<byte>)e)));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }
}
