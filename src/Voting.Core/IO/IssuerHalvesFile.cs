using System.Text;
using Voting.Core.Crypto;

namespace Voting.Core.IO;

/// <summary>
/// halves.csv (log.md §7.2): the independent issuer's public half of each member's code — `member_id,style,issuer_key`
/// (style: the member's ballot style id, empty without styles; issuer_key: 32 bytes, base64). The issuer writes it for
/// the office's roll import and keeps it to check the committed roll against. Public keys only: no code.
/// </summary>
public static class IssuerHalvesFile
{
    public sealed record Half(string MemberId, string Style, byte[] Key);

    public static string Format(IEnumerable<Half> halves)
    {
        ArgumentNullException.ThrowIfNull(halves);
        var file = new StringBuilder("member_id,style,issuer_key\n");
        foreach (var h in halves) file.Append(MemberList.Quote(h.MemberId)).Append(',').Append(MemberList.Quote(h.Style)).Append(',').Append(Convert.ToBase64String(h.Key)).Append('\n');
        return file.ToString();
    }

    /// <summary>The halves, each a 32-byte key, no key twice; errors name the member.</summary>
    public static List<Half> Read(string path)
    {
        var (header, rows) = MemberList.Read(path);
        int style = MemberList.Column(header, "style"), key = MemberList.Column(header, "issuer_key");
        if (style < 0 || key < 0) throw new VotingFormatException($"{path}: the header must be member_id,style,issuer_key (the halves.csv scrutineer issuer issue wrote)");
        var halves = new List<Half>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            byte[] k;
            try { k = Convert.FromBase64String(r.Fields[key].Trim()); } catch (FormatException) { k = []; }
            if (k.Length != Ed25519.PublicKeySize) throw new VotingFormatException($"{path}: member {r.Id}: issuer_key is not a 32-byte key in base64");
            if (!seen.Add(Convert.ToBase64String(k))) throw new VotingFormatException($"{path}: member {r.Id}: issuer_key repeats another member's");
            halves.Add(new Half(r.Id, r.Fields[style].Trim(), k));
        }
        return halves;
    }
}
