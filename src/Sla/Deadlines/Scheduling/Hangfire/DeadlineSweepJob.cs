using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Tongguan.Sla.Deadlines.Scheduling.Hangfire;

/// <summary>
/// The Hangfire job behind every wake-up and the safety sweep. Hangfire stores only its type and method name, so it
/// must stay public and keep its name and signatures: jobs already in the store refer to them.
/// </summary>
/// <remarks>
/// Retries are few and short: a sweep that fails is repeated a little later, then deleted rather than parked in
/// Hangfire's failed list (which never expires), because the next wake-up or safety sweep catches up anyway and each
/// job is independent, so a failing one never holds back later wake-ups.
/// </remarks>
[Queue(HangfireDeadlineScheduling.Queue)]
[ShortRetention]
public sealed class DeadlineSweepJob(IServiceScopeFactory scopeFactory)
{
    /// <summary>Runs the sweep for a wake-up requested at <paramref name="at"/> (kept for the dashboard).</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 5, 15], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Deadline wake-up at {0:O}")]
    public Task WakeUpAsync(DateTimeOffset at, CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>Runs the periodic safety sweep; a failure is not retried because the next period comes soon.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Deadline safety sweep")]
    public Task SafetySweepAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        // A scope of our own: the sweep's DbContext must not outlive one run, whatever scope Hangfire's activator keeps.
        var scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<IDeadlineSweep>().RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
