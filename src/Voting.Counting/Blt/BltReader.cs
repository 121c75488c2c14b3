using System.Globalization;
using System.Text;

namespace Voting.Counting.Blt;

/// <summary>
/// Reads the standard BLT format (counting.md §9): "candidates seats", optional withdrawn
/// candidates as negative numbers, ballot lines "weight c1 c2 … 0", a terminating "0", one quoted
/// name per candidate, a quoted title. '#' starts a comment outside quotes. Errors name line and column.
/// </summary>
public static class BltReader
{
    public static BltElection Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new LineCursor(text);
        var header = lines.NextTokens() ?? throw new BltFormatException(1, 1, "the file is empty; expected \"candidates seats\"");
        if (header.Count != 2) throw new BltFormatException(header.Line, 1, $"expected \"candidates seats\", found {header.Count} numbers");
        int candidates = header.Int(0, 1, 100_000, "number of candidates");
        int seats = header.Int(1, 1, candidates, "number of seats");
        var withdrawn = new HashSet<int>();
        var profile = new Profile(candidates);
        var ranking = new List<int>(candidates);
        var first = true;
        while (true)
        {
            var t = lines.NextTokens() ?? throw new BltFormatException(lines.Line, 1, "the file ends before the \"0\" that closes the ballots");
            if (first && t.Count > 0 && t.Text(0).StartsWith('-'))
            {
                for (int i = 0; i < t.Count; i++)
                {
                    int w = -t.Int(i, -candidates, -1, "withdrawn candidate");
                    withdrawn.Add(w - 1);
                }
                first = false;
                continue;
            }
            first = false;
            if (t.Count == 1 && t.Text(0) == "0") break;
            long weight = t.Long(0, 0, long.MaxValue / 4, "ballot weight");
            if (t.Count < 2 || t.Text(t.Count - 1) != "0") throw new BltFormatException(t.Line, t.EndColumn, "a ballot line must end with 0");
            ranking.Clear();
            for (int i = 1; i < t.Count - 1; i++)
            {
                if (t.Text(i).Contains('=', StringComparison.Ordinal)) throw new BltFormatException(t.Line, t.Column(i), "equal rankings ('=') are not supported");
                int c = t.Int(i, 1, candidates, "candidate number") - 1;
                if (ranking.Contains(c)) throw new BltFormatException(t.Line, t.Column(i), $"candidate {c + 1} is ranked twice on one ballot");
                ranking.Add(c);
            }
            ranking.RemoveAll(withdrawn.Contains);
            profile.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ranking), weight);
        }
        var names = new List<string>(candidates);
        for (int i = 0; i < candidates; i++)
            names.Add(lines.NextQuoted() ?? throw new BltFormatException(lines.Line, 1, $"expected the quoted name of candidate {i + 1}"));
        var title = lines.NextQuoted() ?? throw new BltFormatException(lines.Line, 1, "expected the quoted title");
        var rest = lines.NextTokens();
        if (rest is not null) throw new BltFormatException(rest.Line, 1, "unexpected text after the title");
        return new BltElection(seats, names, title, withdrawn, profile);
    }

    /// <summary>Lines with comments removed, skipping blank lines; tokens keep their columns.</summary>
    private sealed class LineCursor(string text)
    {
        private int _pos;
        public int Line { get; private set; }

        private (string Content, int LineNumber)? NextLine()
        {
            while (_pos < text.Length)
            {
                int end = text.IndexOf('\n', _pos);
                if (end < 0) end = text.Length;
                var raw = text[_pos..end].TrimEnd('\r');
                _pos = end + 1;
                Line++;
                var content = StripComment(raw);
                if (content.Trim().Length > 0) return (content, Line);
            }
            return null;
        }

        private static string StripComment(string line)
        {
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                if (line[i] == '"') quoted = !quoted;
                else if (line[i] == '#' && !quoted) return line[..i];
            }
            return line;
        }

        public Tokens? NextTokens()
        {
            var l = NextLine();
            return l is null ? null : new Tokens(l.Value.Content, l.Value.LineNumber);
        }

        public string? NextQuoted()
        {
            var l = NextLine();
            if (l is null) return null;
            var s = l.Value.Content.Trim();
            int col = l.Value.Content.IndexOf('"', StringComparison.Ordinal) + 1;
            if (s.Length < 2 || s[0] != '"' || s[^1] != '"' || s[1..^1].Contains('"', StringComparison.Ordinal))
                throw new BltFormatException(l.Value.LineNumber, Math.Max(col, 1), "expected one double-quoted string");
            return s[1..^1];
        }
    }

    private sealed class Tokens
    {
        private readonly List<(string Text, int Column)> _items = [];
        public int Line { get; }
        public int Count => _items.Count;
        public int EndColumn { get; }

        public Tokens(string content, int line)
        {
            Line = line;
            int i = 0;
            while (i < content.Length)
            {
                while (i < content.Length && char.IsWhiteSpace(content[i])) i++;
                if (i >= content.Length) break;
                int start = i;
                while (i < content.Length && !char.IsWhiteSpace(content[i])) i++;
                _items.Add((content[start..i], start + 1));
            }
            EndColumn = content.TrimEnd().Length + 1;
        }

        public string Text(int i) => _items[i].Text;
        public int Column(int i) => _items[i].Column;

        public int Int(int i, int min, int max, string what) => checked((int)Long(i, min, max, what));

        public long Long(int i, long min, long max, string what)
        {
            if (i >= _items.Count) throw new BltFormatException(Line, EndColumn, $"expected {what}");
            var (s, col) = _items[i];
            if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
                throw new BltFormatException(Line, col, $"expected {what} as a whole number, found \"{s}\"");
            if (v < min || v > max) throw new BltFormatException(Line, col, $"{what} {v} is outside {min}..{max}");
            return v;
        }
    }
}
