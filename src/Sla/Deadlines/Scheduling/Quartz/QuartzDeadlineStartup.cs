using Microsoft.Extensions.Hosting;

namespace Tongguan.Sla.Deadlines.Scheduling.Quartz;

/// <summary>
/// Prepares the store before Quartz's own hosted service builds the scheduler (registered ahead of it): the database
/// schema the tables go in, then the sweep job and the safety sweep. A node that fails here fails to start, rather
/// than starting without a safety sweep.
/// </summary>
internal sealed class QuartzDeadlineStartup(QuartzStore store, DeadlineSweepSchedule schedule) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => store.EnsureSchemaAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => schedule.GetSchedulerAsync(cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
