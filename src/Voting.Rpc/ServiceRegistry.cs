using Google.Protobuf;

namespace Voting.Rpc;

/// <summary>
/// The methods a server answers, by path "/package.Service/Method". Each entry knows how to parse its
/// request and how to run; the transport in <see cref="GrpcEndpoint"/> does everything else.
/// </summary>
public sealed class ServiceRegistry
{
    internal abstract class Method(string path, bool streaming)
    {
        public string Path { get; } = path;
        public bool Streaming { get; } = streaming;
        public abstract IMessage Parse(byte[] request);
        public abstract Task RunAsync(IMessage request, Func<IMessage, Task> send, CallContext context);
    }

    private sealed class Unary<TReq, TResp>(string path, MessageParser<TReq> parser, Func<TReq, CallContext, Task<TResp>> handler)
        : Method(path, false) where TReq : IMessage<TReq> where TResp : IMessage<TResp>
    {
        public override IMessage Parse(byte[] request) => parser.ParseFrom(request);
        public override async Task RunAsync(IMessage request, Func<IMessage, Task> send, CallContext context) =>
            await send(await handler((TReq)request, context).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private sealed class ServerStreaming<TReq, TResp>(string path, MessageParser<TReq> parser, Func<TReq, IStreamWriter<TResp>, CallContext, Task> handler)
        : Method(path, true) where TReq : IMessage<TReq> where TResp : IMessage<TResp>
    {
        public override IMessage Parse(byte[] request) => parser.ParseFrom(request);
        public override Task RunAsync(IMessage request, Func<IMessage, Task> send, CallContext context) =>
            handler((TReq)request, new Writer(send), context);

        private sealed class Writer(Func<IMessage, Task> send) : IStreamWriter<TResp>
        {
            public Task WriteAsync(TResp message) => send(message);
        }
    }

    private readonly Dictionary<string, Method> _methods = new(StringComparer.Ordinal);

    internal bool TryGet(string path, out Method method) => _methods.TryGetValue(path, out method!);

    public IEnumerable<string> Paths => _methods.Keys;

    public ServiceRegistry AddUnary<TReq, TResp>(string service, string method, MessageParser<TReq> parser, Func<TReq, CallContext, Task<TResp>> handler)
        where TReq : IMessage<TReq> where TResp : IMessage<TResp>
    {
        var path = $"/{service}/{method}";
        _methods.Add(path, new Unary<TReq, TResp>(path, parser, handler));
        return this;
    }

    public ServiceRegistry AddServerStreaming<TReq, TResp>(string service, string method, MessageParser<TReq> parser, Func<TReq, IStreamWriter<TResp>, CallContext, Task> handler)
        where TReq : IMessage<TReq> where TResp : IMessage<TResp>
    {
        var path = $"/{service}/{method}";
        _methods.Add(path, new ServerStreaming<TReq, TResp>(path, parser, handler));
        return this;
    }
}
