using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongguan.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>
/// Two and three app nodes on one PostgreSQL under load, every request to any node: no duplicate work — each task
/// completed once, each deadline fired once, each service task (job) run once, no duplicate case number — and the
/// audit chain sealed by whichever node got there first verifies.
/// </summary>
[Collection(nameof(ReliabilityTests))]
public sealed class MultiNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan LoadFor = TimeSpan.FromSeconds(12);

    private readonly ThrowawayPostgresDatabase _database = new("tg_rel_nodes_");
    private readonly ReliabilityNodes _nodes = new(output);
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await _database.CreateAsync();

    public async Task DisposeAsync()
    {
        await _nodes.KillAllAsync();
        await _database.DropAsync();
    }

    [Theory]
    [InlineData(2, "Quartz")]
    [InlineData(3, "Hangfire")]
    public async Task SeveralNodes_DoEachPieceOfWorkOnce_AndTheAuditChainVerifies(int count, string scheduler)
    {
        var environment = ReliabilityNodes.Environment(_connectionString, scheduler);
        var first = await _nodes.StartAsync("node-1", environment, serve: false);
        await ReliabilityLoad.DeployAsync(first);
        var others = await Task.WhenAll(Enumerable.Range(2, count - 1).Select(i => _nodes.StartAsync($"node-{i}", environment, serve: false)));
        AppNode[] all = [first, .. others];
        _nodes.Serve(all);

        var load = new ReliabilityLoad(() => _nodes.Current, await ReliabilityLoad.PlacesAsync(first));
        using (var stop = new CancellationTokenSource(LoadFor))
        {
            await load.RunAsync(clients: 2, stop.Token);
        }

        var until = Stopwatch.StartNew();
        while (await Consistency.PendingDeadlinesAsync(_connectionString) is var pending and > 0)
        {
            Assert.True(until.Elapsed < TimeSpan.FromSeconds(60), $"{pending} deadlines still pending 60 s after the load.\n{_nodes.Tails()}");
            await Task.Delay(500);
        }

        // Time for a second firing or a second run to show up.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var violations = await Consistency.CheckAsync(_connectionString, load);
        var duplicates = new Dictionary<string, long>
        {
            ["tasks completed twice"] = await Consistency.ScalarAsync(_connectionString,
                """select count(*) from (select 1 from wf_journal where "EventType" = 'TaskCompleted' group by "InstanceId", "NodeId" having count(*) > 1) x"""),
            ["deadlines fired twice"] = await Consistency.ScalarAsync(_connectionString,
                """select count(*) from (select 1 from wf_journal where "EventType" = 'TimerFired' group by "InstanceId", "NodeId" having count(*) > 1) x"""),
            ["jobs run twice"] = await Consistency.ScalarAsync(_connectionString,
                """select count(*) from (select 1 from wf_journal where "EventType" = 'NodeCompleted' and "NodeType" ilike '%service%' group by "InstanceId", "NodeId" having count(*) > 1) x"""),
            ["duplicate case numbers"] = await Consistency.ScalarAsync(_connectionString, """select count(*) - count(distinct "Number") from cases"""),
        };
        var fired = await Consistency.ScalarAsync(_connectionString,
            $"""select count(*) from wf_journal where "DefinitionKey" = '{ReliabilityLoad.DefinitionKey}' and "EventType" = 'TimerFired'""");
        var jobs = await Consistency.ScalarAsync(_connectionString,
            """select count(*) from wf_journal where "EventType" = 'NodeCompleted' and "NodeType" ilike '%service%'""");

        // The sealer runs on every node; one seals at a time, and the chain must come out whole.
        JsonObject audit;
        var sealing = Stopwatch.StartNew();
        while (true)
        {
            audit = (await first.Client.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;
            if ((long)audit["unsealed"]! == 0 || sealing.Elapsed > TimeSpan.FromSeconds(30))
            {
                break;
            }

            await Task.Delay(500);
        }

        foreach (var node in all)
        {
            var successes = load.SuccessesByNode.GetValueOrDefault(node.Name);
            _nodes.Print($"{count} nodes ({scheduler}): {node.Name} answered {successes} requests with 2xx, {successes / LoadFor.TotalSeconds:0.0}/s");
        }

        _nodes.Print($"{count} nodes ({scheduler}): {load.AckedCases.Count} cases, {load.AckedInstances.Count} starts, {load.AckedCompletions.Count} completions, " +
            $"{fired} timer firings, {jobs} service-task runs; duplicates: {string.Join(", ", duplicates.Select(d => $"{d.Key} {d.Value}"))}; " +
            $"audit: intact {(bool)audit["intact"]!}, {(long)audit["sealed"]!} sealed, {(long)audit["unsealed"]!} unsealed; answers {KillNineTests.Answers(load)}");

        Assert.All(duplicates, d => Assert.True(d.Value == 0, $"{d.Value} {d.Key}"));
        Assert.True(violations.Count == 0, string.Join("; ", violations) + "\n" + _nodes.Tails());
        Assert.True(load.Count(500) == 0, $"{load.Count(500)} answers were 500: {string.Join(" | ", load.Errors.Take(3))}");
        Assert.True(all.All(n => load.SuccessesByNode.GetValueOrDefault(n.Name) > 0), "A node answered nothing: the load did not reach every node.");
        Assert.True(fired > 0 && jobs > 0 && !load.AckedCompletions.IsEmpty, $"Nothing to duplicate: {fired} firings, {jobs} jobs, {load.AckedCompletions.Count} completions.");
        Assert.True((bool)audit["intact"]!, $"The audit chain does not verify: {audit}");
        Assert.Equal(0L, (long)audit["unsealed"]!);
    }
}
