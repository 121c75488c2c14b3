using System.Runtime.InteropServices;
using System.Text;

namespace Voting.Counting.Blt;

/// <summary>
/// Reads the standard BLT format (counting.md §9): "candidates seats", optional withdrawn
/// candidates as negative numbers, ballot lines "weight c1 c2 … 0", a terminating "0", one quoted
/// name per candidate, a quoted title. '#' starts a comment outside quotes. Errors name the line
/// and column. One pass over the text without a string per token: a million-line file parses in
/// a fraction of a second.
/// </summary>
public static class BltReader
{
    public static BltElection Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Reads UTF-8 bytes directly (files need not be decoded to a string first). keepPreferences, when
    /// given, keeps only that many leading preferences of each ballot (after withdrawals) — all a
    /// single-round count reads — while still checking every line in full.
    /// </summary>
    public static BltElection Read(byte[] text, int? keepPreferences = null)
    {
        if (keepPreferences is < 0) throw new ArgumentOutOfRangeException(nameof(keepPreferences));
        ArgumentNullException.ThrowIfNull(text);
        var s = new Scanner(text);
        if (!s.NextContentLine()) throw s.Error("the file is empty; expected \"candidates seats\"");
        int candidates = (int)s.ReadNumber("number of candidates", 1, Voting.Core.Ballots.DefinitionRules.MaxCandidates);
        int seats = (int)s.ReadNumber("number of seats", 1, candidates);
        s.EndOfLine("\"candidates seats\"");
        var withdrawn = new HashSet<int>();
        var isWithdrawn = new bool[candidates];
        if (!s.NextContentLine()) throw s.Error("the file ends before the \"0\" that closes the ballots");
        if (s.Peek() == '-')
        {
            while (!s.AtLineEnd())
            {
                int w = -(int)s.ReadNumber("withdrawn candidate", -candidates, -1) - 1;
                withdrawn.Add(w);
                isWithdrawn[w] = true;
            }
            s.NextContentLine();
        }
        var profile = ParseBallots(text, s.LineStart, candidates, isWithdrawn, keepPreferences ?? candidates, out int afterBallots);
        s.MoveTo(afterBallots);
        var names = new List<string>(candidates);
        for (int i = 0; i < candidates; i++)
        {
            if (!s.NextContentLine()) throw s.Error($"expected the quoted name of candidate {i + 1}");
            names.Add(s.ReadQuotedLine());
        }
        if (!s.NextContentLine()) throw s.Error("expected the quoted title");
        var title = s.ReadQuotedLine();
        if (s.NextContentLine()) throw s.Error("unexpected text after the title");
        return new BltElection(seats, names, title, withdrawn, profile);
    }

    private sealed class Chunk
    {
        public Profile? Profile;
        public int Terminator = -1;      // start of the "0" line that closes the ballots
        public int AfterTerminator = -1;
        public BltFormatException? Error;
    }

    /// <summary>
    /// The ballot lines, from `from` to the "0" line. (Parsing them in parallel chunks and merging was
    /// measured slower on two cores: the per-chunk indexes and the merge cost more than the scan saved.)
    /// </summary>
    private static Profile ParseBallots(byte[] text, int from, int candidates, bool[] isWithdrawn, int keep, out int afterBallots)
    {
        var c = ParseChunk(text, from, text.Length, candidates, isWithdrawn, keep, (int)Math.Min((text.Length - from) / 16 + 16, 4_000_000));
        if (c.Error is not null) throw c.Error;
        if (c.Terminator < 0) throw new Scanner(text).At(text.Length).Error("the file ends before the \"0\" that closes the ballots");
        afterBallots = c.AfterTerminator;
        return c.Profile!;
    }

    private static Chunk ParseChunk(byte[] text, int start, int end, int candidates, bool[] isWithdrawn, int keep, int estimate)
    {
        var chunk = new Chunk { Profile = new Profile(candidates, estimate) };
        var s = new Scanner(text, end).At(start);
        var ranking = new List<int>(candidates);
        var dropped = new List<int>();
        var seen = new bool[candidates];
        bool anyWithdrawn = isWithdrawn.Contains(true);
        bool fast = candidates <= BallotLineFastPath.MaxCandidates;
        ulong withdrawnMask = 0;
        for (int k = 0; k < candidates && fast; k++) if (isWithdrawn[k]) withdrawnMask |= 1UL << k;
        Span<int> fastRanking = stackalloc int[BallotLineFastPath.MaxCandidates];
        var span = text.AsSpan(0, end);
        int pos = start;
        try
        {
            while (true)
            {
                if (fast && BallotLineFastPath.TryRead(span, pos, candidates, withdrawnMask, keep, Profile.MaxTotalWeight - chunk.Profile.TotalWeight,
                        fastRanking, out int length, out long fastWeight, out int next))
                {
                    chunk.Profile.AddUnchecked(fastRanking[..length], fastWeight);
                    pos = next;
                    continue;
                }
                // Anything else, and every error, goes through the general scanner.
                s.At(pos);
                if (!s.NextContentLineFromCurrent()) break;
                long weight = s.ReadNumber("ballot weight", 0, Profile.MaxTotalWeight);
                if (weight > Profile.MaxTotalWeight - chunk.Profile.TotalWeight)
                    throw s.Error($"the ballots' total weight passes {Profile.MaxTotalWeight} here, the most a count can hold (counting.md §9)", back: true);
                if (s.AtLineEnd())
                {
                    if (weight == 0)
                    {
                        chunk.Terminator = s.LineStart;
                        chunk.AfterTerminator = s.LineEnd;
                        return chunk;
                    }
                    throw s.Error("a ballot line must end with 0");
                }
                ranking.Clear();
                while (true)
                {
                    if (s.AtLineEnd()) throw s.Error("a ballot line must end with 0");
                    if (s.Peek() == '=') throw s.Error("equal rankings ('=') are not supported");
                    long c = s.ReadNumber("candidate number", 0, candidates);
                    if (c == 0)
                    {
                        s.EndOfLine("the 0 that ends a ballot");
                        break;
                    }
                    int k = (int)c - 1;
                    if (seen[k]) throw s.Error($"candidate {c} is ranked twice on one ballot", back: true);
                    seen[k] = true;
                    if (!isWithdrawn[k])
                    {
                        if (ranking.Count < keep) ranking.Add(k);
                        else dropped.Add(k);
                    }
                    if (s.Peek() == '=') throw s.Error("equal rankings ('=') are not supported");
                }
                foreach (var k in ranking) seen[k] = false;
                foreach (var k in dropped) seen[k] = false;
                dropped.Clear();
                if (anyWithdrawn) for (int k = 0; k < candidates; k++) if (isWithdrawn[k]) seen[k] = false;
                chunk.Profile.AddUnchecked(CollectionsMarshal.AsSpan(ranking), weight);
                s.FinishLine();
                pos = s.ResumePoint;
            }
        }
        catch (BltFormatException e)
        {
            chunk.Error = e;
        }
        return chunk;
    }

    /// <summary>A cursor over the text: whole lines, skipping blank and comment-only ones; positions become line:column only for errors.</summary>
    private sealed class Scanner(byte[] text, int limit)
    {
        public Scanner(byte[] text) : this(text, text.Length) { }

        public int LineStart => _lineStart;
        public int LineEnd => _lineEnd;

        /// <summary>Positions the cursor at a line start; the next NextContentLineFromCurrent reads that line.</summary>
        public Scanner At(int position)
        {
            _pos = _lineStart = _lineEnd = position;
            _started = false;
            _resumeAt = position;
            return this;
        }

        /// <summary>After the current line was consumed by a chunk parser.</summary>
        public void FinishLine() => _resumeAt = NextLineStart(_lineEnd);

        private int _resumeAt;

        /// <summary>Where the line after the one FinishLine closed starts.</summary>
        public int ResumePoint => _resumeAt;

        /// <summary>Reads the line at the resume point (or later content lines) within the limit.</summary>
        public bool NextContentLineFromCurrent()
        {
            int next = _resumeAt;
            while (next < limit)
            {
                _lineStart = next;
                _lineEnd = Math.Min(ContentEnd(next), limit);
                _pos = next;
                SkipSpaces();
                if (_pos < _lineEnd) return true;
                next = NextLineStart(next);
            }
            return false;
        }

        /// <summary>Continues line-by-line reading after the ballots: the next NextContentLine starts at the line after position.</summary>
        public void MoveTo(int position)
        {
            _lineEnd = position;
            _lineStart = position;
            _started = true;
        }

        private int _pos;
        private int _lineStart;
        private int _lineEnd; // index of the '\n' or comment start, or text.Length
        private int _tokenStart;
        private bool _started;

        /// <summary>Moves to the next line with content; false at the end of the text.</summary>
        public bool NextContentLine()
        {
            int next = _started ? NextLineStart(_lineEnd) : 0;
            _started = true;
            while (next <= text.Length)
            {
                if (next == text.Length) { _lineStart = _pos = _lineEnd = next; return false; }
                _lineStart = next;
                _lineEnd = ContentEnd(next);
                _pos = next;
                SkipSpaces();
                if (_pos < _lineEnd) return true;
                next = NextLineStart(next);
            }
            return false;
        }

        private int NextLineStart(int from)
        {
            int nl = text.AsSpan(from).IndexOf((byte)'\n');
            if (nl >= 0) nl += from;
            return nl < 0 ? text.Length : nl + 1;
        }

        /// <summary>Where the line's content ends: the newline, or a '#' outside quotes.</summary>
        private int ContentEnd(int from)
        {
            // Fast path: a ballot line has neither quotes nor comments; a vectorised search finds its end.
            int hit = text.AsSpan(from).IndexOfAny((byte)'\n', (byte)'#', (byte)'"');
            if (hit < 0) return text.Length;
            if (text[from + hit] == '\n') return from + hit;
            bool quoted = false;
            for (int i = from; i < text.Length; i++)
            {
                byte c = text[i];
                if (c == '\n') return i;
                if (c == '"') quoted = !quoted;
                else if (c == '#' && !quoted) return i;
            }
            return text.Length;
        }

        private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v';

        private void SkipSpaces()
        {
            while (_pos < _lineEnd && (text[_pos] == ' ' || text[_pos] == '\t' || text[_pos] == '\r')) _pos++;
        }

        public bool AtLineEnd() { SkipSpaces(); return _pos >= _lineEnd; }

        public char Peek() { SkipSpaces(); return _pos < _lineEnd ? (char)text[_pos] : '\n'; }

        public long ReadNumber(string what, long min, long max)
        {
            SkipSpaces();
            _tokenStart = _pos;
            if (_pos >= _lineEnd) throw Error($"expected {what}");
            bool negative = text[_pos] == '-';
            if (negative) _pos++;
            long v = 0;
            int digits = 0;
            while (_pos < _lineEnd && char.IsAsciiDigit((char)text[_pos]))
            {
                if (v > (long.MaxValue - 9) / 10) throw Error($"{what} is too large", back: true);
                v = v * 10 + (text[_pos] - '0');
                _pos++;
                digits++;
            }
            if (digits == 0 || _pos < _lineEnd && !IsSpace(text[_pos]) && text[_pos] != '=')
            {
                int end = _pos;
                while (end < _lineEnd && !IsSpace(text[end])) end++;
                _pos = _tokenStart;
                throw Error($"expected {what} as a whole number, found \"{Encoding.UTF8.GetString(text, _tokenStart, end - _tokenStart)}\"");
            }
            if (negative) v = -v;
            if (v < min || v > max) throw Error($"{what} {v} is outside {min}..{max}", back: true);
            return v;
        }

        public void EndOfLine(string after)
        {
            if (!AtLineEnd()) throw Error($"unexpected \"{Encoding.UTF8.GetString(text, _pos, Math.Min(_lineEnd, _pos + 20) - _pos).Trim()}\" after {after}");
        }

        public string ReadQuotedLine()
        {
            SkipSpaces();
            _tokenStart = _pos;
            string content;
            try { content = new UTF8Encoding(false, true).GetString(text, _pos, _lineEnd - _pos).TrimEnd(); }
            catch (DecoderFallbackException) { throw Error("the quoted text is not valid UTF-8"); }
            if (content.Length < 2 || content[0] != '"' || content[^1] != '"' || content[1..^1].Contains('"', StringComparison.Ordinal))
                throw Error("expected one double-quoted string");
            return content[1..^1];
        }

        public BltFormatException Error(string message, bool back = false)
        {
            int at = back ? _tokenStart : _pos;
            int line = 1, lineStart = 0;
            for (int i = 0; i < at && i < text.Length; i++)
                if (text[i] == '\n') { line++; lineStart = i + 1; }
            return new BltFormatException(line, at - lineStart + 1, message);
        }
    }
}
