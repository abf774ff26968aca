using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Hosting;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.Deadlines.Scheduling;

namespace Tongguan.Cases.Seed;

/// <summary>
/// <c>seed --cases N [--year Y] [--seed S] [--slow UNIT,UNIT]</c>: fills the configured database with a synthetic city
/// year by running reports and task completions through the application's own services on a simulated clock
/// (docs/operators/seed.md). Exit code 0 done, 1 the run failed (database unreachable, invalid configuration),
/// 2 usage error. Never prints a stack trace for those.
/// </summary>
public static class SeedCommand
{
    public const int ExitDone = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public const string Usage = """
        Usage: Tongguan.Cases seed --cases N [--year 2025] [--seed 42] [--slow D02-chengguan,D01-shuiwu] [--Tongguan:Section:Key=value ...]
          Writes a synthetic city year into the configured database (Tongguan:Database:*), through the real intake,
          engine and deadline sweeps on a simulated clock. Never run it against a production database.
            --cases N   problems reported over the year (1 to 10,000,000); about 8 % are reported twice
            --year Y    the simulated year (default 2025)
            --seed S    random seed; the same seed gives the same year (default 42)
            --slow U,…  org units that accept and handle 2.5x slower (default D02-chengguan,D01-shuiwu; '' for none)
          Progress goes to stderr, the summary to stdout. Exit code: 0 done, 1 failed, 2 usage error.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["-h" or "--help"])
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitDone;
        }

        var (settings, problem) = SeedSettings.Parse(args);
        if (settings is null)
        {
            await error.WriteLineAsync($"seed: {problem}").ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitUsage;
        }

        try
        {
            var progress = new ProgressBar(error, interactive: ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
            var summary = await SeedAsync(settings, args, progress, cancellationToken).ConfigureAwait(false);
            summary.Write(output);
            return ExitDone;
        }
        catch (SeedUsageException ex)
        {
            await error.WriteLineAsync($"seed: {ex.Message}").ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitUsage;
        }
        catch (Exception ex) when (ex is OptionsValidationException or DbException or DbUpdateException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"seed: failed: {ex.Message}").ConfigureAwait(false);
            return ExitFailed;
        }
    }

    /// <summary>
    /// The command's core: builds the application's host on the configuration in <paramref name="hostArgs"/> (plus
    /// appsettings and environment, as the app reads them), migrates the database as the app does at start, runs the
    /// year and reads the summary back.
    /// </summary>
    /// <exception cref="SeedUsageException">A slow unit is not an org unit of the reference data.</exception>
    public static async Task<SeedSummary> SeedAsync(SeedSettings settings, string[] hostArgs, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var started = Stopwatch.GetTimestamp();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The simulation runs the sweeps and the engine itself, on its own clock.
            ["Tongguan:Workflows:Worker:Enabled"] = "false",
            ["Tongguan:Deadlines:RunSweeps"] = "false",
            // Nobody signs in to a seed run; the app provisions the accounts when it next starts on this database.
            ["Tongguan:Auth:ProvisionAccounts"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Tongguan.Sla.Deadlines.Scheduling"] = "Error",
        });
        builder.AddTongguan();
        // Starts two days before the year (in any time zone), when the definitions are published.
        var clock = new SimulatedClock(new DateTimeOffset(settings.Year - 1, 12, 30, 0, 0, 0, TimeSpan.Zero));
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.RemoveAll<IDeadlineScheduler>();
        builder.Services.AddSingleton<IDeadlineScheduler, SimulationSweeps>();
        builder.Services.AddSingleton<IServer, NoServer>();

        var app = builder.Build();
        await using (app.ConfigureAwait(false))
        {
            // Starts the hosted services as the app does: migrations, definitions, forms, reference data checks.
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var data = app.Services.GetRequiredService<ReferenceDataSnapshot>();
                var unknown = settings.SlowUnits.Where(u => data.FindOrgUnit(u) is null).ToList();
                if (unknown.Count > 0)
                {
                    throw new SeedUsageException($"--slow: {string.Join(", ", unknown)} is not an org unit of the reference data.");
                }

                var simulation = new CitySimulation(app.Services, clock, settings);
                clock.MoveTo(simulation.Year.Start.AddDays(-1));
                var counts = await simulation.RunAsync(progress, cancellationToken).ConfigureAwait(false);
                var scope = app.Services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
                    return await SeedSummary.ReadAsync(db, data, simulation.Year, settings, counts, Stopwatch.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The deadline scheduler of a seed run: there is nothing to wake, because the simulation runs the sweep at every
    /// deadline instant itself. (The app's Hangfire or Quartz store would otherwise fill with a year of wake-ups.)
    /// </summary>
    private sealed class SimulationSweeps : IDeadlineScheduler
    {
        public Task ScheduleWakeUpAsync(DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The host runs without listening: the seed uses its services, not its endpoints.</summary>
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}

/// <summary>The arguments name something that does not exist (exit code 2, with the usage text).</summary>
public sealed class SeedUsageException(string message) : Exception(message);
