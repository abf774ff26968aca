using Microsoft.Extensions.Options;
using Quartz;

namespace Tongguan.Sla.Deadlines.Scheduling.Quartz;

/// <summary>
/// Carries <see cref="DeadlineSchedulingOptions"/> into Quartz's typed options when Quartz first reads them, so the
/// caller's configuration (made after registration, bound or not) is what Quartz sees. Applies to every options
/// name: the deadline scheduler is the process's only Quartz scheduler.
/// </summary>
internal sealed class QuartzOptionsFromDeadlineOptions(QuartzStore store) :
    IConfigureNamedOptions<QuartzSchedulerOptions>,
    IConfigureNamedOptions<AdoJobStoreOptions>,
    IConfigureNamedOptions<ClusteringOptions>,
    IConfigureNamedOptions<QuartzHostedServiceOptions>
{
    /// <summary>How often a node records it is alive, and how long past a missed check-in the others wait.</summary>
    /// <remarks>Together they bound recovery: a dead node's triggers and interrupted sweep run elsewhere within
    /// about twice this, 10-20 s, at the cost of one small write per node every 5 s.</remarks>
    internal static readonly TimeSpan ClusterCheckinInterval = TimeSpan.FromSeconds(5);

    // Quartz refuses to poll more often than once a second.
    private static readonly TimeSpan ShortestIdleWait = TimeSpan.FromSeconds(1);

    public void Configure(string? name, QuartzSchedulerOptions options)
    {
        options.InstanceName = QuartzStore.SchedulerName;
        options.InstanceId = store.InstanceId;
        options.GenerateInstanceId = false;

        // An idle node looks for triggers other nodes stored this often; its own are seen at once.
        var poll = store.Options.PollInterval;
        options.IdleWaitTime = poll > ShortestIdleWait ? poll : ShortestIdleWait;
    }

    public void Configure(string? name, AdoJobStoreOptions options)
    {
        options.TablePrefix = store.TablePrefix;
        options.UseDbLocks = store.Clustered;
    }

    public void Configure(string? name, ClusteringOptions options)
    {
        options.Enabled = store.Clustered;
        options.CheckinInterval = ClusterCheckinInterval;
        options.CheckinMisfireThreshold = ClusterCheckinInterval;
    }

    public void Configure(string? name, QuartzHostedServiceOptions options) =>
        // A node that does not run sweeps still builds the scheduler, in standby, to store triggers through it.
        options.AutoStart = store.Options.RunSweeps;

    public void Configure(QuartzSchedulerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(AdoJobStoreOptions options) => Configure(Options.DefaultName, options);

    public void Configure(ClusteringOptions options) => Configure(Options.DefaultName, options);

    public void Configure(QuartzHostedServiceOptions options) => Configure(Options.DefaultName, options);
}
