using Voting.Core.Ballots;
using System.CommandLine;
using System.Globalization;
using Voting.Counting;
using Voting.Counting.Blt;
using Voting.Counting.Plurality;
using Voting.Counting.Results;
using Voting.Counting.Stv;

namespace Scrutineer;

/// <summary>scrutineer count: recount a BLT file under a rule set and print the stage table or the result JSON (counting.md §8, §9).</summary>
internal static class CountCommand
{
    public static readonly string[] Methods = ["scottish-stv", "ers97", "meek", "fptp", "block", "referendum", "approval"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var method = new Option<string>("--method") { Description = $"one of {string.Join(", ", Methods)}", DefaultValueFactory = _ => "scottish-stv" };
        var seats = new Option<int?>("--seats") { Description = "seats to fill (default: the number in the BLT header)" };
        var json = new Option<bool>("--json") { Description = "print the result document (counting.md §8) instead of the table" };
        var constraints = new Option<FileInfo?>("--constraints") { Description = "constraints file (counting.md §6.3); STV only" };
        var roll = new Option<long?>("--roll") { Description = "members on the roll, for turnout in single-round counts" };
        var seed = new Option<string?>("--seed") { Description = "tie-break seed, 64 hex digits (default: 32 zero bytes); lots are listed in the output" };
        var file = new Argument<FileInfo>("ballots.blt") { Description = "ballots in BLT format" };
        var cmd = new Command("count", """
            Recount a BLT ballot file and print every stage.
            example: scrutineer count --method scottish-stv --seats 4 ballots.blt
                     scrutineer count --method meek --json ballots.blt > result.json
            """)
        { method, seats, json, constraints, roll, seed, file };
        cmd.SetAction(parse =>
        {
            try
            {
                var result = Count(parse.GetValue(file)!, parse.GetValue(method)!, parse.GetValue(seats), parse.GetValue(constraints), parse.GetValue(seed));
                long? members = parse.GetValue(roll);
                if (members is < 1) throw new UsageException("--roll must be a positive number of members");
                if (members < result.ValidPoll && result.Decimals == 0) throw new UsageException($"--roll {members} is smaller than the {result.ValidPoll} ballots counted");
                stdout.Write(parse.GetValue(json) ? ResultJson.ToText(result, members) : ResultTable.Render(result, members));
                return 0;
            }
            catch (UsageException e)
            {
                stderr.WriteLine($"scrutineer: error: {e.Message}");
                if (e.Hint is not null) stderr.WriteLine($"hint: {e.Hint}");
                return 2;
            }
            catch (InputFileException e)
            {
                stderr.WriteLine($"scrutineer: error: {e.File}: {e.Message}");
                if (e.Hint is not null) stderr.WriteLine($"hint: {e.Hint}");
                return 1;
            }
            catch (BltFormatException e)
            {
                stderr.WriteLine($"scrutineer: error: {parse.GetValue(file)!.Name}: {e.Message}");
                stderr.WriteLine("hint: BLT is \"candidates seats\", ballot lines \"weight c1 c2 ... 0\", a line \"0\", quoted names, a quoted title");
                return 1;
            }
            catch (IOException e)
            {
                stderr.WriteLine($"scrutineer: error: {e.Message}");
                return 1;
            }
        });
        return cmd;
    }

    internal static StvResult Count(FileInfo file, string method, int? seats, FileInfo? constraintsFile, string? seedHex)
    {
        if (!Methods.Contains(method))
            throw new UsageException($"unknown method \"{method}\"", $"use one of {string.Join(", ", Methods)}");
        if (!file.Exists) throw new UsageException($"{file.FullName} does not exist");
        byte[]? seed = null;
        if (seedHex is not null)
        {
            try { seed = Convert.FromHexString(seedHex); } catch (FormatException) { seed = null; }
            if (seed is not { Length: 32 }) throw new UsageException("--seed must be 64 hex digits (32 bytes)");
        }
        // Before the file is read: a block count keeps this many preferences of each ballot, and none is not a count.
        if (seats < 1) throw new UsageException($"--seats {seats} must be at least 1");
        // Single-round methods read only leading preferences: keep just those (every line is still checked in full).
        int? keep = method switch { "fptp" or "referendum" => 1, "block" => seats, _ => null };
        var bytes = File.ReadAllBytes(file.FullName);
        // The profile of a file takes at most a few times its size (measured: 4× covers 1M × 20 with 408,441 distinct rankings).
        var blt = NoGcRegion.Run(4L * bytes.Length, () => BltReader.Read(bytes, keep));
        int n = seats ?? blt.Seats;
        if (n < 1 || n > blt.Candidates) throw new UsageException($"--seats {n} must be between 1 and the {blt.Candidates} candidates");
        Constraints? constraints = null;
        if (constraintsFile is not null)
        {
            if (method is not ("scottish-stv")) throw new UsageException("--constraints applies to scottish-stv counts only");
            if (!constraintsFile.Exists) throw new UsageException($"{constraintsFile.FullName} does not exist");
            try { constraints = ConstraintsFile.Read(File.ReadAllText(constraintsFile.FullName), blt.Candidates); }
            catch (BltFormatException e)
            {
                throw new InputFileException(constraintsFile.Name, e.Message, "a constraints line is \"id min max candidates…\", max \"-\" for none, candidates numbered from 1 (counting.md §6.3)");
            }
        }
        var lots = Lots.ForStandalone(seed);
        return method switch
        {
            "scottish-stv" => ScottishStvUnder(constraintsFile, () => ScottishStv.Count(blt.Profile, n, blt.Names, lots, blt.Withdrawn, constraints)),
            "ers97" => Ers97.Count(blt.Profile, n, blt.Names, lots, blt.Withdrawn),
            "meek" => Meek.Count(blt.Profile, n, blt.Names, lots, blt.Withdrawn),
            "fptp" => n == 1 ? PluralityCount.Fptp(blt.Profile, blt.Names, lots) : throw new UsageException("fptp fills one seat", "use --method block for several"),
            "block" => PluralityCount.Block(blt.Profile, blt.Names, n, n, lots),
            "approval" => PluralityCount.Approval(blt.Profile, blt.Names, n, lots),
            _ => n == 1 ? PluralityCount.Referendum(blt.Profile, blt.Names, lots) : throw new UsageException("a referendum has one outcome", "drop --seats"),
        };
    }

    /// <summary>A Scottish STV count; constraints no count could meet are the constraints file's error (exit 1).</summary>
    private static StvResult ScottishStvUnder(FileInfo? constraintsFile, Func<StvResult> count)
    {
        try { return count(); }
        catch (UnsatisfiableConstraintsException e) when (constraintsFile is not null) { throw new InputFileException(constraintsFile.Name, e.Message, null); }
    }
}

/// <summary>An input file other than the BLT is wrong (exit 1): its name, what is wrong, and a hint where one helps.</summary>
internal sealed class InputFileException(string file, string message, string? hint) : Exception(message)
{
    public string File { get; } = file;
    public string? Hint { get; } = hint;
}

internal sealed class UsageException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
