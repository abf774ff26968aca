using Quartz;

namespace Tongguan.Sla.Deadlines.Scheduling.Quartz;

/// <summary>
/// The cluster-wide pieces every node relies on: the durable sweep job every wake-up trigger names, and (on nodes
/// that run sweeps) the repeating safety-sweep trigger. Put in place once per process, before the first wake-up.
/// </summary>
internal sealed class DeadlineSweepSchedule(ISchedulerFactory schedulers, QuartzStore store, TimeProvider time) : IDisposable, IAsyncDisposable
{
    public static readonly TriggerKey SafetySweepKey = new("safety-sweep", "tongguan-deadlines");

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IScheduler? _scheduler;
    private IScheduler? _built;

    /// <summary>The scheduler, with the sweep job stored (and the safety sweep when this node runs sweeps).</summary>
    public async Task<IScheduler> GetSchedulerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _scheduler) is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_scheduler is { } raced)
            {
                return raced;
            }

            await store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
            _built = scheduler;
            await StoreSweepJobAsync(scheduler, cancellationToken).ConfigureAwait(false);
            if (store.Options.RunSweeps)
            {
                await ScheduleSafetySweepAsync(scheduler, store.Options.SafetySweepInterval, cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref _scheduler, scheduler);
            return scheduler;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Shuts the scheduler down with the container. Quartz's hosted service does so when the host stops, but a host
    /// disposed without stopping would otherwise leave a scheduler running that still takes the cluster's triggers
    /// and then fails every job on a disposed container.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _built, null) is { } scheduler)
        {
            try
            {
                await scheduler.Shutdown(false, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The job store's last cluster check-in may ask the (already disposed) container for the scheduler
                // to signal. By then the scheduling loop and the thread pool have stopped, which is what matters.
            }
        }

        _gate.Dispose();
    }

    public void Dispose()
    {
        // Only a synchronous container disposal lands here; the shutdown has no synchronous form.
        DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static async Task StoreSweepJobAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        // Durable: the job stays stored between wake-ups, when it has no trigger. Recovery: a sweep cut short by a
        // dead node is run again by the node that takes over its work.
        var job = JobBuilder.Create<DeadlineSweepJob>()
            .WithIdentity(DeadlineSweepJob.Key)
            .WithDescription("Fires the deadlines in sla_deadlines that are due.")
            .StoreDurably(true)
            .RequestRecovery(true)
            .Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
    }

    private async Task ScheduleSafetySweepAsync(IScheduler scheduler, TimeSpan interval, CancellationToken cancellationToken)
    {
        // One trigger for the whole cluster, so one node sweeps per interval however many run. Left alone when it
        // already repeats at this interval, so that a node joining does not restart the cluster's rhythm.
        var existing = await scheduler.GetTrigger(SafetySweepKey, cancellationToken).ConfigureAwait(false);
        if (existing is ISimpleTrigger { RepeatInterval: var stored } && stored == interval)
        {
            return;
        }

        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(SafetySweepKey)
            .WithDescription("Safety sweep: catches wake-ups lost to a crash between a commit and its scheduling.")
            .ForJob(DeadlineSweepJob.Key)
            .StartAt(time.GetUtcNow() + interval)
            .WithSchedule(SimpleScheduleBuilder.Create()
                .WithInterval(interval)
                .RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
            .Build();
        await scheduler.ScheduleTrigger(trigger, existing is null ? TriggerConflict.Keep : TriggerConflict.Replace, cancellationToken)
            .ConfigureAwait(false);
    }
}
