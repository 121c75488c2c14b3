using System.Text;

namespace Voting.Fuzz;

/// <summary>
/// Byte- and line-level mutations, AFL style: flipped bits, boundary bytes and numbers, deleted, duplicated and
/// inserted runs, truncation. Each call applies one to four of them.
/// </summary>
public static class Mutate
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7f, 0x80, 0xff, (byte)'\n', (byte)' ', (byte)'-', (byte)'0', (byte)'9', (byte)'"', (byte)',', (byte)'#', (byte)'=', (byte)'+', (byte)'/', 0xe2, 0xc3];

    /// <summary>Numbers at the edges of every integer type, and some that no type holds.</summary>
    public static readonly string[] InterestingNumbers =
    [
        "0", "1", "-1", "2", "255", "256", "65535", "65536", "2147483647", "2147483648", "-2147483648", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615", "18446744073709551616",
        "1000000000", "1000000001", "100000000000000", "92000000000000000", "253402300799", "253402300800", "99999999999999999999999",
        "00", "007", "1e9", "0x10", "+1", "1.5", "NaN", "",
    ];

    public static byte[] Bytes(byte[] input, Random rng)
    {
        var b = new List<byte>(input);
        int rounds = 1 + rng.Next(4);
        for (int r = 0; r < rounds; r++)
        {
            int at = b.Count == 0 ? 0 : rng.Next(b.Count);
            switch (rng.Next(9))
            {
                case 0 when b.Count > 0: b[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1 when b.Count > 0: b[at] = (byte)rng.Next(256); break;
                case 2 when b.Count > 0: b[at] = InterestingBytes[rng.Next(InterestingBytes.Length)]; break;
                case 3 when b.Count > 0: b.RemoveRange(at, Math.Min(b.Count - at, 1 + rng.Next(16))); break;
                case 4 when b.Count > 0:
                    int len = Math.Min(b.Count - at, 1 + rng.Next(32));
                    b.InsertRange(rng.Next(b.Count + 1), b.GetRange(at, len));
                    break;
                case 5: b.InsertRange(at, Encoding.UTF8.GetBytes(InterestingNumbers[rng.Next(InterestingNumbers.Length)])); break;
                case 6: b.InsertRange(at, Enumerable.Range(0, 1 + rng.Next(8)).Select(_ => (byte)rng.Next(256))); break;
                case 7 when b.Count > 0: b.RemoveRange(at, b.Count - at); break;
                default: b.Insert(at, InterestingBytes[rng.Next(InterestingBytes.Length)]); break;
            }
        }
        return [.. b];
    }

    public static string Text(string input, Random rng) => Encoding.UTF8.GetString(Bytes(Encoding.UTF8.GetBytes(input), rng));

    /// <summary>Whole lines dropped, duplicated, swapped, or a token replaced by a boundary number; sometimes bytes as well.</summary>
    public static string Lines(string input, Random rng)
    {
        var lines = input.Split('\n').ToList();
        int rounds = 1 + rng.Next(3);
        for (int r = 0; r < rounds && lines.Count > 0; r++)
        {
            int i = rng.Next(lines.Count);
            switch (rng.Next(5))
            {
                case 0: lines.RemoveAt(i); break;
                case 1: lines.Insert(rng.Next(lines.Count + 1), lines[i]); break;
                case 2: int j = rng.Next(lines.Count); (lines[i], lines[j]) = (lines[j], lines[i]); break;
                case 3:
                    var tokens = lines[i].Split(' ');
                    tokens[rng.Next(tokens.Length)] = InterestingNumbers[rng.Next(InterestingNumbers.Length)];
                    lines[i] = string.Join(' ', tokens);
                    break;
                default: lines[i] = Text(lines[i], rng); break;
            }
        }
        var text = string.Join('\n', lines);
        return rng.Next(4) == 0 ? Text(text, rng) : text;
    }

    /// <summary>An input for printing: escaped, at most 300 characters.</summary>
    public static string Show(string s)
    {
        var e = s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
        return e.Length <= 300 ? e : e[..297] + "...";
    }

    public static string Show(byte[] b) => b.Length <= 150 ? Convert.ToHexStringLower(b) : Convert.ToHexStringLower(b[..150]) + "...";
}
