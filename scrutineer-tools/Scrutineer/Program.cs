using Scrutineer;

return Cli.Run(args, Console.Out, Console.Error);
