using System.Text.Json;
using Voting.Core.Merkle;

namespace Voting.Core.Tests;

/// <summary>All transparency-dev/merkle RFC 6962 vectors in ../shared/vectors/rfc6962, consumed in place.</summary>
public class Rfc6962VectorTests
{
    public static TheoryData<string> InclusionFiles() => Files("inclusion");
    public static TheoryData<string> ConsistencyFiles() => Files("consistency");

    private static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        var root = SharedVectors.Root;
        if (root is null) { data.Add("(absent)"); return data; }
        foreach (var f in Directory.GetFiles(Path.Combine(root, "rfc6962", kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Path.Combine(root, "rfc6962"), f));
        return data;
    }

    private static JsonElement Load(string relative) =>
        JsonDocument.Parse(File.ReadAllText(SharedVectors.Require("rfc6962", relative))).RootElement;

    private static byte[] B64(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(e.GetProperty(name).GetString()!);

    private static byte[][] Proof(JsonElement e) =>
        e.GetProperty("proof").ValueKind == JsonValueKind.Null ? [] : [.. e.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!))];

    [Fact]
    public void AllOneHundredNinetySixVectorsArePresent()
    {
        var root = SharedVectors.Require("rfc6962");
        Assert.Equal(196, Directory.GetFiles(root, "*.json", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void InclusionVectorGivesTheExpectedVerdict(string file)
    {
        var v = Load(file);
        bool ok = InclusionProof.Verify(v.GetProperty("leafIdx").GetUInt64(), v.GetProperty("treeSize").GetUInt64(),
            B64(v, "leafHash"), Proof(v), B64(v, "root"));
        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), ok);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void ConsistencyVectorGivesTheExpectedVerdict(string file)
    {
        var v = Load(file);
        bool ok = ConsistencyProof.Verify(v.GetProperty("size1").GetUInt64(), v.GetProperty("size2").GetUInt64(),
            B64(v, "root1"), B64(v, "root2"), Proof(v));
        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), ok);
    }

    /// <summary>The eight fixed leaves of transparency-dev/merkle and their roots, as listed in ../shared/vectors/notes.md.</summary>
    [Fact]
    public void RootsOfTheEightFixedLeavesMatchNotes()
    {
        var notes = File.ReadAllText(SharedVectors.Require("notes.md"));
        var leaves = new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" };
        var tree = new MemoryTree();
        Assert.Contains($"root[0] = {Convert.ToHexStringLower(tree.Root())}", notes, StringComparison.Ordinal);
        for (int i = 0; i < leaves.Length; i++)
        {
            tree.AppendLeaf(Convert.FromHexString(leaves[i]));
            Assert.Contains($"root[{i + 1}] = {Convert.ToHexStringLower(tree.Root())}", notes, StringComparison.Ordinal);
        }
    }
}
