using Voting.Client.Api;
using Voting.Core;
using Voting.Core.IO;

namespace Voting.Client.Organiser;

/// <summary>members.csv as the organiser's commands read it (Voting.Core.IO.MemberList), its errors as the CLI's.</summary>
public static class MembersCsv
{
    public static (IReadOnlyList<string> Header, List<MemberList.Member> Members) Read(string path)
    {
        try { return MemberList.Read(path); }
        catch (VotingFormatException e) { throw new ClientException(e.Message, "roll import takes a CSV file whose header includes member_id; see seeds/"); }
    }

    public static string Quote(string field) => MemberList.Quote(field);
}
