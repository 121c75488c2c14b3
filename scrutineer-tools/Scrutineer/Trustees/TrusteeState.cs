using Voting.Core;
using Voting.Core.Ballots;
using Voting.Core.Group;
using Voting.Core.IO;
using Voting.Core.Sealed;

namespace Scrutineer.Trustees;

/// <summary>
/// One trustee's own directory for one election (sealed.md §3.2), mode 0700, never shared with the server or another
/// trustee: `trustee.state` (0600) holds the election id, the Ed25519 signing seed and the X25519 exchange private key;
/// from commit, the polynomial's coefficients (kept until the trustee confirms); from confirm, the secret share x_j in
/// their place. `commitment.pb` and `confirmation.pb` keep the records as sent, so a retry sends the same bytes.
/// </summary>
internal sealed class TrusteeState
{
    private const string Header = "voting-trustee v1";
    public string Directory { get; }
    public string ElectionId { get; }
    public byte[] SigningSeed { get; }
    public byte[] ExchangePrivate { get; }
    public Scalar[]? Coefficients { get; private set; }
    public Scalar? SecretShare { get; private set; }

    public byte[] SigningKey => Voting.Core.Crypto.Ed25519.PublicKeyFromSeed(SigningSeed);
    public byte[] ExchangeKey => ShareEncryption.PublicOf(ExchangePrivate);
    public string CommitmentFile => Path.Combine(Directory, "commitment.pb");
    public string ConfirmationFile => Path.Combine(Directory, "confirmation.pb");
    private static string StateFile(string dir) => Path.Combine(dir, "trustee.state");

    private TrusteeState(string dir, string electionId, byte[] seed, byte[] exchange) => (Directory, ElectionId, SigningSeed, ExchangePrivate) = (dir, electionId, seed, exchange);

    /// <summary>A new trustee for one election; refused where a state exists (its keys may already be in a definition).</summary>
    public static TrusteeState Create(string dir, string electionId)
    {
        if (!DefinitionRules.IsIdentifier(electionId)) throw new VotingFormatException($"\"{electionId}\" is not an election id (1-64 characters of a-z, A-Z, 0-9, '-', '_', '.')");
        if (File.Exists(StateFile(dir))) throw new VotingFormatException($"{StateFile(dir)} exists; a trustee's state is never replaced (its keys may already be in a definition)");
        System.IO.Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (exchange, _) = ShareEncryption.NewExchangeKey();
        var state = new TrusteeState(dir, electionId, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), exchange);
        state.Save(overwrite: false);
        return state;
    }

    /// <summary>Keeps the polynomial before anything derived from it leaves the directory, so a retry commits to the same one.</summary>
    public void KeepPolynomial(Scalar[] coefficients)
    {
        Coefficients = coefficients;
        Save(overwrite: true);
    }

    /// <summary>Keeps x_j and forgets the polynomial: after confirming, only the share is needed, and less secret kept is less to lose.</summary>
    public void KeepSecretShare(Scalar secret)
    {
        SecretShare = secret;
        Coefficients = null;
        Save(overwrite: true);
    }

    private void Save(bool overwrite)
    {
        var text = new System.Text.StringBuilder($"{Header}\nelection {ElectionId}\nsigning-key {Convert.ToBase64String(SigningSeed)}\nexchange-key {Convert.ToBase64String(ExchangePrivate)}\n");
        foreach (var a in Coefficients ?? []) text.Append("coefficient ").Append(Convert.ToBase64String(a.ToArray())).Append('\n');
        if (SecretShare is { } x) text.Append("secret-share ").Append(Convert.ToBase64String(x.ToArray())).Append('\n');
        AtomicFile.WriteText(StateFile(Directory), text.ToString(), AtomicFile.OwnerOnly, overwrite);
    }

    public static TrusteeState Load(string dir)
    {
        var path = StateFile(dir);
        if (!File.Exists(path)) throw new VotingFormatException($"{path} does not exist (scrutineer trustee init makes it)");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header) throw new VotingFormatException($"{path}: not a trustee state (first line \"{Header}\")");
        string? election = null;
        byte[]? seed = null, exchange = null;
        var coefficients = new List<Scalar>();
        Scalar? secret = null;
        foreach (var (line, tokens) in SettingsLines.Read(string.Join('\n', lines.Skip(1))))
        {
            if (tokens.Length != 2) throw new VotingFormatException($"{path}:{line + 2}: expected a name and a value");
            switch (tokens[0])
            {
                case "election": election = tokens[1]; break;
                case "signing-key": seed = StateFileValues.Bytes32(tokens[1], path, line + 2); break;
                case "exchange-key": exchange = StateFileValues.Bytes32(tokens[1], path, line + 2); break;
                case "coefficient": coefficients.Add(ScalarOf(tokens[1], path, line + 2)); break;
                case "secret-share": secret = ScalarOf(tokens[1], path, line + 2); break;
                default: throw new VotingFormatException($"{path}:{line + 2}: unknown line \"{tokens[0]}\"");
            }
        }
        if (election is null || seed is null || exchange is null) throw new VotingFormatException($"{path}: needs election, signing-key and exchange-key lines");
        return new TrusteeState(dir, election, seed, exchange) { Coefficients = coefficients.Count > 0 ? [.. coefficients] : null, SecretShare = secret };
    }

    private static Scalar ScalarOf(string b64, string path, int line) =>
        Scalar.TryDecode(StateFileValues.Bytes32(b64, path, line)) ?? throw new VotingFormatException($"{path}:{line}: not a canonical scalar");
}
