if (args.Length > 0 && args[0] == "validate") { return await Tongguan.Cases.Cli.ValidateCommand.RunAsync(args[1..], Console.Out, CancellationToken.None); }

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();
return 0;
