using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongguan.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>
/// <c>kill -9</c> of the only node at random moments during sustained intake and handling, ten times over, each time a
/// new node on the same database: nothing acknowledged is lost, nothing is half done, no deadline is lost or fired
/// twice, every instance carries on.
/// </summary>
[Collection(nameof(ReliabilityTests))]
public sealed class KillNineTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rounds = 10;

    private readonly ThrowawayPostgresDatabase _database = new("tg_rel_kill_");
    private readonly ReliabilityNodes _nodes = new(output);
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await _database.CreateAsync();

    public async Task DisposeAsync()
    {
        await _nodes.KillAllAsync();
        await _database.DropAsync();
    }

    [Fact]
    public async Task KillNine_LosesNothingAcknowledged_AndEveryInstanceResumes_OverTenRounds()
    {
        var seed = Environment.GetEnvironmentVariable("TONGGUAN_RELIABILITY_SEED") is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var random = new Random(seed);
        _nodes.Print($"kill -9: seed {seed} (TONGGUAN_RELIABILITY_SEED={seed} repeats the kill moments)");
        var environment = ReliabilityNodes.Environment(_connectionString, "Hangfire");

        var node = await _nodes.StartAsync("node-0", environment);
        await ReliabilityLoad.DeployAsync(node);
        var load = new ReliabilityLoad(() => _nodes.Current, await ReliabilityLoad.PlacesAsync(node));
        _nodes.Print("round | acked cases | acked starts | acked completions | in flight at kill | load ms | recovery s | violations");

        // The most deadlines seen running at a kill: proof that the lost-deadline check had work to do.
        // Measured at the kills, because the limits are seconds long and all have fired by the end.
        long runningDeadlinesAtKill = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            using var stop = new CancellationTokenSource();
            var clients = load.RunAsync(clients: 2, stop.Token);
            var loadFor = TimeSpan.FromMilliseconds(random.Next(1500, 4000));
            await Task.Delay(loadFor);
            var inFlight = load.InFlight;
            await _nodes.KillAsync(node);
            await stop.CancelAsync();
            await clients;
            runningDeadlinesAtKill = Math.Max(runningDeadlinesAtKill, await Consistency.PendingDeadlinesAsync(_connectionString));

            var restart = Stopwatch.StartNew();
            node = await _nodes.StartAsync($"node-{round}", environment);
            var recovery = restart.Elapsed;
            var violations = await Consistency.CheckAsync(_connectionString, load);
            _nodes.Print($"{round,5} | {load.AckedCases.Count,11} | {load.AckedInstances.Count,12} | {load.AckedCompletions.Count,17} | {inFlight,17} | {loadFor.TotalMilliseconds,7:0} | {recovery.TotalSeconds,10:0.0} | {violations.Count}");
            Assert.True(violations.Count == 0, $"Round {round} (seed {seed}): {string.Join("; ", violations)}\n{_nodes.Tails()}");
        }

        Assert.True(!load.AckedCases.IsEmpty && !load.AckedInstances.IsEmpty && !load.AckedCompletions.IsEmpty,
            $"The load acknowledged nothing of some kind (cases {load.AckedCases.Count}, starts {load.AckedInstances.Count}, completions {load.AckedCompletions.Count}).\n{_nodes.Tails()}");
        Assert.True(runningDeadlinesAtKill > 0, "No deadline was running at any kill: the lost-deadline check saw nothing.");

        // Every deadline comes due within seconds of its start: all must fire (none lost), once (checked below).
        var until = Stopwatch.StartNew();
        while (await Consistency.PendingDeadlinesAsync(_connectionString) is var pending and > 0)
        {
            Assert.True(until.Elapsed < TimeSpan.FromSeconds(60), $"{pending} deadlines still pending 60 s after the last restart.\n{_nodes.Tails()}");
            await Task.Delay(500);
        }

        var counts = await Consistency.EventCountsAsync(_connectionString);
        var completedInstances = load.AckedCompletions.Keys.Select(Guid.Parse).ToHashSet();
        var escalated = 0;
        foreach (var instance in load.AckedInstances.Keys.Select(Guid.Parse))
        {
            var red = counts.GetValueOrDefault((instance, "red", "TimerFired"));
            if (completedInstances.Contains(instance))
            {
                Assert.True(red == 0, $"Instance {instance}: red fired after its acknowledged completion.");
            }
            else if (counts.GetValueOrDefault((instance, "handle", "TaskCompleted")) == 0)
            {
                Assert.True(red == 1 && counts.GetValueOrDefault((instance, "yellow", "TimerFired")) == 1,
                    $"Instance {instance} (never completed): yellow fired {counts.GetValueOrDefault((instance, "yellow", "TimerFired"))}×, red {red}×.");
                escalated++;
            }
        }

        // Every instance resumes: work started before the crashes completes on the last node.
        var resumed = 0;
        foreach (var instance in load.AckedInstances.Keys.Take(40))
        {
            var page = (await node.Client.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}&status=Open"))!;
            foreach (var task in page["items"]!.AsArray())
            {
                using var response = await node.Client.PostAsJsonAsync($"/api/tasks/{(string?)task!["id"]}/complete", new { output = new { } });
                Assert.True(response.IsSuccessStatusCode, $"Completing {(string?)task["nodeId"]} of {instance} after the crashes answered {(int)response.StatusCode}.");
                resumed++;
            }
        }

        var final = await Consistency.CheckAsync(_connectionString, load);
        Assert.True(final.Count == 0, $"After the last round: {string.Join("; ", final)}\n{_nodes.Tails()}");
        _nodes.Print($"kill -9 × {Rounds}: {load.AckedCases.Count} acknowledged cases, {load.AckedInstances.Count} acknowledged starts, " +
            $"{load.AckedCompletions.Count} acknowledged completions, none lost; {escalated} deadlines fired yellow and red exactly once; " +
            $"{resumed} tasks of in-flight instances completed after the crashes; answers {Answers(load)}; violations 0.");
    }

    internal static string Answers(ReliabilityLoad load) =>
        string.Join(", ", load.Answers.OrderBy(a => a.Key).Select(a => $"{(a.Key == 0 ? "no answer" : a.Key.ToString(CultureInfo.InvariantCulture))}: {a.Value}"));
}

[CollectionDefinition(nameof(ReliabilityTests), DisableParallelization = true)]
public sealed class ReliabilityTests;
