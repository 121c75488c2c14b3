using System.Text;
using Voting.Client.Api;
using Voting.Client.Organiser;

namespace Voting.Fuzz.Targets;

/// <summary>
/// The organiser's members file (`voting organiser roll import FILE`): CSV built with quotes, doubled quotes, commas,
/// blank lines and repeated ids, then mutated. Oracle: MembersCsv.Read gives members with distinct non-empty ids,
/// or a ClientException (one line naming the file and line, exit 1).
/// </summary>
internal sealed class MembersCsvTarget : Target
{
    private static readonly string[] Fields = ["M1", "M2", "\"M3\"", "\"a, b\"", "\"say \"\"hi\"\"\"", "", " ", "Ada", "\"unclosed", "é", "M1"];
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}.csv");

    public override string Name => "members-csv";

    public override Finding? One(Random rng)
    {
        var sb = new StringBuilder(rng.Next(8) == 0 ? "name,email\n" : rng.Next(2) == 0 ? "member_id,name\n" : "name,member_id,email\n");
        for (int l = 0; l < rng.Next(0, 12); l++)
        {
            int n = rng.Next(1, 4);
            sb.Append(string.Join(',', Enumerable.Range(0, n).Select(_ => Fields[rng.Next(Fields.Length)]))).Append(rng.Next(6) == 0 ? "\r\n" : "\n");
        }
        var text = rng.Next(2) == 0 ? Mutate.Text(sb.ToString(), rng) : sb.ToString();
        File.WriteAllText(_file, text);
        try
        {
            var (_, members) = MembersCsv.Read(_file);
            if (members.Count == 0 || members.Any(m => m.Id.Length == 0) || members.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count() != members.Count)
                return new Finding("crash", "members with empty or repeated ids were accepted", Mutate.Show(text));
            return null;
        }
        catch (ClientException) { return null; }
        catch (Exception e) { return Crash(e, Mutate.Show(text)); }
    }

    public override void Dispose()
    {
        File.Delete(_file);
        base.Dispose();
    }
}
