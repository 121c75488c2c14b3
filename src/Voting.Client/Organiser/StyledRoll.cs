using Google.Protobuf;
using Voting.Client.Api;
using Voting.Core;
using Voting.Core.IO;
using Voting.Core.Records;

namespace Voting.Client.Organiser;

/// <summary>
/// The office's side of a split or styled roll (log.md §7.2, §7.3): each member's ballot style from the members file
/// and half from the independent issuer's halves.csv, checked to be for exactly these members in these styles before
/// the roll is built, so that the issuer's own check (scrutineer issuer attest) finds what it issued.
/// </summary>
internal sealed class StyledRoll
{
    private readonly uint[] _styles;
    private readonly byte[][] _issuerKeys;

    private StyledRoll(uint[] styles, byte[][] issuerKeys) => (_styles, _issuerKeys) = (styles, issuerKeys);

    public static StyledRoll Check(ElectionDefinition d, IReadOnlyList<string> header, List<MemberList.Member> members, string membersCsv, string? halvesCsv)
    {
        var styles = new uint[members.Count];
        int column = MemberList.Column(header, "style");
        if (d.BallotStyles.Count > 0)
        {
            if (column < 0) throw new ClientException($"{membersCsv}: election {d.ElectionId} has ballot styles ({string.Join(", ", d.BallotStyles.Select(s => s.StyleId))}): the members file needs a style column", "add a style column giving each member's ballot style id");
            var index = d.BallotStyles.Select((s, i) => (s.StyleId, i)).ToDictionary(x => x.StyleId, x => (uint)x.i, StringComparer.Ordinal);
            for (int i = 0; i < members.Count; i++)
                styles[i] = index.TryGetValue(members[i].Fields[column].Trim(), out var s) ? s
                    : throw new ClientException($"{membersCsv}: member {members[i].Id}: style \"{members[i].Fields[column].Trim()}\" is not one of the election's ({string.Join(", ", index.Keys)})");
        }
        var keys = new byte[members.Count][];
        if (SplitRoll.HasIssuer(d))
        {
            if (halvesCsv is null) throw new ClientException($"election {d.ElectionId} names an independent issuer: every roll entry needs its half", "pass --issuer-halves with the halves.csv the issuer gave you (scrutineer issuer issue wrote it)");
            List<IssuerHalvesFile.Half> halves;
            try { halves = IssuerHalvesFile.Read(halvesCsv); }
            catch (VotingFormatException e) { throw new ClientException(e.Message, "use the halves.csv the issuer gave you, unchanged"); }
            var byMember = halves.ToDictionary(h => h.MemberId, StringComparer.Ordinal);
            for (int i = 0; i < members.Count; i++)
            {
                if (!byMember.Remove(members[i].Id, out var h)) throw new ClientException($"{halvesCsv}: no half for member {members[i].Id}", "give the issuer the same member list you import");
                string style = column < 0 ? "" : members[i].Fields[column].Trim();
                if (d.BallotStyles.Count > 0 && h.Style != style) throw new ClientException($"{halvesCsv}: member {members[i].Id} has style \"{h.Style}\" there and \"{style}\" in {membersCsv}", "give the issuer the same member list you import");
                keys[i] = h.Key;
            }
            if (byMember.Count > 0) throw new ClientException($"{halvesCsv}: halves for {byMember.Count} members not in {membersCsv} (first: {byMember.Keys.First()})", "give the issuer the same member list you import");
        }
        else if (halvesCsv is not null) throw new ClientException($"election {d.ElectionId} names no independent issuer: --issuer-halves does not apply");
        return new StyledRoll(styles, keys);
    }

    /// <summary>The roll: member i's entry, at the index its office code names, holding the office key there.</summary>
    public List<RollEntry> Entries(string electionId, IReadOnlyList<string> codes, byte[][] officeKeysByIndex)
    {
        var entries = new RollEntry[codes.Count];
        for (int i = 0; i < codes.Count; i++)
        {
            var (index, _) = EnrollmentCodes.Open(electionId, codes[i]);
            entries[index] = new RollEntry
            {
                Key = ByteString.CopyFrom(officeKeysByIndex[index]),
                IssuerKey = _issuerKeys[i] is { } k ? ByteString.CopyFrom(k) : ByteString.Empty,
                Style = _styles[i],
            };
        }
        return [.. entries];
    }
}
