using Voting.Server;

// voting-server [--GrpcListen 127.0.0.1:5070] [--HttpListen 127.0.0.1:5071] [--DataDir DIR] [--KeyFile FILE] [--LogHost NAME]
return await ServerMain.RunAsync(args, Console.Error);
