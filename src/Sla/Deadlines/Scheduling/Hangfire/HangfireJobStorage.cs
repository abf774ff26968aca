using System.Data.Common;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;

namespace Tongguan.Sla.Deadlines.Scheduling.Hangfire;

/// <summary>
/// Builds this node's <see cref="JobStorage"/> from <see cref="DeadlineSchedulingOptions"/>.
/// </summary>
/// <remarks>
/// Latency: the server moves due delayed jobs to the queue every <see cref="DeadlineSchedulingOptions.PollInterval"/>
/// and workers poll the queue at the same interval, so a wake-up runs within about two poll intervals of its instant.
/// Hangfire.PostgreSql's long polling (LISTEN/NOTIFY) is left off: with a one-second poll it would save at most one
/// interval, costs a listening connection per worker, and a dropped listener connection is known to leave jobs
/// waiting until their invisibility timeout (hangfire-postgres/Hangfire.PostgreSql#410).
/// Recovery: a job fetched by a node that then dies stays invisible for <see cref="InvisibilityTimeout"/> and is then
/// fetched again by a live node. PostgreSQL and SQL Server slide that timeout while the job runs, so it can be short
/// (one minute) without a long sweep being fetched twice; SQLite cannot slide it, so it is five minutes there, well
/// above a sweep's run time (a second run would be harmless anyway: the sweep claims rows). Until a lost job becomes
/// visible again, the safety sweep bounds how late a deadline fires.
/// </remarks>
internal static class HangfireJobStorage
{
    /// <summary>How long a fetched job stays hidden from other nodes when its node stops heart-beating.</summary>
    internal static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromMinutes(1);

    internal static readonly TimeSpan SqliteInvisibilityTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Hangfire's own locks are held for a poll or a write, well under this.</summary>
    internal static readonly TimeSpan StaleLockTimeout = TimeSpan.FromSeconds(30);

    public static JobStorage Create(DeadlineSchedulingOptions options)
    {
        var connectionString = options.ConnectionString is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{DeadlineSchedulingOptions.SectionName}:ConnectionString is not set; the Hangfire deadline scheduler needs a database for its jobs.");
        return options.Storage switch
        {
            SchedulerStorage.Sqlite => CreateSqlite(connectionString, options),
            SchedulerStorage.PostgreSql => CreatePostgreSql(connectionString, options),
            SchedulerStorage.SqlServer => CreateSqlServer(connectionString, options),
            _ => throw new InvalidOperationException($"Unknown scheduler storage {options.Storage}."),
        };
    }

    private static SQLiteStorage CreateSqlite(string connectionString, DeadlineSchedulingOptions options)
    {
        var path = SqliteDatabasePath(connectionString);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return new SQLiteStorage(path, new SQLiteStorageOptions
        {
            QueuePollInterval = options.PollInterval,
            InvisibilityTimeout = SqliteInvisibilityTimeout,
            // Write-ahead logging lets several nodes' pollers read while one of them writes.
            JournalMode = SQLiteStorageOptions.JournalModes.WAL,
        });
    }

    /// <summary>Hangfire.Storage.SQLite takes a file path, not an ADO.NET connection string.</summary>
    internal static string SqliteDatabasePath(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
        {
            if (builder.TryGetValue(key, out var value) && value is string { Length: > 0 } path)
            {
                return path;
            }
        }

        throw new InvalidOperationException("The SQLite connection string of the deadline scheduler names no Data Source.");
    }

    private static PostgreSqlStorage CreatePostgreSql(string connectionString, DeadlineSchedulingOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.Schema ?? "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = options.PollInterval,
            InvisibilityTimeout = InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            // A lock row left by a node killed while holding it (the delayed-job poller's, a recurring job's) counts as
            // stale after this, not after the default ten minutes during which no wake-up would be scheduled.
            DistributedLockTimeout = StaleLockTimeout,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }

    // Not exercised by the tests (no SQL Server here). Hangfire.SqlServer finds Microsoft.Data.SqlClient at run time; the
    // host has it through EF Core's SQL Server provider, so this module takes no dependency on a SQL client.
    private static SqlServerStorage CreateSqlServer(string connectionString, DeadlineSchedulingOptions options) =>
        new(connectionString, new SqlServerStorageOptions
        {
            SchemaName = options.Schema ?? "HangFire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = options.PollInterval,
            SlidingInvisibilityTimeout = InvisibilityTimeout,
            CommandBatchMaxTimeout = TimeSpan.FromMinutes(5),
            UseRecommendedIsolationLevel = true,
            DisableGlobalLocks = true,
        });
}
