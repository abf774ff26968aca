using Tongguan.Cases.Hosting;

if (args.Length > 0 && args[0] == "validate") { return await Tongguan.Cases.Cli.ValidateCommand.RunAsync(args[1..], Console.Out, CancellationToken.None); }
if (args.Length > 0 && args[0] == "users") { return await Tongguan.Cases.Cli.UsersCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error, CancellationToken.None); }
if (args.Length > 0 && args[0] == "audit") { return await Tongguan.Cases.Audit.AuditCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None); }
if (args.Length > 0 && args[0] == "seed") { return await Tongguan.Cases.Seed.SeedCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None); }

var builder = WebApplication.CreateBuilder(args);
builder.AddTongguan();

// Disposed also when the start fails (e.g. the database stayed unreachable), so that the log lines saying why are flushed.
await using var app = builder.Build();
app.MapTongguan();
await app.RunAsync();
return 0;

/// <summary>The host's entry point; public so that integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
