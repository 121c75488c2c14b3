using Voting.Core.Crypto;
using Voting.Core.Notes;

namespace Voting.Server;

/// <summary>Configuration: appsettings.json, then environment variables VOTING_*, then command-line flags (--Voting:Key=value or --key value).</summary>
public sealed class ServerOptions
{
    /// <summary>gRPC over HTTP/2 cleartext (h2c), for loopback and behind a TLS proxy.</summary>
    public string GrpcListen { get; set; } = "127.0.0.1:5070";
    /// <summary>HTTP/1.1: tiles, health, gRPC-Web for browsers.</summary>
    public string HttpListen { get; set; } = "127.0.0.1:5071";
    public string DataDir { get; set; } = "voting-data";
    /// <summary>The log key file (C2SP skey); created with mode 0600 on first start.</summary>
    public string KeyFile { get; set; } = "";
    /// <summary>First part of every log origin: &lt;LogHost&gt;/elections/&lt;id&gt;.</summary>
    public string LogHost { get; set; } = "voting.localhost";
    public int MaxBatch { get; set; } = 256;
    /// <summary>C2SP tlog-witness endpoints, each "URL vkey" (the witness's Ed25519 vkey).</summary>
    public List<string> Witnesses { get; set; } = [];
    /// <summary>Cosignatures needed before a checkpoint is published and receipts released; 0 publishes at once.</summary>
    public int WitnessQuorum { get; set; }
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;
    /// <summary>
    /// The organiser public keys that may create elections here, each as `voting organiser keygen` prints it (base64
    /// of the 32-byte Ed25519 key); a definition none of them signed is refused. Empty: anyone may (a warning at start).
    /// </summary>
    public List<string> Organisers { get; set; } = [];
    /// <summary>A PKCS#12 (.pfx) certificate: when set, both ports serve TLS (gRPC negotiates HTTP/2 by ALPN).</summary>
    public string TlsCertificate { get; set; } = "";
    public string TlsCertificatePassword { get; set; } = "";

    /// <summary>The first setting that cannot work, as a sentence naming it; null when all can.</summary>
    public string? Problem()
    {
        if (MaxBatch < 1) return $"MaxBatch {MaxBatch} must be at least 1 (records per durable batch)";
        if (MaxMessageBytes is < MinMessageBytes or > MaxMessageBytesLimit)
            return $"MaxMessageBytes {MaxMessageBytes} must be between {MinMessageBytes} and {MaxMessageBytesLimit}";
        if (string.IsNullOrWhiteSpace(DataDir)) return "DataDir must name a directory";
        for (int i = 0; i < Organisers.Count; i++)
            if (!StrictBase64.TryDecode(Organisers[i], out var key) || key.Length != Ed25519.PublicKeySize)
                return $"Organisers:{i} \"{Shown(Organisers[i])}\" is not an organiser public key: give it as voting organiser keygen prints it (base64 of 32 bytes)";
        return null;
    }

    /// <summary>The allowed organiser keys, decoded; call once <see cref="Problem"/> has found none wrong.</summary>
    public IReadOnlyList<byte[]> OrganiserKeys() => [.. Organisers.Select(Convert.FromBase64String)];

    /// <summary>A setting's value quoted in its one-line problem: cut, since it could be anything.</summary>
    private static string Shown(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";

    /// <summary>Below 64 KiB a roll of about 1,900 members could not be committed; above 1 GiB one request could hold that much memory.</summary>
    public const int MinMessageBytes = 64 * 1024;
    public const int MaxMessageBytesLimit = 1024 * 1024 * 1024;
}
