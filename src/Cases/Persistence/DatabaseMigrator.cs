using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Persistence;

/// <summary>Applies the provider's pending migrations (db/&lt;Provider&gt;) when the host starts.</summary>
internal sealed partial class DatabaseMigrator(
    IServiceScopeFactory scopeFactory,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            return;
        }

        var scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var database = scope.ServiceProvider.GetRequiredService<TongguanDbContext>().Database;

            // Pending migrations are not listed first: on an empty database that query fails (no history table
            // yet) and EF logs it as an error, which would alarm operators on every first start.
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var applied = await database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false);
            var current = applied.LastOrDefault() ?? "(none)";
            LogMigrated(options.Value.Provider, current);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} database is at migration {Migration}")]
    private partial void LogMigrated(DatabaseProvider provider, string migration);
}
