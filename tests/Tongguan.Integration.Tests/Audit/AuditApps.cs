using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Cases.Persistence;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Audit;

/// <summary>A case app whose every log message, at every level, is kept for the test to search.</summary>
public interface IAuditApp : ICaseApp
{
    CapturedLogs Logs { get; }

    DatabaseProvider Provider { get; }
}

internal static class AuditAppSetup
{
    public static void Configure(IWebHostBuilder builder, FakeTimeProvider clock, CapturedLogs logs)
    {
        CaseAppSetup.Configure(builder, clock);

        // The tests seal when they choose to; a background round would race their tampering.
        builder.UseSetting("Tongguan:Audit:Seal", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.ConfigureLogging(logging => logging.AddProvider(logs));
    }

    public static string ConnectionString(this IAuditApp app) =>
        app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!;
}

public sealed class SqliteAuditApp : SqliteApp, IAuditApp
{
    public FakeTimeProvider Clock { get; } = new(CaseAppSetup.Start);

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => Factory.Services;

    protected override void Configure(IWebHostBuilder builder) => AuditAppSetup.Configure(builder, Clock, Logs);
}

public sealed class PostgreSqlAuditApp : PostgreSqlApp, IAuditApp
{
    public FakeTimeProvider Clock { get; } = new(CaseAppSetup.Start);

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => Factory.Services;

    protected override void Configure(IWebHostBuilder builder) => AuditAppSetup.Configure(builder, Clock, Logs);
}

/// <summary>Every formatted message and exception any logger wrote, with its category.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values too: a placeholder's value could carry what the message text leaves out.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
