using Voting.Server;

// voting-server [--GrpcListen 127.0.0.1:5070] [--HttpListen 127.0.0.1:5071] [--DataDir DIR] [--KeyFile FILE] [--LogHost NAME]
var app = ServerApp.Build(args);
await app.RunAsync();
