using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tongguan.Sla.Deadlines.Scheduling;

/// <summary>
/// Wake-ups asked for by deadlines that were just saved, handed to the <see cref="IDeadlineScheduler"/> off the
/// request path. Losing one (the node dies before it reaches the scheduler) delays that deadline by at most the
/// safety sweep interval; it never loses the deadline, whose row is already committed.
/// </summary>
public sealed class DeadlineWakeUps
{
    private readonly Channel<DateTimeOffset> _requests = Channel.CreateUnbounded<DateTimeOffset>(
        new UnboundedChannelOptions { SingleReader = true });

    public void Request(IEnumerable<DateTimeOffset> instants)
    {
        ArgumentNullException.ThrowIfNull(instants);
        foreach (var instant in instants)
        {
            _requests.Writer.TryWrite(instant);
        }
    }

    internal ChannelReader<DateTimeOffset> Reader => _requests.Reader;
}

/// <summary>Passes requested wake-ups to the scheduler, one per second of wall time however many deadlines share it.</summary>
internal sealed partial class DeadlineWakeUpPump(
    DeadlineWakeUps wakeUps, IDeadlineScheduler scheduler, TimeProvider timeProvider, ILogger<DeadlineWakeUpPump> logger)
    : BackgroundService
{
    // Seconds already scheduled by this node; pruned once they have passed.
    private readonly HashSet<DateTimeOffset> _scheduled = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var instant in wakeUps.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await ScheduleAsync(instant, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the safety sweep covers whatever was still queued.
        }
    }

    private async Task ScheduleAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var second = WakeUpSecond.Ceiling(instant);
        var now = timeProvider.GetUtcNow();
        if (_scheduled.Count > 10_000)
        {
            _scheduled.RemoveWhere(s => s < now);
        }

        // A second that has come already may have been swept before this deadline was saved: never coalesce it.
        if (second > now && !_scheduled.Add(second))
        {
            return;
        }

        try
        {
            await scheduler.ScheduleWakeUpAsync(second, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _scheduled.Remove(second);
            LogScheduleFailed(ex, instant);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not schedule the deadline wake-up at {Instant}; the safety sweep will fire it")]
    private partial void LogScheduleFailed(Exception exception, DateTimeOffset instant);
}
