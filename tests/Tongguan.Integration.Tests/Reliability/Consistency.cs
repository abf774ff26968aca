using Npgsql;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>
/// What must hold in the database after any crash, restart or concurrent run, read straight from the tables (each
/// check one statement, so one snapshot): the list of violations, empty when all is well.
/// </summary>
internal static class Consistency
{
    /// <summary>Checks that need no knowledge of what the clients were told.</summary>
    private static readonly (string Name, string Sql)[] Invariants =
    [
        ("journal out of order (an event earlier than the one before it)",
            """select count(*) from (select "At" < lag("At") over (partition by "InstanceId" order by "Sequence") as back from wf_journal) x where back"""),
        ("instance without an InstanceStarted journal entry",
            """select count(*) from wf_instances i where not exists (select 1 from wf_journal j where j."InstanceId" = i."Id" and j."EventType" = 'InstanceStarted')"""),
        ("open task of an instance that is not running",
            """select count(*) from wf_tasks t join wf_instances i on i."Id" = t."InstanceId" where t."Status" = 'Open' and i."Status" <> 'Running'"""),
        ($"running {ReliabilityLoad.DefinitionKey} instance with no open task",
            $"""select count(*) from wf_instances i where i."DefinitionKey" = '{ReliabilityLoad.DefinitionKey}' and i."Status" = 'Running' and not exists (select 1 from wf_tasks t where t."InstanceId" = i."Id" and t."Status" = 'Open')"""),
        ("filed case without its process instance",
            """select count(*) from cases c where c."InstanceId" is not null and not exists (select 1 from wf_instances i where i."Id" = c."InstanceId")"""),
        ("open task with a time limit but no pending deadline (deadline lost)",
            """select count(*) from wf_tasks t where t."Status" = 'Open' and t."DueAt" is not null and not exists (select 1 from sla_deadlines d where d."InstanceId" = t."InstanceId" and d."NodeId" = t."NodeId" and d."Status" = 'Pending')"""),
        ("timer fired more than once (deadline fired twice)",
            """select count(*) from (select 1 from wf_journal where "EventType" = 'TimerFired' group by "InstanceId", "NodeId" having count(*) > 1) x"""),
        ("task completed more than once",
            """select count(*) from (select 1 from wf_journal where "EventType" = 'TaskCompleted' group by "InstanceId", "NodeId" having count(*) > 1) x"""),
        ("service task (job) run more than once",
            """select count(*) from (select 1 from wf_journal where "EventType" = 'NodeCompleted' and "NodeType" ilike '%service%' group by "InstanceId", "NodeId" having count(*) > 1) x"""),
        ("duplicate case number",
            """select count(*) - count(distinct "Number") from cases"""),
    ];

    public static async Task<List<string>> CheckAsync(string connectionString, ReliabilityLoad load)
    {
        var violations = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (name, sql) in Invariants)
        {
            var count = await ScalarAsync(connection, sql);
            if (count != 0)
            {
                violations.Add($"{count} × {name}");
            }
        }

        var numbers = load.AckedCases.Keys.ToArray();
        var missingCases = await ScalarAsync(connection,
            """select cardinality(@p) - count(*) from cases c join wf_instances i on i."Id" = c."InstanceId" where c."Number" = any(@p)""", numbers);
        if (missingCases != 0)
        {
            violations.Add($"{missingCases} of {numbers.Length} acknowledged cases missing or without their instance");
        }

        var instances = load.AckedInstances.Keys.Select(Guid.Parse).ToArray();
        var missingInstances = await ScalarAsync(connection, """select cardinality(@p) - count(*) from wf_instances where "Id" = any(@p)""", instances);
        if (missingInstances != 0)
        {
            violations.Add($"{missingInstances} of {instances.Length} acknowledged instance starts lost");
        }

        var completed = load.AckedCompletions.Keys.Select(Guid.Parse).ToArray();
        var lostCompletions = await ScalarAsync(connection,
            """select cardinality(@p) - count(*) from wf_tasks where "InstanceId" = any(@p) and "NodeId" = 'handle' and "Status" = 'Completed'""", completed);
        if (lostCompletions != 0)
        {
            violations.Add($"{lostCompletions} of {completed.Length} acknowledged completions lost");
        }

        return violations;
    }

    /// <summary>Open tasks with a time limit: the deadline check above is only meaningful when this is not zero.</summary>
    public static Task<long> OpenLimitedTasksAsync(string connectionString) =>
        ScalarAsync(connectionString, """select count(*) from wf_tasks where "Status" = 'Open' and "DueAt" is not null""");

    /// <summary>Deadlines of this test's definition neither completed nor fired (all come due within seconds of their start).</summary>
    public static Task<long> PendingDeadlinesAsync(string connectionString) =>
        ScalarAsync(connectionString,
            $"""select count(*) from sla_deadlines where "DefinitionKey" = '{ReliabilityLoad.DefinitionKey}' and "Status" = 'Pending' and "BreachedAt" is null""");

    /// <summary>How often each kind of event happened per instance and node, over the instances of this test's definition.</summary>
    public static async Task<Dictionary<(Guid Instance, string Node, string Event), long>> EventCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""select "InstanceId", "NodeId", "EventType", count(*) from wf_journal where "DefinitionKey" = '{ReliabilityLoad.DefinitionKey}' and "NodeId" is not null group by 1, 2, 3""",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<(Guid, string, string), long>();
        while (await reader.ReadAsync())
        {
            counts[(reader.GetGuid(0), reader.GetString(1), reader.GetString(2))] = reader.GetInt64(3);
        }

        return counts;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ScalarAsync(connection, sql);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, object? parameter = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("p", parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
