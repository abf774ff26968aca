using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.Persistence;
using Tongguan.Integration.Tests.Http;
using Tongguan.Sla.Deadlines;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Integration.Tests.Sla;

/// <summary>The host records deadlines: observer registered, table migrated, migrations current with the model.</summary>
public abstract class DeadlineHostTests<TApp>(TApp app)
    where TApp : TongguanApp
{
    [Fact]
    public async Task Host_MigratesDeadlineTable_AndRegistersTheObserver()
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains(scope.ServiceProvider.GetServices<IWorkflowStepObserver>(), o => o.GetType().Name.StartsWith("DeadlineStepObserver", StringComparison.Ordinal));
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<IDeadlineQueries>().ListByInstanceAsync(Guid.NewGuid()));
    }
}

public sealed class DeadlineHostTestsOnSqlite(SqliteApp app) : DeadlineHostTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class DeadlineHostTestsOnPostgres(PostgreSqlApp app) : DeadlineHostTests<PostgreSqlApp>(app), IClassFixture<PostgreSqlApp>;
