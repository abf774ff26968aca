namespace Tongguan.Sla.Deadlines.Scheduling;

/// <summary>
/// A durable, clustered alarm clock for the deadline sweep. Deadline rows in <c>sla_deadlines</c> are the truth; the
/// scheduler only decides when some node runs <see cref="IDeadlineSweep"/>, which fires whatever is due exactly once.
/// Implementations: Hangfire (default) and Quartz.NET, over the application's database (SQLite, PostgreSQL, SQL Server).
/// </summary>
/// <remarks>
/// A scheduler must (1) run the sweep at, or within its polling interval after, every requested instant, on one node
/// of the cluster, even when the node that asked has died since; (2) run the sweep every
/// <see cref="DeadlineSchedulingOptions.SafetySweepInterval"/> on one node, so that a wake-up lost between a commit and
/// <see cref="ScheduleWakeUpAsync"/> (a node killed in between) or a sweep interrupted by a crash is caught up.
/// Running the sweep more often than needed is harmless: it claims rows, so a second run finds nothing.
/// </remarks>
public interface IDeadlineScheduler
{
    /// <summary>
    /// Makes sure a sweep runs at <paramref name="at"/> (or at once when it has passed). Durable once the returned task
    /// completes. Several requests for the same instant may be coalesced into one wake-up.
    /// </summary>
    Task ScheduleWakeUpAsync(DateTimeOffset at, CancellationToken cancellationToken);
}
