using Tongguan.Cases.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTongguan();

var app = builder.Build();
app.MapTongguan();
app.Run();

/// <summary>The host's entry point; public so that integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
