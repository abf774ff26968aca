using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace Tongguan.Sla.Deadlines.Scheduling.Hangfire;

/// <summary>
/// Keeps a finished deadline job one hour instead of Hangfire's day: long enough to look at on the dashboard, while
/// a busy city (a wake-up per second with deadlines, plus the safety sweeps) does not keep ~90,000 rows a day. The
/// deadline rows, not these jobs, are the record of what fired.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ShortRetentionAttribute : JobFilterAttribute, IApplyStateFilter
{
    internal static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction) =>
        context.JobExpirationTimeout = Retention;

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
