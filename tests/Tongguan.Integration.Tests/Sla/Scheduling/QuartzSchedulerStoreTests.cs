using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Sla.Deadlines.Scheduling.Quartz;

namespace Tongguan.Integration.Tests.Sla.Scheduling;

/// <summary>
/// What the Quartz scheduler does to its store beyond the contract: tables created on an empty database (by several
/// nodes at once), the configured schema, one trigger per second, no spent triggers left behind. Each test has a
/// fresh, empty database.
/// </summary>
[Collection(QuartzSchedulerTestsInSequence.Name)]
public sealed class QuartzSchedulerStoreTests
{
    private const string WakeUpGroup = "tongguan-deadline-wakeups";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(SchedulerStorage.Sqlite)]
    [InlineData(SchedulerStorage.PostgreSql)]
    public async Task Start_CreatesTheSchedulerTables_OnAnEmptyDatabase(SchedulerStorage storage)
    {
        var store = await CreateStoreAsync(storage);
        try
        {
            Assert.False(await TableExistsAsync(store, "quartz", "qrtz_job_details"));

            await StopAsync(await StartNodeAsync(store, new RecordingSweep(), "a"));

            Assert.True(await TableExistsAsync(store, "quartz", "qrtz_job_details"));
            Assert.True(await TableExistsAsync(store, "quartz", "qrtz_triggers"));
            Assert.Equal(1L, await ScalarAsync(store, $"SELECT COUNT(*) FROM {Table(store, "qrtz_job_details")}"));
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(SchedulerStorage.Sqlite)]
    [InlineData(SchedulerStorage.PostgreSql)]
    public async Task Start_OfThreeNodesAtOnce_OnAnEmptyDatabase_ThenAgain_Works(SchedulerStorage storage)
    {
        var store = await CreateStoreAsync(storage);
        try
        {
            var first = await Task.WhenAll(
                StartNodeAsync(store, new RecordingSweep(), "a"),
                StartNodeAsync(store, new RecordingSweep(), "b"),
                StartNodeAsync(store, new RecordingSweep(), "c"));
            foreach (var node in first)
            {
                await StopAsync(node);
            }

            var sweep = new RecordingSweep();
            using var again = await StartNodeAsync(store, sweep, "a");
            await again.Services.GetRequiredService<IDeadlineScheduler>()
                .ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);

            await sweep.WaitForRunsAsync(1, Patience);
            Assert.Single(sweep.Runs);
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_PutsTheTablesInTheConfiguredSchema_OnPostgreSql()
    {
        var store = await CreateStoreAsync(SchedulerStorage.PostgreSql);
        try
        {
            await StopAsync(await StartNodeAsync(store, new RecordingSweep(), "a", schema: "tg_deadline_jobs"));

            Assert.True(await TableExistsAsync(store, "tg_deadline_jobs", "qrtz_triggers"));
            Assert.False(await TableExistsAsync(store, "quartz", "qrtz_triggers"));
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(SchedulerStorage.Sqlite)]
    [InlineData(SchedulerStorage.PostgreSql)]
    public async Task WakeUps_ForTheSameSecond_FromTwoNodes_StoreOneTrigger(SchedulerStorage storage)
    {
        var store = await CreateStoreAsync(storage);
        try
        {
            using var first = await StartNodeAsync(store, new RecordingSweep(), "first", runSweeps: false);
            using var second = await StartNodeAsync(store, new RecordingSweep(), "second", runSweeps: false);
            var now = TimeProvider.System.GetUtcNow();
            var second0 = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddHours(1);

            await first.Services.GetRequiredService<IDeadlineScheduler>().ScheduleWakeUpAsync(second0.AddMilliseconds(100), CancellationToken.None);
            await second.Services.GetRequiredService<IDeadlineScheduler>().ScheduleWakeUpAsync(second0.AddMilliseconds(700), CancellationToken.None);
            await second.Services.GetRequiredService<IDeadlineScheduler>().ScheduleWakeUpAsync(second0.AddSeconds(5), CancellationToken.None);

            Assert.Equal(2L, await CountWakeUpTriggersAsync(store));
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(SchedulerStorage.Sqlite)]
    [InlineData(SchedulerStorage.PostgreSql)]
    public async Task WakeUp_LeavesNoTriggerInTheStore_OnceTheSweepRan(SchedulerStorage storage)
    {
        var store = await CreateStoreAsync(storage);
        try
        {
            var sweep = new RecordingSweep();
            using var node = await StartNodeAsync(store, sweep, "a");
            await node.Services.GetRequiredService<IDeadlineScheduler>()
                .ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow().AddSeconds(1), CancellationToken.None);
            Assert.Equal(1L, await CountWakeUpTriggersAsync(store));

            await sweep.WaitForRunsAsync(1, Patience);

            var until = TimeProvider.System.GetUtcNow().AddSeconds(10);
            while (await CountWakeUpTriggersAsync(store) > 0 && TimeProvider.System.GetUtcNow() < until)
            {
                await Task.Delay(200);
            }

            Assert.Equal(0L, await CountWakeUpTriggersAsync(store));
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(SchedulerStorage.Sqlite)]
    [InlineData(SchedulerStorage.PostgreSql)]
    public async Task Node_ThatDoesNotRunSweeps_StoresTheWakeUp_ButNeverRunsIt(SchedulerStorage storage)
    {
        var store = await CreateStoreAsync(storage);
        try
        {
            var sweep = new RecordingSweep();
            using var node = await StartNodeAsync(store, sweep, "cli", runSweeps: false);

            await node.Services.GetRequiredService<IDeadlineScheduler>()
                .ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(4));

            Assert.Empty(sweep.Runs);
            Assert.Equal(1L, await CountWakeUpTriggersAsync(store));
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(SchedulerStorage.Sqlite)]
    [InlineData(SchedulerStorage.PostgreSql)]
    public async Task Sweep_CutShortByADeadNode_RunsAgainOnAnotherNode(SchedulerStorage storage)
    {
        var store = await CreateStoreAsync(storage);
        var hung = new HangingSweep();
        try
        {
            // The node dies mid-sweep: its firing is still in the store, never completed, and it checks in no more.
            var dying = await StartNodeAsync(store, hung, "dying");
            await dying.Services.GetRequiredService<IDeadlineScheduler>()
                .ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);
            await hung.Started.Task.WaitAsync(Patience);
            dying.Dispose();

            var sweep = new RecordingSweep();
            using var survivor = await StartNodeAsync(store, sweep, "survivor");

            // Recovery waits for the dead node's missed check-in (clustered) or happens at start (SQLite).
            await sweep.WaitForRunsAsync(1, Patience + TimeSpan.FromSeconds(10));
            Assert.NotEmpty(sweep.Runs);
        }
        finally
        {
            hung.Release();
            await store.DisposeAsync();
        }
    }

    private static async Task<SchedulerStore> CreateStoreAsync(SchedulerStorage storage)
    {
        SchedulerStore store = storage switch
        {
            SchedulerStorage.Sqlite => new SqliteSchedulerStore(),
            SchedulerStorage.PostgreSql => new PostgreSqlSchedulerStore(),
            _ => throw new ArgumentOutOfRangeException(nameof(storage)),
        };
        await store.InitializeAsync();
        return store;
    }

    private static async Task<IHost> StartNodeAsync(
        SchedulerStore store, IDeadlineSweep sweep, string nodeName, bool runSweeps = true, string? schema = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Services.AddSingleton(TimeProvider.System);

        // Registered before the options are configured: the scheduler must read them only when it is built.
        builder.Services.AddQuartzDeadlineScheduler();
        builder.Services.AddOptions<DeadlineSchedulingOptions>().Configure(o =>
        {
            o.Scheduler = DeadlineSchedulerKind.Quartz;
            o.Storage = store.Storage;
            o.ConnectionString = store.ConnectionString;
            o.Schema = schema;
            o.NodeName = $"{nodeName}-{Guid.NewGuid():N}";
            o.RunSweeps = runSweeps;
            o.SafetySweepInterval = TimeSpan.FromHours(1);
        });
        builder.Services.AddScoped(_ => sweep);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task StopAsync(IHost node)
    {
        await node.StopAsync();
        node.Dispose();
    }

    private static string Table(SchedulerStore store, string name) =>
        store.Storage == SchedulerStorage.PostgreSql ? $"quartz.{name}" : name;

    private static Task<long> CountWakeUpTriggersAsync(SchedulerStore store) =>
        ScalarAsync(store, $"SELECT COUNT(*) FROM {Table(store, "qrtz_triggers")} WHERE trigger_group = '{WakeUpGroup}'");

    private static async Task<bool> TableExistsAsync(SchedulerStore store, string schema, string table) =>
        await ScalarAsync(store, store.Storage == SchedulerStorage.PostgreSql
            ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{schema}' AND table_name = '{table}'"
            : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND lower(name) = '{table}'") > 0;

    private static async Task<long> ScalarAsync(SchedulerStore store, string sql)
    {
        await using DbConnection connection = store.Storage == SchedulerStorage.PostgreSql
            ? new NpgsqlConnection(store.ConnectionString)
            : new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>A sweep that never finishes, ignoring cancellation as a process frozen by a crash would, until released.</summary>
internal sealed class HangingSweep : IDeadlineSweep
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<DeadlineSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        await _released.Task;
        return DeadlineSweepResult.None;
    }

    public void Release() => _released.TrySetResult();
}
