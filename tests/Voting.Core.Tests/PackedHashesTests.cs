using Voting.Core.Merkle;

namespace Voting.Core.Tests;

/// <summary>Packed 32-byte values: indexing and runs across block boundaries, and snapshots that later adds do not reach.</summary>
public class PackedHashesTests
{
    private static byte[] Value(int i) => System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i));

    [Fact]
    public void Values_and_runs_come_back_in_order_across_blocks()
    {
        var packed = new PackedHashes();
        for (int i = 0; i < 9_000; i++) packed.Add(Value(i));
        Assert.Equal(9_000UL, packed.Count);
        for (int i = 0; i < 9_000; i += 997) Assert.Equal(Value(i), packed[(ulong)i].ToArray());
        foreach (var (from, to) in new[] { (0UL, 9_000UL), (4_000UL, 8_300UL), (4_096UL, 4_096UL), (100UL, 101UL) })
        {
            var joined = packed.Runs(from, to).SelectMany(r => r.ToArray()).ToArray();
            var expected = Enumerable.Range((int)from, (int)(to - from)).SelectMany(Value).ToArray();
            Assert.Equal(expected, joined);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => packed.Runs(0, 9_001).ToList());
        Assert.Throws<ArgumentException>(() => packed.Add(new byte[31]));
    }

    [Fact]
    public void A_snapshot_keeps_its_size_and_refuses_adds()
    {
        var packed = new PackedHashes();
        for (int i = 0; i < 5_000; i++) packed.Add(Value(i));
        var snapshot = packed.Snapshot();
        for (int i = 5_000; i < 6_000; i++) packed.Add(Value(i));
        Assert.Equal(5_000UL, snapshot.Count);
        Assert.Equal(Value(4_999), snapshot[4_999].ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => snapshot[5_000].ToArray());
        Assert.Throws<InvalidOperationException>(() => snapshot.Add(Value(0)));
    }
}
