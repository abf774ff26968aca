using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tongguan.Sla.Deadlines.Scheduling;

namespace Tongguan.Integration.Tests.Sla.Scheduling;

/// <summary>The Hangfire scheduler over PostgreSQL: its schema, and recovery of jobs a dead node had fetched.</summary>
[Collection(HangfireSchedulerSerialGroup.Name)]
public sealed class HangfirePostgreSqlStorageTests(PostgreSqlSchedulerStore store) : IClassFixture<PostgreSqlSchedulerStore>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Start_CreatesTheHangfireSchema_InAnEmptyDatabase()
    {
        using (var node = await HangfireTestNode.StartAsync(new RecordingSweep(), o => UsePostgreSql(o, schema: null, runSweeps: false)))
        {
            await node.Services.GetRequiredService<IDeadlineScheduler>()
                .ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow().AddHours(1), CancellationToken.None);
        }

        var tables = await TablesInSchemaAsync("hangfire");
        Assert.Contains("job", tables);
        Assert.Contains("jobqueue", tables);
        Assert.Contains("server", tables);
    }

    [Fact]
    public async Task Start_CreatesTheConfiguredSchema()
    {
        var schema = NewSchema();

        using var node = await HangfireTestNode.StartAsync(new RecordingSweep(), o => UsePostgreSql(o, schema));

        Assert.Contains("jobqueue", await TablesInSchemaAsync(schema));
    }

    [Fact]
    public async Task WakeUp_FetchedByANodeThatDied_RunsOnALiveNode_OnceItsInvisibilityHasTimedOut()
    {
        var schema = NewSchema();
        await EnqueueWakeUpFetchedAgoAsync(schema, TimeSpan.FromMinutes(2));
        var sweep = new RecordingSweep();

        using var live = await HangfireTestNode.StartAsync(sweep, o => UsePostgreSql(o, schema));

        await sweep.WaitForRunAsync(Patience);
        Assert.Single(sweep.Runs);
    }

    [Fact]
    public async Task WakeUp_FetchedMomentsAgoByAnotherNode_IsLeftToThatNode()
    {
        var schema = NewSchema();
        await EnqueueWakeUpFetchedAgoAsync(schema, TimeSpan.FromSeconds(1));
        var sweep = new RecordingSweep();

        using var live = await HangfireTestNode.StartAsync(sweep, o => UsePostgreSql(o, schema));

        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Empty(sweep.Runs);
    }

    [Fact]
    public async Task FinishedWakeUp_IsKeptForAnHour_NotHangfiresDay()
    {
        var schema = NewSchema();
        var sweep = new RecordingSweep();
        using var node = await HangfireTestNode.StartAsync(sweep, o => UsePostgreSql(o, schema));

        await node.Services.GetRequiredService<IDeadlineScheduler>()
            .ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);
        await sweep.WaitForRunAsync(Patience);

        var keptFor = await WaitForSucceededJobRetentionAsync(schema);
        Assert.InRange(keptFor.TotalMinutes, 55, 61);
    }

    [Fact]
    public async Task WakeUp_Runs_AtTheShortestPollIntervalTheOptionsAllow()
    {
        var schema = NewSchema();
        var sweep = new RecordingSweep();
        using var node = await HangfireTestNode.StartAsync(sweep, o =>
        {
            UsePostgreSql(o, schema);
            o.PollInterval = TimeSpan.FromMilliseconds(100);
        });

        await node.Services.GetRequiredService<IDeadlineScheduler>()
            .ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);

        await sweep.WaitForRunAsync(Patience);
        Assert.Single(sweep.Runs);
    }

    private async Task<TimeSpan> WaitForSucceededJobRetentionAsync(string schema)
    {
        var until = TimeProvider.System.GetUtcNow() + Patience;
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT EXTRACT(EPOCH FROM expireat - (NOW() AT TIME ZONE 'UTC'))::float8 FROM \"{schema}\".job WHERE statename = 'Succeeded' AND expireat IS NOT NULL";
        while (TimeProvider.System.GetUtcNow() < until)
        {
            if (await command.ExecuteScalarAsync() is double seconds)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The wake-up job did not reach the Succeeded state with an expiry.");
    }

    /// <summary>A wake-up in the queue marked as fetched <paramref name="ago"/> by a node that never finished it.</summary>
    private async Task EnqueueWakeUpFetchedAgoAsync(string schema, TimeSpan ago)
    {
        using (var asking = await HangfireTestNode.StartAsync(new RecordingSweep(), o => UsePostgreSql(o, schema, runSweeps: false)))
        {
            await asking.Services.GetRequiredService<IDeadlineScheduler>()
                .ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow().AddMinutes(-1), CancellationToken.None);
        }

        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE \"{schema}\".jobqueue SET fetchedat = (NOW() AT TIME ZONE 'UTC') - @ago";
        command.Parameters.AddWithValue("ago", ago);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<List<string>> TablesInSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema";
        command.Parameters.AddWithValue("schema", schema);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static string NewSchema() => $"hangfire_{Guid.NewGuid():N}";

    private void UsePostgreSql(DeadlineSchedulingOptions options, string? schema, bool runSweeps = true)
    {
        options.Storage = SchedulerStorage.PostgreSql;
        options.ConnectionString = store.ConnectionString;
        options.Schema = schema;
        options.RunSweeps = runSweeps;
    }
}
