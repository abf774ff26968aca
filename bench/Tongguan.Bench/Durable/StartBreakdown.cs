using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Bench.Processes;
using Tongguan.Workflows.EntityFrameworkCore;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Bench.Durable;

/// <summary>One phase of a durable start, averaged over the sequential calls of <see cref="StartBreakdown"/>.</summary>
/// <param name="Phase">What was measured.</param>
/// <param name="WallMicroseconds">Elapsed time per call.</param>
/// <param name="CpuMicroseconds">Bench process CPU per call.</param>
/// <param name="AllocatedKilobytes">Managed allocations per call.</param>
/// <param name="PartOfStart">False for a phase shown for comparison that a start no longer runs (not subtracted from the whole).</param>
public sealed record BreakdownPhase(string Phase, double WallMicroseconds, double CpuMicroseconds, double AllocatedKilobytes, bool PartOfStart = true);

public sealed record BreakdownResult(string Database, int Calls, IReadOnlyList<BreakdownPhase> Phases);

/// <summary>
/// The <c>breakdown</c> command: a stopwatch breakdown of one durable start, one client, calls one after another (no
/// contention), each phase repeated on its own: DI scope and DbContext, the definition query, the executor, the state
/// serialiser, and the whole <see cref="WorkflowRuntime.StartAsync(string, string?, System.Text.Json.Nodes.JsonObject?, Actor, CancellationToken)"/>.
/// What the whole call costs beyond the parts measured is the store's SaveChanges (index rows, journal, commands, commit).
/// </summary>
public static class StartBreakdown
{
    private static readonly Actor Client = new("bench-client", "Load driver");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var calls = args.Count("calls", 2000);
        await using var database = args.Required("provider").ToLowerInvariant() switch
        {
            "sqlite" => (BenchDatabase)new SqliteBenchDatabase(args.Value("connection")),
            "postgresql" => new PostgresBenchDatabase(args.Required("connection")),
            _ => throw new ArgumentException("--provider is sqlite or postgresql."),
        };
        await database.CreateAsync(cancellationToken).ConfigureAwait(false);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        var pooled = !args.Has("plain-context");
        if (pooled)
        {
            services.AddDbContextPool<BenchDbContext>(database.Configure);
        }
        else
        {
            services.AddDbContext<BenchDbContext>(database.Configure);
        }

        services.AddTongguanWorkflows(o => o.Worker.Enabled = false);
        services.AddWorkflowsEntityFrameworkCore<BenchDbContext>();
        await using var provider = services.BuildServiceProvider();

        string described;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            described = await database.DescribeAsync(db, cancellationToken).ConfigureAwait(false);
            await scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>()
                .PublishAsync(BenchProcesses.Xml(BenchProcesses.HandleCase), Client, cancellationToken).ConfigureAwait(false);
        }

        var executor = provider.GetRequiredService<WorkflowExecutor>();
        var latest = provider.GetRequiredService<LatestDefinitionCache>();
        var models = provider.GetRequiredService<ProcessModelCache>();
        var model = BenchProcesses.Model(BenchProcesses.HandleCase);
        var sample = new InstanceState { Id = Guid.NewGuid(), DefinitionKey = model.Id, DefinitionVersion = 1, BusinessKey = "bench" };
        await executor.StartAsync(model, sample, null, Client, cancellationToken: cancellationToken).ConfigureAwait(false);

        var sequence = 0;
        var phases = new List<BreakdownPhase>();
        for (var round = 0; round < 2; round++)
        {
            // Round 0 warms every path up; only round 1 is kept.
            phases.Clear();
            phases.Add(await MeasureAsync("DI scope + DbContext + WorkflowRuntime (resolve and dispose)", calls, async () =>
            {
                await using var scope = provider.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            }).ConfigureAwait(false));
            phases.Add(await MeasureAsync("Latest definition, as StartAsync finds it (LatestDefinitionCache; a query once its entry expires)", calls, async () =>
            {
                if (latest.TryGet("benchHandleCase", out var head) && models.TryGet(head.Id, out _))
                {
                    return;
                }

                var generation = latest.Generation;
                await using var scope = provider.CreateAsyncScope();
                var found = await scope.ServiceProvider.GetRequiredService<IWorkflowStore>()
                    .GetDefinitionAsync("benchHandleCase", null, cancellationToken).ConfigureAwait(false);
                latest.Remember(found!, generation);
            }).ConfigureAwait(false));
            phases.Add((await MeasureAsync("Not in a start any more, for comparison: definition query (IWorkflowStore.GetDefinitionAsync by key, latest), run on a cache miss", calls, async () =>
            {
                await using var scope = provider.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IWorkflowStore>();
                _ = await store.GetDefinitionAsync("benchHandleCase", null, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false)) with { PartOfStart = false });
            phases.Add(await MeasureAsync("WorkflowExecutor.StartAsync (in memory)", calls, async () =>
            {
                var state = new InstanceState { Id = Guid.NewGuid(), DefinitionKey = model.Id, DefinitionVersion = 1, BusinessKey = "bench" };
                await executor.StartAsync(model, state, null, Client, cancellationToken: cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false));
            phases.Add(await MeasureAsync("InstanceStateSerializer.Serialize (state JSON)", calls, () =>
            {
                _ = InstanceStateSerializer.Serialize(sample);
                return Task.CompletedTask;
            }).ConfigureAwait(false));
            phases.Add(await MeasureAsync("Whole WorkflowRuntime.StartAsync, in its own scope", calls, async () =>
            {
                await using var scope = provider.CreateAsyncScope();
                var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
                await runtime.StartAsync("benchHandleCase", $"bench-{sequence++}", null, Client, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false));
        }

        var whole = phases[^1];
        var parts = phases.Take(phases.Count - 1).Where(p => p.PartOfStart).ToList();
        phases.Insert(phases.Count - 1, new BreakdownPhase(
            "Rest: SaveChanges of instance, task, candidates, journal rows + COMMIT (whole − parts)",
            whole.WallMicroseconds - parts.Sum(p => p.WallMicroseconds),
            whole.CpuMicroseconds - parts.Sum(p => p.CpuMicroseconds),
            whole.AllocatedKilobytes - parts.Sum(p => p.AllocatedKilobytes)));

        var result = new BreakdownResult(described + (pooled ? "" : ", plain DbContext"), calls, phases);
        var json = JsonSerializer.Serialize(result, Json);
        Console.WriteLine(json);
        if (args.Value("out") is { } path)
        {
            await File.WriteAllTextAsync(path, json, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<BreakdownPhase> MeasureAsync(string phase, int calls, Func<Task> call)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        var wall = clock.Elapsed;
        process.Refresh();
        return new BreakdownPhase(
            phase,
            wall.TotalMicroseconds / calls,
            (process.TotalProcessorTime - cpu).TotalMicroseconds / calls,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / calls);
    }
}
