using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tongguan.Sla.Deadlines.Scheduling.Hangfire;
using Tongguan.Sla.Deadlines.Scheduling.Quartz;

namespace Tongguan.Sla.Deadlines.Scheduling;

public static class DeadlineSchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Wakes the deadline sweep (<see cref="SlaServiceCollectionExtensions.AddSlaDeadlines{TContext}"/>) with the
    /// scheduler named by <c>Tongguan:Deadlines:Scheduler</c> (Hangfire by default, or Quartz; read once, here) and
    /// passes the instants of newly saved deadlines to it. <see cref="DeadlineSchedulingOptions"/> are bound from
    /// <see cref="DeadlineSchedulingOptions.SectionName"/> and validated at start; the host fills in the storage.
    /// </summary>
    public static IServiceCollection AddDeadlineScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DeadlineSchedulingOptions>()
            .BindConfiguration(DeadlineSchedulingOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), $"{DeadlineSchedulingOptions.SectionName}:ConnectionString is required (the host fills it from the database settings).")
            .ValidateOnStart();
        services.TryAddSingleton<DeadlineWakeUps>();
        services.AddHostedService<DeadlineWakeUpPump>();
        return SelectedScheduler(configuration) == DeadlineSchedulerKind.Quartz
            ? services.AddQuartzDeadlineScheduler()
            : services.AddHangfireDeadlineScheduler();
    }

    /// <summary>The scheduler this configuration selects (for the host's dashboard and docs).</summary>
    public static DeadlineSchedulerKind SelectedScheduler(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(DeadlineSchedulingOptions.SectionName).GetValue<DeadlineSchedulerKind?>(nameof(DeadlineSchedulingOptions.Scheduler))
            ?? DeadlineSchedulerKind.Hangfire;
    }
}
