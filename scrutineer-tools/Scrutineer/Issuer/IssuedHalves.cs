using System.Text;
using Voting.Core;
using Voting.Core.Crypto;
using Voting.Core.IO;
using Voting.Core.Records;

namespace Scrutineer.Issuer;

/// <summary>
/// The halves the issuer made, one per member (halves.csv: member_id, style, issuer_key): what the office places on
/// the roll, and what the issuer holds the committed roll to before it attests (log.md §7.2).
/// </summary>
internal sealed class IssuedHalves
{
    public IReadOnlyList<IssuerHalvesFile.Half> Halves { get; }
    private readonly Dictionary<string, IssuerHalvesFile.Half> _byKey;

    private IssuedHalves(List<IssuerHalvesFile.Half> halves)
    {
        Halves = halves;
        _byKey = halves.ToDictionary(h => Convert.ToBase64String(h.Key), StringComparer.Ordinal);
    }

    /// <summary>
    /// Makes a code per member of the member list (its optional `style` column: each member's ballot style id), writes
    /// the codes with the members' fields to codes.csv (0600, for the issuer's own channel) and the public halves to
    /// halves.csv. Refused where codes exist: a second set would make the first members' letters worthless.
    /// </summary>
    public static IssuedHalves Issue(IssuerState state, string membersCsv)
    {
        if (File.Exists(state.CodesFile)) throw new VotingFormatException($"{state.CodesFile} exists: codes for {state.ElectionId} were issued already");
        var (header, members) = MemberList.Read(membersCsv);
        int styleColumn = MemberList.Column(header, "style");
        var codes = new StringBuilder().AppendJoin(',', header.Select(MemberList.Quote)).Append(",issuer_code\n");
        var halves = new List<IssuerHalvesFile.Half>();
        foreach (var m in members)
        {
            var code = SplitRoll.NewIssuerCode();
            codes.AppendJoin(',', m.Fields.Select(MemberList.Quote)).Append(',').Append(code).Append('\n');
            halves.Add(new IssuerHalvesFile.Half(m.Id, styleColumn < 0 ? "" : m.Fields[styleColumn].Trim(), Ed25519.PublicKeyFromSeed(SplitRoll.IssuerSeed(state.ElectionId, code))));
        }
        AtomicFile.WriteText(state.CodesFile, codes.ToString(), AtomicFile.OwnerOnly, overwrite: false);
        AtomicFile.WriteText(state.HalvesFile, IssuerHalvesFile.Format(halves));
        return new IssuedHalves(halves);
    }

    /// <summary>halves.csv as Issue wrote it (IssuerHalvesFile; the office's roll import reads it too).</summary>
    public static IssuedHalves Read(string path) => new(IssuerHalvesFile.Read(path));

    public IssuerHalvesFile.Half? Of(ReadOnlySpan<byte> key) => _byKey.GetValueOrDefault(Convert.ToBase64String(key));

    /// <summary>
    /// Why the committed roll is not exactly the issued halves — an entry whose issuer half the issuer did not make (a
    /// ghost), one of its halves twice or missing, or a member in another style than the one it was given — or null.
    /// </summary>
    public string? RollProblem(IReadOnlyList<RollEntry> roll, ElectionDefinition d)
    {
        ArgumentNullException.ThrowIfNull(roll);
        ArgumentNullException.ThrowIfNull(d);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < roll.Count; i++)
        {
            var half = Of(roll[i].IssuerKey.Span);
            if (half is null) return $"roll entry {i} has an issuer half this issuer did not make: an entry for no member it was given";
            if (!placed.Add(half.MemberId)) return $"roll entry {i} repeats member {half.MemberId}'s issuer half";
            string style = d.BallotStyles.Count == 0 ? "" : roll[i].Style < d.BallotStyles.Count ? d.BallotStyles[(int)roll[i].Style].StyleId : $"#{roll[i].Style}";
            if (d.BallotStyles.Count > 0 && style != half.Style) return $"roll entry {i} (member {half.MemberId}) has ballot style \"{style}\"; the member list gave \"{half.Style}\"";
        }
        var missing = Halves.Where(h => !placed.Contains(h.MemberId)).Select(h => h.MemberId).ToList();
        return missing.Count == 0 ? null : $"the roll lacks {missing.Count} of the members this issuer was given (first: {missing[0]})";
    }
}
