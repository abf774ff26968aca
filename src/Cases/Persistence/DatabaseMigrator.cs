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
            var pending = (await database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (pending.Count > 0)
            {
                LogMigrating(options.Value.Provider, pending.Count, pending);
            }

            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) on {Provider}: {Migrations}")]
    private partial void LogMigrating(DatabaseProvider provider, int count, IReadOnlyList<string> migrations);
}
