using Microsoft.Data.Sqlite;
using Npgsql;
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
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}

public sealed class PostgreSqlSchedulerStore : SchedulerStore
{
    private readonly string _databaseName = "tg_sched_" + Guid.NewGuid().ToString("N");
    private string? _server;

    public override SchedulerStorage Storage => SchedulerStorage.PostgreSql;

    public override async Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable(PostgresDatabase.VariableName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Environment variable {PostgresDatabase.VariableName} is not set; run the tests with `bash scripts/test.sh`, which starts a throw-away PostgreSQL.");
        await ExecuteAsync($"CREATE DATABASE \"{_databaseName}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _databaseName }.ToString();
    }

    public override async Task DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
