namespace Scrutineer;

/// <summary>A log's base URL from the command line: absolute http(s), always ending in '/' so relative paths land under it.</summary>
internal static class LogUrl
{
    public static bool TryParse(string? text, out Uri url)
    {
        url = null!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")) return false;
        url = u.AbsoluteUri.EndsWith('/') ? u : new Uri(u.AbsoluteUri + "/");
        return true;
    }

    public const string Hint = "hint: --server is the log's URL, e.g. http://127.0.0.1:5071/elections/<id>/";
}
