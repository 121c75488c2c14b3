using Voting.Client;

return ClientCli.Run(args, Console.Out, Console.Error);
