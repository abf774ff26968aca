using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>
/// PostgreSQL restarted under load — a fast shutdown, then an immediate one (a crash: recovery from the WAL) — on a
/// cluster of the test's own: the app answers 503 with Retry-After while the database is away (never a 500, never a
/// hang), succeeds again afterwards without anyone touching it, and its background workers (the deadline scheduler,
/// the audit sealer) carry on.
/// </summary>
[Collection(nameof(ReliabilityTests))]
public sealed class DatabaseRestartTests(ITestOutputHelper output) : OwnClusterTests(output)
{
    [Fact]
    public async Task PostgreSqlRestart_Answers503DuringTheOutage_AndTheAppRecoversOnItsOwn()
    {
        var cluster = Cluster;
        var node = await Nodes.StartAsync("node", ReliabilityNodes.Environment(cluster.ConnectionString, "Quartz"));
        await ReliabilityLoad.DeployAsync(node);
        var load = new ReliabilityLoad(() => Nodes.Current, await ReliabilityLoad.PlacesAsync(node));
        using var stop = new CancellationTokenSource();
        var clients = load.RunAsync(clients: 2, stop.Token);

        foreach (var mode in new[] { "fast", "immediate" })
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var down = load.Clock.Elapsed;
            await cluster.RestartAsync(mode);
            var up = load.Clock.Elapsed;

            // The first write acknowledged after the server is back.
            var waiting = Stopwatch.StartNew();
            TimeSpan? firstSuccess = null;
            while (firstSuccess is null && waiting.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(200);
                firstSuccess = load.Log.Where(e => e.At >= up && e.Status is >= 200 and < 300 && e.What is "report" or "start" or "complete")
                    .Select(e => (TimeSpan?)e.At).Min();
            }

            var during = load.Log.Where(e => e.At >= down && e.At <= up).ToList();
            Nodes.Print($"pg_ctl restart -m {mode}: outage {(up - down).TotalSeconds:0.00} s; answers while down: " +
                $"{during.Count(e => e.Status == 503)}× 503, {during.Count(e => e.Status is >= 200 and < 300)}× 2xx, {during.Count(e => e.Status == 0)}× none, " +
                $"{during.Count(e => e.Status == 500)}× 500; first acknowledged write {(firstSuccess - up)?.TotalSeconds:0.00} s after the server was back");
            Assert.True(firstSuccess is not null, $"No write succeeded within 30 s of the restart (-m {mode}).\n{Nodes.Tails()}");
        }

        // Background work after the restarts: instances started now reach their deadlines and fire them.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await clients;
        var until = Stopwatch.StartNew();
        while (await Consistency.PendingDeadlinesAsync(cluster.ConnectionString) is var pending and > 0)
        {
            Assert.True(until.Elapsed < TimeSpan.FromSeconds(60), $"{pending} deadlines still pending 60 s after the restarts.\n{Nodes.Tails()}");
            await Task.Delay(500);
        }

        JsonObject audit;
        var sealing = Stopwatch.StartNew();
        do
        {
            await Task.Delay(500);
            audit = (await node.Client.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;
        }
        while ((long)audit["unsealed"]! > 0 && sealing.Elapsed < TimeSpan.FromSeconds(30));

        var violations = await Consistency.CheckAsync(cluster.ConnectionString, load);
        var slowest = load.Log.Max(e => e.Milliseconds);
        Nodes.Print($"after the restarts: {load.AckedCases.Count} cases, {load.AckedInstances.Count} starts, {load.AckedCompletions.Count} completions acknowledged, none lost; " +
            $"deadlines all fired; audit intact {(bool)audit["intact"]!}, {(long)audit["unsealed"]!} unsealed; slowest answer {slowest:0} ms; answers {KillNineTests.Answers(load)}; violations {violations.Count}");

        Assert.True(load.Count(503) > 0, "No request was answered 503 while the database was away: the outage went unseen.");
        Assert.True(load.Count(500) == 0, $"{load.Count(500)} answers were 500: {string.Join(" | ", load.Errors.Take(3))}");
        // The node stays up throughout: a request without an answer ran into the client's 30 s timeout, i.e. hung.
        Assert.True(load.Count(0) == 0, $"{load.Count(0)} requests got no answer within the client's timeout: the app hung while the database was away.");
        Assert.True(violations.Count == 0, string.Join("; ", violations) + "\n" + Nodes.Tails());
        Assert.True((bool)audit["intact"]! && (long)audit["unsealed"]! == 0, $"The audit sealer did not resume: {audit}");
        Assert.False(node.HasExited, "The node exited while the database restarted.");
    }
}
