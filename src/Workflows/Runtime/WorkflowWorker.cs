using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tongguan.Workflows.Runtime;

/// <summary>
/// Polls for due timers and jobs every <see cref="WorkflowWorkerOptions.PollInterval"/>, one scope per poll.
/// Safe to run on several nodes sharing one database: timers fire once (instance revision) and jobs are
/// locked before they run.
/// </summary>
public sealed partial class WorkflowWorker : BackgroundService
{
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly TimeProvider _timeProvider;
    private readonly WorkflowWorkerOptions _options;
    private readonly ILogger<WorkflowWorker> _logger;

    public WorkflowWorker(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, IOptions<WorkflowOptions> options, ILogger<WorkflowWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopeFactory = scopeFactory;
        _timeProvider = timeProvider;
        _options = options.Value.Worker;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.PollInterval, _timeProvider);
        do
        {
            await PollOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Fires due timers, then runs due jobs.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var scope = _scopeFactory.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
                var fired = await runtime.FireDueTimersAsync(_timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                var ran = await runtime.RunDueJobsAsync(cancellationToken).ConfigureAwait(false);
                if (fired + ran > 0)
                {
                    LogPolled(fired, ran);
                }
            }
        }
#pragma warning disable CA1031 // A failed poll (database briefly unreachable) must not kill the worker; the next poll retries.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogPollFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Workflow worker fired {Timers} timers and ran {Jobs} jobs")]
    private partial void LogPolled(int timers, int jobs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow worker poll failed")]
    private partial void LogPollFailed(Exception exception);
}
