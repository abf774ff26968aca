using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Integration.Tests.Sla.Scheduling;
using Xunit.Abstractions;

namespace Tongguan.Integration.Tests.Sla;

/// <summary>
/// Exactly once with real processes: three app nodes share one PostgreSQL and one scheduler store; deadlines fire
/// once each while all three run, and none is lost or doubled when nodes are killed with SIGKILL right after writing
/// deadlines and while firing them. Runs for each scheduler.
/// </summary>
[Collection(nameof(DeadlineClusterTests))]
public sealed class DeadlineClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Natural time keeps the test short and independent of the day it runs; the business calendar is tested elsewhere.
    private const string Definition = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="defs" targetNamespace="https://tongguan.dev/tests">
          <process id="cluster-deadlines" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <userTask id="handle" name="Handle" tg:candidateGroups="street" tg:timeLimit="PT14S" tg:calendar="natural" tg:warningShare="0.5" />
            <boundaryEvent id="yellow" attachedToRef="handle" cancelActivity="false" tg:deadline="warning"><timerEventDefinition /></boundaryEvent>
            <boundaryEvent id="red" attachedToRef="handle" tg:deadline="due"><timerEventDefinition /></boundaryEvent>
            <sequenceFlow id="f2" sourceRef="handle" targetRef="done" />
            <sequenceFlow id="f3" sourceRef="yellow" targetRef="remind" />
            <userTask id="remind" name="Remind" tg:candidateGroups="street" />
            <sequenceFlow id="f4" sourceRef="remind" targetRef="reminded" />
            <sequenceFlow id="f5" sourceRef="red" targetRef="escalate" />
            <userTask id="escalate" name="Escalate" tg:candidateGroups="district" />
            <sequenceFlow id="f6" sourceRef="escalate" targetRef="escalated" />
            <endEvent id="done" />
            <endEvent id="reminded" />
            <endEvent id="escalated" />
          </process>
        </definitions>
        """;

    private static readonly TimeSpan FirePatience = TimeSpan.FromSeconds(90);

    private readonly PostgreSqlSchedulerStore _database = new();
    private readonly List<AppNode> _nodes = [];

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData("Hangfire")]
    [InlineData("Quartz")]
    public async Task Deadlines_FireExactlyOnce_AcrossThreeNodes_AndSurviveKillNine(string scheduler)
    {
        var environment = new Dictionary<string, string>
        {
            ["Tongguan__Database__Provider"] = "PostgreSql",
            ["Tongguan__Database__ConnectionString"] = _database.ConnectionString,
            ["Tongguan__Database__MigrateOnStart"] = "true",
            ["Tongguan__Deadlines__Scheduler"] = scheduler,
            ["Tongguan__Deadlines__SafetySweepInterval"] = "00:00:03",
            ["Tongguan__Deadlines__PollInterval"] = "00:00:00.500",
        };
        var a = await StartNodeAsync("A", environment);
        (await a.Client.PostAsync("/api/definitions", new StringContent(Definition, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        var others = await Task.WhenAll(StartNodeAsync("B", environment), StartNodeAsync("C", environment));
        var (b, c) = (others[0], others[1]);

        // Phase 1: three healthy nodes.
        var firstBatch = await StartInstancesAsync([a, b, c], 30, "one");
        var onTime = await StartInstancesAsync([a, b, c], 3, "ontime");
        foreach (var instance in onTime)
        {
            await CompleteHandleAsync(a, instance);
        }

        await WaitUntilFiredAsync(a, firstBatch);

        // Phase 2: B dies right after writing its deadlines, C dies while they fire, D joins.
        var secondBatch = await StartInstancesAsync([b, c, a], 30, "two");
        await b.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(7));
        await c.KillAsync();
        var d = await StartNodeAsync("D", environment);
        await WaitUntilFiredAsync(d, secondBatch);

        // Time for any double firing to show up.
        await Task.Delay(TimeSpan.FromSeconds(5));
        foreach (var instance in firstBatch.Concat(secondBatch))
        {
            var fired = await FiredAlarmsAsync(a, instance);
            Assert.True(fired.Yellow == 1 && fired.Red == 1, $"Instance {instance}: yellow fired {fired.Yellow}×, red {fired.Red}×.\n{Tails()}");
            Assert.Equal(["escalate", "remind"], await OpenTaskNodesAsync(a, instance));
        }

        foreach (var instance in onTime)
        {
            var fired = await FiredAlarmsAsync(a, instance);
            Assert.Equal((0, 0), (fired.Yellow, fired.Red));
            var deadline = (await a.Client.GetFromJsonAsync<JsonArray>($"/api/process-instances/{instance}/deadlines"))!.Single()!["deadline"]!;
            Assert.Equal("Completed", (string?)deadline["status"]);
            Assert.Null(deadline["warnedAt"]);
        }

        output.WriteLine($"{scheduler}: {firstBatch.Count + secondBatch.Count} deadlines fired yellow and red exactly once; {onTime.Count} completed in time never fired; nodes B and C killed with SIGKILL.");
    }

    private async Task<AppNode> StartNodeAsync(string name, Dictionary<string, string> environment)
    {
        var node = await AppNode.StartAsync(name, environment);
        lock (_nodes)
        {
            _nodes.Add(node);
        }

        return node;
    }

    private static async Task<List<string>> StartInstancesAsync(AppNode[] nodes, int count, string prefix)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var node = nodes[i % nodes.Length];
            var response = await node.Client.PostAsJsonAsync("/api/process-instances", new { definitionKey = "cluster-deadlines", businessKey = $"{prefix}-{i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        }

        return ids;
    }

    private static async Task CompleteHandleAsync(AppNode node, string instance)
    {
        var page = (await node.Client.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}&status=Open"))!;
        var task = page["items"]!.AsArray().Single(t => (string?)t!["nodeId"] == "handle")!;
        (await node.Client.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { output = new { } })).EnsureSuccessStatusCode();
    }

    private async Task WaitUntilFiredAsync(AppNode node, List<string> instances)
    {
        var until = TimeProvider.System.GetUtcNow() + FirePatience;
        var waiting = instances.ToList();
        while (waiting.Count > 0)
        {
            var still = new List<string>();
            foreach (var instance in waiting)
            {
                var fired = await FiredAlarmsAsync(node, instance);
                if (fired.Red == 0 || fired.Yellow == 0)
                {
                    still.Add(instance);
                }
            }

            waiting = still;
            if (waiting.Count > 0)
            {
                Assert.True(TimeProvider.System.GetUtcNow() < until, $"{waiting.Count} of {instances.Count} deadlines did not fire within {FirePatience.TotalSeconds:0} s.\n{Tails()}");
                await Task.Delay(1000);
            }
        }
    }

    private static async Task<(int Yellow, int Red)> FiredAlarmsAsync(AppNode node, string instance)
    {
        var timeline = (await node.Client.GetFromJsonAsync<JsonArray>($"/api/process-instances/{instance}/timeline"))!;
        var fired = timeline.Where(e => (string?)e!["source"] == "journal" && (string?)e!["event"] == "TimerFired").ToList();
        return (fired.Count(e => (string?)e!["nodeId"] == "yellow"), fired.Count(e => (string?)e!["nodeId"] == "red"));
    }

    private static async Task<List<string>> OpenTaskNodesAsync(AppNode node, string instance)
    {
        var page = (await node.Client.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}&status=Open"))!;
        return [.. page["items"]!.AsArray().Select(t => (string)t!["nodeId"]!).Order(StringComparer.Ordinal)];
    }

    private string Tails()
    {
        lock (_nodes)
        {
            return string.Join('\n', _nodes.Select(n => n.Tail()));
        }
    }
}

[CollectionDefinition(nameof(DeadlineClusterTests), DisableParallelization = true)]
public sealed class DeadlineClusterTestGroup;
