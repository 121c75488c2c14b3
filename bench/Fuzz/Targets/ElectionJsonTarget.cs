using Voting.Client.Api;
using Voting.Client.Organiser;

namespace Voting.Fuzz.Targets;

/// <summary>
/// The organiser's election file (`voting organiser create FILE`): the seed elections' JSON mutated, then read and
/// completed as the CLI does (organiser key, seed commitment, DefinitionRules with its constraint search). Oracle:
/// ElectionFile.Read and Complete give a definition and its problems, or a ClientException (one line, exit 1).
/// </summary>
internal sealed class ElectionJsonTarget : Target
{
    private static readonly string[] Seeds = [.. Directory.GetFiles(Path.GetDirectoryName(Repo.File("seeds", "x"))!, "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText)];
    private static readonly byte[] Key = Corpus.Builder.Election.Organiser.PublicKey;
    private static readonly byte[] Seed = new byte[32];
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}.json");

    public override string Name => "election-json";

    public override Finding? One(Random rng)
    {
        var seed = Seeds[rng.Next(Seeds.Length)];
        var text = rng.Next(2) == 0 ? Mutate.Text(seed, rng) : Mutate.Lines(seed, rng);
        File.WriteAllText(_file, text);
        try
        {
            var d = ElectionFile.Read(_file);
            ElectionFile.Complete(d, Key, Seed);
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
