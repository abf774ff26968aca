using Microsoft.Data.Sqlite;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Sla.Deadlines.Scheduling;

namespace Tongguan.Integration.Tests.Sla.Scheduling;

/// <summary>A fresh, empty, real database for a scheduler's own tables (the scheduler creates them).</summary>
public abstract class SchedulerStore : IAsyncLifetime
{
    public abstract SchedulerStorage Storage { get; }

    public string ConnectionString { get; protected set; } = "";

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();
}

public sealed class SqliteSchedulerStore : SchedulerStore
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tongguan-scheduler-tests", Guid.NewGuid().ToString("N"));

    public override SchedulerStorage Storage => SchedulerStorage.Sqlite;

    public override Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "scheduler.db") }.ToString();
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_folder);

        return Task.CompletedTask;
    }
}

public sealed class PostgreSqlSchedulerStore : SchedulerStore
{
    private readonly ThrowawayPostgresDatabase _database = new("tg_sched_");

    public override SchedulerStorage Storage => SchedulerStorage.PostgreSql;

    public override async Task InitializeAsync() => ConnectionString = await _database.CreateAsync();

    public override Task DisposeAsync() => _database.DropAsync();
}
