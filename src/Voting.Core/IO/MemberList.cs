using System.Text;

namespace Voting.Core.IO;

/// <summary>
/// A member list (members.csv, as the office keeps it and the independent issuer receives it): a header with a member_id column (other columns, such as name and email, are kept for the mailing
/// file but never sent to the server), then one member per line. RFC 4180 quoting; errors name the line.
/// </summary>
public static class MemberList
{
    public sealed record Member(string Id, IReadOnlyList<string> Fields);

    /// <summary>The index of a column by its header name, or -1.</summary>
    public static int Column(IReadOnlyList<string> header, string name)
    {
        ArgumentNullException.ThrowIfNull(header);
        for (int i = 0; i < header.Count; i++) if (header[i].Trim() == name) return i;
        return -1;
    }

    public static (IReadOnlyList<string> Header, List<Member> Members) Read(string path)
    {
        if (!File.Exists(path)) throw new VotingFormatException($"{path} does not exist (a member list is a CSV file whose header includes member_id)");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim().Length == 0) throw new VotingFormatException($"{path}: empty; the first line must be a header with a member_id column");
        var header = Split(lines[0], path, 1);
        int idColumn = header.FindIndex(h => h.Trim() == "member_id");
        if (idColumn < 0) throw new VotingFormatException($"{path}:1: the header has no member_id column (for example: member_id,name,email)");
        var members = new List<Member>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var fields = Split(lines[i], path, i + 1);
            if (fields.Count != header.Count) throw new VotingFormatException($"{path}:{i + 1}: {fields.Count} fields, the header has {header.Count}");
            var id = fields[idColumn].Trim();
            if (id.Length == 0) throw new VotingFormatException($"{path}:{i + 1}: empty member_id");
            if (!seen.Add(id)) throw new VotingFormatException($"{path}:{i + 1}: member_id \"{id}\" appears twice (each member is on the roll once)");
            members.Add(new Member(id, fields));
        }
        if (members.Count == 0) throw new VotingFormatException($"{path}: no members after the header");
        return (header, members);
    }

    private static List<string> Split(string line, string path, int number)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"' && sb.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        if (quoted) throw new VotingFormatException($"{path}:{number}: a quoted field is not closed");
        fields.Add(sb.ToString());
        return fields;
    }

    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
