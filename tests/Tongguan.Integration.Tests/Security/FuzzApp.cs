using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Security;

/// <summary>
/// The case host for fuzzing the public endpoints: every log entry of level Error or above is kept (an unhandled
/// exception is logged there even when its answer looks harmless), and the per-caller limits are far out of reach —
/// the fuzzing is about bad input, the limits have their own tests.
/// </summary>
public sealed class FuzzApp : SqliteApp, ICaseApp
{
    public FakeTimeProvider Clock { get; } = new(CaseAppSetup.Start);

    public IServiceProvider Services => Factory.Services;

    public HostLog Log { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        CaseAppSetup.Configure(builder, Clock);
        builder.UseSetting("Tongguan:Portal:ReportsPerMinute", "0");
        builder.UseSetting("Tongguan:Portal:LookupsPerMinute", "0");
        builder.UseSetting("Tongguan:Open311:PostsPerMinute", "100000");
        builder.UseSetting("Tongguan:Cases:ReportsPerMinute", "0");
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(Log)));
    }
}

/// <summary>One host for the fuzzing run and the tests of what it found: a host start is most of their time.</summary>
[CollectionDefinition(nameof(FuzzApp))]
public sealed class FuzzAppGroup : ICollectionFixture<FuzzApp>;

/// <summary>The host's log entries of level Error and above, with their exceptions.</summary>
public sealed class HostLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyList<string> Errors => [.. _errors];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, HostLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log._errors.Enqueue($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}{(exception is null ? "" : " — " + exception.GetType().Name + ": " + exception.Message)}");
            }
        }
    }
}
