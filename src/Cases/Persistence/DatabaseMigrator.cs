using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Hosting;

namespace Tongguan.Cases.Persistence;

/// <summary>
/// Waits for the database when the host starts, then applies the provider's pending migrations (db/&lt;Provider&gt;).
/// Registered before every other hosted service and done in <see cref="StartingAsync"/>, the first of the host's start
/// phases (the Quartz store creates its tables in that phase too), so that account provisioning, the definitions
/// folder and the schedulers only start once the database answers: a node started while PostgreSQL is down (a city's server room
/// powering up in the wrong order) waits, retrying with doubling pauses up to <see cref="DatabaseOptions.StartupRetryMaxDelay"/>,
/// and gives up with a clear message only after <see cref="DatabaseOptions.StartupTimeout"/>.
/// </summary>
internal sealed partial class DatabaseMigrator(
    IServiceScopeFactory scopeFactory,
    IOptions<DatabaseOptions> options,
    TimeProvider timeProvider,
    ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = timeProvider.GetTimestamp();
        var delay = FirstRetryDelay < settings.StartupRetryMaxDelay ? FirstRetryDelay : settings.StartupRetryMaxDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ReachAsync(settings, cancellationToken).ConfigureAwait(false);
                if (attempt > 1)
                {
                    var waited = timeProvider.GetElapsedTime(started);
                    LogReached(settings.Provider, attempt, waited.TotalSeconds);
                }

                return;
            }
            catch (Exception exception) when (DatabaseUnavailableHandler.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                // Only the exception's own message: the connection string (and its password) is never logged.
                var error = exception.GetBaseException().Message;
                var waited = timeProvider.GetElapsedTime(started);
                if (waited + delay > settings.StartupTimeout)
                {
                    LogGivingUp(settings.Provider, attempt, waited.TotalSeconds, error);
                    throw new InvalidOperationException(
                        $"The {settings.Provider} database could not be reached within {DatabaseOptions.SectionName}:StartupTimeout " +
                        $"({settings.StartupTimeout:c}; {attempt} attempts): {error}. Check that the server runs and that " +
                        $"{DatabaseOptions.SectionName}:ConnectionString names it.",
                        exception);
                }

                LogUnreachable(settings.Provider, attempt, waited.TotalSeconds, settings.StartupTimeout.TotalSeconds, error, delay.TotalSeconds);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 < settings.StartupRetryMaxDelay ? delay * 2 : settings.StartupRetryMaxDelay;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Migrates (which connects first), or only opens and closes a connection when migrations are not the host's job.</summary>
    private async Task ReachAsync(DatabaseOptions settings, CancellationToken cancellationToken)
    {
        var scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var database = scope.ServiceProvider.GetRequiredService<TongguanDbContext>().Database;
            if (!settings.MigrateOnStart)
            {
                await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await database.CloseConnectionAsync().ConfigureAwait(false);
                return;
            }

            // Pending migrations are not listed first: on an empty database that query fails (no history table
            // yet) and EF logs it as an error, which would alarm operators on every first start.
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var applied = await database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false);
            var current = applied.LastOrDefault() ?? "(none)";
            LogMigrated(settings.Provider, current);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} database is at migration {Migration}")]
    private partial void LogMigrated(DatabaseProvider provider, string migration);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Provider} database unreachable at start (attempt {Attempt}, {Waited:0.0} s of at most {Timeout:0} s waited): {Error}. Next attempt in {Delay:0.0} s.")]
    private partial void LogUnreachable(DatabaseProvider provider, int attempt, double waited, double timeout, string error, double delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} database reached at attempt {Attempt} after {Waited:0.0} s")]
    private partial void LogReached(DatabaseProvider provider, int attempt, double waited);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Provider} database still unreachable after {Attempt} attempts in {Waited:0.0} s; giving up: {Error}")]
    private partial void LogGivingUp(DatabaseProvider provider, int attempt, double waited, string error);
}
