using Voting.Client.Api;
using Voting.Core.Records;

namespace Voting.Client.Member;

/// <summary>The member's second code, from the independent issuer (log.md §7.2): needed exactly when the election names one.</summary>
internal static class MemberCodes
{
    /// <summary>The issuer code's seed, or null for an election without an issuer; a missing, extra or malformed code is a clear error.</summary>
    public static byte[]? IssuerSeed(ElectionDefinition d, string? issuerCode)
    {
        if (!SplitRoll.HasIssuer(d))
        {
            if (issuerCode is not null) throw new ClientException($"election {d.ElectionId} has no independent issuer: it needs your one code only", "leave out --issuer-code");
            return null;
        }
        if (issuerCode is null)
            throw new ClientException($"election {d.ElectionId} needs both of your codes: the one from the office (--code) and the one from the independent issuer (--issuer-code)", "the issuer's code came separately and begins with I-, for example I-ABCDE-FGHJK-MNPQR-STVWX");
        if (!SplitRoll.IsIssuerCode(issuerCode))
            throw new ClientException($"\"{issuerCode}\" is not an issuer code", "the independent issuer's code looks like I-ABCDE-FGHJK-MNPQR-STVWX; the office's begins with a number");
        return SplitRoll.IssuerSeed(d.ElectionId, issuerCode);
    }
}
