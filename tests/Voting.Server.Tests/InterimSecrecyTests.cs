using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Voting.Core.Notes;
using Voting.Core.Records;
using Voting.Protocol;

namespace Voting.Server.Tests;

/// <summary>
/// Nobody reads a ballot before Close (issue 14 item 1): every path that reads the log — entry bundles, GetEntries,
/// GetReceipt over native gRPC and over gRPC-Web — withholds the bytes of records after Open until Close. Hash tiles
/// stay public: they are hashes only, and a leaf hash cannot be confirmed by guessing a ballot, whose record carries
/// the member's signature and random nonce. Before the fix, GetReceipt returned any ballot to anyone who read its leaf
/// hash from the level-0 tile.
/// </summary>
public sealed class InterimSecrecyTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private VotingClients _c = null!;
    private readonly HttpClient _http = new();

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _c = _server.Client();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _c.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>GetReceipt the way the voting page calls the services: gRPC-Web on the HTTP port, binary or text.</summary>
    private async Task<AppendResponse> ReceiptOverGrpcWeb(string id, byte[] leafHash, bool text)
    {
        var frame = RawGrpc.Frame(new GetReceiptRequest { ElectionId = id, LeafHash = ByteString.CopyFrom(leafHash) }.ToByteArray());
        var type = text ? "application/grpc-web-text" : "application/grpc-web+proto";
        using var req = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Http, "/voting.v1.VoterService/GetReceipt"))
        {
            Content = new ByteArrayContent(text ? System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(frame)) : frame),
        };
        req.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
        req.Headers.Accept.ParseAdd(type);
        using var resp = await _http.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        var bytes = await resp.Content.ReadAsByteArrayAsync();
        if (text) bytes = FromBase64Quads(System.Text.Encoding.ASCII.GetString(bytes));
        Assert.Equal(0, bytes[0]); // a message frame, not the trailers: the call succeeded
        var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4));
        return AppendResponse.Parser.ParseFrom(bytes.AsSpan(5, length));
    }

    /// <summary>grpc-web-text answers may be several padded base64 pieces, one per flush.</summary>
    private static byte[] FromBase64Quads(string text)
    {
        var bytes = new List<byte>();
        for (int i = 0; i + 4 <= text.Length; i += 4) bytes.AddRange(Convert.FromBase64String(text.Substring(i, 4)));
        return [.. bytes];
    }

    private async Task<IReadOnlyList<AppendResponse>> EveryReceipt(string id, byte[] leafHash) =>
        [await _c.Receipt(id, leafHash), await ReceiptOverGrpcWeb(id, leafHash, text: false), await ReceiptOverGrpcWeb(id, leafHash, text: true)];

    private async Task<HttpStatusCode> Get(string id, string path)
    {
        using var r = await _http.GetAsync(new Uri(_server.Http, $"/elections/{id}/{path}"));
        return r.StatusCode;
    }

    [Fact]
    public async Task NoReadPathShowsABallotBeforeClose()
    {
        var s = new Scenario(LiveElection.Of(3, "secrecy"));
        var id = s.Election.ElectionId;
        await s.ToOpen(_c);
        var cast = await _c.Cast(s.Election.BallotOf(0));
        var record = cast.Record.ToByteArray();
        var leafHash = Chain.LeafHash(record);
        ulong size = cast.Index + 1;
        var logKey = Scenario.LogKey(await _c.Election(id));

        // Hash tiles: every leaf hash, the ballot's among them, and nothing else.
        using (var tile = await _http.GetAsync(new Uri(_server.Http, $"/elections/{id}/tile/0/000.p/{size}")))
        {
            var hashes = await tile.Content.ReadAsByteArrayAsync();
            Assert.Equal((int)size * 32, hashes.Length);
            Assert.Equal(leafHash, hashes[^32..]);
        }
        Assert.Equal(HttpStatusCode.Forbidden, await Get(id, $"tile/entries/000.p/{size}"));
        var entries = await Assert.ThrowsAsync<RpcException>(() => _c.Entries(id, cast.Index, size));
        Assert.Equal(ErrorRows.L3, ErrorRows.Of(entries));

        foreach (var answer in await EveryReceipt(id, leafHash))
        {
            Assert.Equal(cast.Index, answer.Index);
            Assert.True(answer.Record.IsEmpty, "GetReceipt sent a ballot's bytes before Close");
            Assert.DoesNotContain("extra ", answer.Receipt, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(record), answer.Receipt, StringComparison.Ordinal);
            // The proof is whole: with the record the member kept from Cast, it verifies.
            var proof = Receipt.Parse(answer.Receipt);
            Assert.Empty(proof.Record);
            Assert.Throws<NoteVerificationException>(() => proof.Verify(logKey));
            (proof with { Record = record }).Verify(logKey);
        }
        // Records before Open are public: the definition comes whole.
        var definition = await _c.Entries(id, 0, 1);
        foreach (var answer in await EveryReceipt(id, Chain.LeafHash(definition.Entries[0].Span)))
            Assert.Equal(definition.Entries[0], answer.Record);

        await _c.Close(s.CloseAct());
        Assert.Equal(HttpStatusCode.OK, await Get(id, $"tile/entries/000.p/{size + 1}"));
        Assert.Equal(record, (await _c.Entries(id, cast.Index, size)).Entries[0].ToByteArray());
        foreach (var answer in await EveryReceipt(id, leafHash))
        {
            Assert.Equal(record, answer.Record.ToByteArray());
            Receipt.Parse(answer.Receipt).Verify(logKey);
        }
    }

    [Fact]
    public async Task AnEnrollmentAfterOpenIsWithheldToo()
    {
        var id = "secrecy-enrolled";
        var (d, org, codes, keys) = ErrorTableTests.EnrollmentElection(id);
        await _c.Create(d);
        await _c.CommitRoll(ErrorTableTests.EnrollmentRoll(id, org, keys));
        var open = new Open { ElectionId = id, OpenedAtUnix = d.Schedule.OpensAtUnix };
        OrganiserSigning.Sign(open, 0, org);
        await _c.Open(open);
        var credential = Enumerable.Repeat((byte)7, 32).ToArray();
        var e = new Enrollment { ElectionId = id, RollIndex = 1, CredentialKey = ByteString.CopyFrom(Voting.Core.Crypto.Ed25519.PublicKeyFromSeed(credential)) };
        VoterSigning.SignEnrollment(e, RollMath.EnrollmentSeed(id, codes[1]), credential);
        var enrolled = await _c.Enroll(e);
        foreach (var answer in await EveryReceipt(id, Chain.LeafHash(enrolled.Record.Span)))
            Assert.True(answer.Record.IsEmpty);
    }
}
