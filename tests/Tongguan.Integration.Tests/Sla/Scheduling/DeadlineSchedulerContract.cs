using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongguan.Sla.Deadlines.Scheduling;

namespace Tongguan.Integration.Tests.Sla.Scheduling;

/// <summary>
/// What every <see cref="IDeadlineScheduler"/> must do, run against the real scheduler library over a real store.
/// A derived class names the scheduler (<see cref="AddScheduler"/>) and the store (its class fixture).
/// The sweep is a recorder: these tests are about when and how often the scheduler wakes it, not what it fires.
/// </summary>
public abstract class DeadlineSchedulerContract<TStore>(TStore store) : IClassFixture<TStore>, IAsyncLifetime
    where TStore : SchedulerStore
{
    // Wall-clock waits: the scheduler libraries run on real time. Generous so a busy 2-core CI machine passes.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected TStore Store { get; } = store;

    /// <summary>
    /// Hangfire runs an hourly safety sweep at the top of the hour (cron), which would count as a wake-up's run in a
    /// test that spans it: every test starts clear of the hour (each takes well under a minute).
    /// </summary>
    public async Task InitializeAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var toHour = TimeSpan.FromHours(1) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerHour);
        if (toHour < TimeSpan.FromSeconds(75))
        {
            await Task.Delay(toHour + TimeSpan.FromSeconds(3));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Registers the scheduler under test (its <c>Add…DeadlineScheduler()</c>).</summary>
    protected abstract void AddScheduler(IServiceCollection services);

    [Fact]
    public async Task WakeUp_RunsTheSweep_NotBeforeTheRequestedInstant()
    {
        var sweep = new RecordingSweep();
        using var node = await StartNodeAsync(sweep, "a");
        var at = TimeProvider.System.GetUtcNow().AddSeconds(3);

        await node.Services.GetRequiredService<IDeadlineScheduler>().ScheduleWakeUpAsync(at, CancellationToken.None);

        var run = await sweep.WaitForRunAsync(Patience);
        Assert.True(run >= at.AddMilliseconds(-50), $"The sweep ran at {run:O}, before the requested {at:O}.");
    }

    [Fact]
    public async Task WakeUp_InThePast_RunsTheSweepPromptly()
    {
        var sweep = new RecordingSweep();
        using var node = await StartNodeAsync(sweep, "a");
        var asked = TimeProvider.System.GetUtcNow();

        await node.Services.GetRequiredService<IDeadlineScheduler>().ScheduleWakeUpAsync(asked.AddMinutes(-5), CancellationToken.None);

        var run = await sweep.WaitForRunAsync(Patience);
        Assert.True(run - asked < TimeSpan.FromSeconds(10), $"A past wake-up ran {(run - asked).TotalSeconds:0.0} s after it was asked for.");
    }

    [Fact]
    public async Task WakeUp_SurvivesTheNodeThatAskedForIt()
    {
        var sweep = new RecordingSweep();
        var at = TimeProvider.System.GetUtcNow().AddSeconds(4);
        using (var asking = await StartNodeAsync(new RecordingSweep(), "asking", runSweeps: false))
        {
            await asking.Services.GetRequiredService<IDeadlineScheduler>().ScheduleWakeUpAsync(at, CancellationToken.None);
            await asking.StopAsync();
        }

        using var other = await StartNodeAsync(sweep, "other");

        var run = await sweep.WaitForRunAsync(Patience);
        Assert.True(run >= at.AddMilliseconds(-50));
    }

    [Fact]
    public async Task WakeUp_RunsOnOneNodeOnly_WhenSeveralShareTheStore()
    {
        var sweep = new RecordingSweep();
        using var first = await StartNodeAsync(sweep, "first");
        using var second = await StartNodeAsync(sweep, "second");
        using var third = await StartNodeAsync(sweep, "third");
        var at = TimeProvider.System.GetUtcNow().AddSeconds(2);

        await first.Services.GetRequiredService<IDeadlineScheduler>().ScheduleWakeUpAsync(at, CancellationToken.None);
        await sweep.WaitForRunAsync(Patience);

        // Long enough for a second node to have run the same wake-up, had the scheduler let it.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Single(sweep.Runs);
    }

    [Fact]
    public async Task SafetySweep_RunsRepeatedly_WithoutAnyWakeUp()
    {
        var sweep = new RecordingSweep();
        using var node = await StartNodeAsync(sweep, "a", safetySweepInterval: TimeSpan.FromSeconds(2));

        await sweep.WaitForRunsAsync(3, Patience + TimeSpan.FromSeconds(10));

        Assert.True(sweep.Runs.Count >= 3);
    }

    [Fact]
    public async Task Sweep_ThatThrows_DoesNotStopLaterWakeUps()
    {
        var sweep = new RecordingSweep { FailFirstRun = true };
        using var node = await StartNodeAsync(sweep, "a");
        var scheduler = node.Services.GetRequiredService<IDeadlineScheduler>();

        await scheduler.ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);
        await sweep.WaitForRunsAsync(1, Patience);
        await scheduler.ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow().AddSeconds(1), CancellationToken.None);

        await sweep.WaitForRunsAsync(2, Patience);
        Assert.True(sweep.Runs.Count >= 2);
    }

    /// <summary>
    /// One app node: a generic host with the scheduler over <see cref="Store"/>. The safety sweep is an hour apart
    /// unless a test asks otherwise, so that only wake-ups run the sweep.
    /// </summary>
    protected async Task<IHost> StartNodeAsync(
        IDeadlineSweep sweep, string nodeName, bool runSweeps = true, TimeSpan? safetySweepInterval = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<DeadlineSchedulingOptions>().Configure(o =>
        {
            o.Storage = Store.Storage;
            o.ConnectionString = Store.ConnectionString;
            o.NodeName = $"{nodeName}-{Guid.NewGuid():N}";
            o.RunSweeps = runSweeps;
            o.PollInterval = TimeSpan.FromMilliseconds(250);
            o.SafetySweepInterval = safetySweepInterval ?? TimeSpan.FromHours(1);
        });
        builder.Services.AddScoped(_ => sweep);
        AddScheduler(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

/// <summary>Records when the scheduler ran the sweep (shared by all nodes of a test, like a database would be).</summary>
public sealed class RecordingSweep : IDeadlineSweep
{
    private readonly ConcurrentQueue<DateTimeOffset> _runs = new();
    private int _calls;

    public bool FailFirstRun { get; init; }

    public IReadOnlyCollection<DateTimeOffset> Runs => _runs;

    public Task<DeadlineSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        _runs.Enqueue(TimeProvider.System.GetUtcNow());
        if (Interlocked.Increment(ref _calls) == 1 && FailFirstRun)
        {
            throw new InvalidOperationException("The first sweep fails on purpose.");
        }

        return Task.FromResult(DeadlineSweepResult.None);
    }

    public async Task<DateTimeOffset> WaitForRunAsync(TimeSpan patience)
    {
        await WaitForRunsAsync(1, patience);
        return _runs.First();
    }

    public async Task WaitForRunsAsync(int count, TimeSpan patience)
    {
        var until = TimeProvider.System.GetUtcNow() + patience;
        while (_runs.Count < count)
        {
            if (TimeProvider.System.GetUtcNow() > until)
            {
                throw new TimeoutException($"The sweep ran {_runs.Count} time(s) in {patience.TotalSeconds:0} s; expected {count}.");
            }

            await Task.Delay(100);
        }
    }
}
