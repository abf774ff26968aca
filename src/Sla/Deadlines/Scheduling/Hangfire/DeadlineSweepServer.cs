using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Tongguan.Sla.Deadlines.Scheduling.Hangfire;

/// <summary>
/// This node's Hangfire server, started only when <see cref="DeadlineSchedulingOptions.RunSweeps"/> (known only once
/// the options are built, hence not <c>AddHangfireServer</c>, which always starts one).
/// </summary>
/// <remarks>
/// The server gets this host's storage, activator and filters explicitly, so several hosts in one process (tests, or
/// an app hosting two modules) never run each other's jobs through Hangfire's process-wide defaults. A few workers
/// suffice: wake-ups are coalesced per second and a sweep is one database round of claims.
/// </remarks>
internal sealed class DeadlineSweepServer(IServiceProvider services, IOptions<DeadlineSchedulingOptions> options)
    : IHostedService, IDisposable
{
    internal const int WorkerCount = 2;

    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.RunSweeps)
        {
            return Task.CompletedTask;
        }

        // Applies the serializer settings of AddHangfire's callback before the first job is read.
        services.GetRequiredService<IGlobalConfiguration>();
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = settings.NodeName ?? $"{Environment.MachineName}:{Environment.ProcessId}",
                WorkerCount = WorkerCount,
                Queues = [HangfireDeadlineScheduling.Queue],
                SchedulePollingInterval = settings.PollInterval,
                Activator = services.GetRequiredService<JobActivator>(),
                FilterProvider = services.GetRequiredService<IJobFilterProvider>(),
                TimeZoneResolver = services.GetRequiredService<ITimeZoneResolver>(),
            },
            services.GetRequiredService<JobStorage>());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        _server.SendStop();
        await _server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _server?.Dispose();
}
