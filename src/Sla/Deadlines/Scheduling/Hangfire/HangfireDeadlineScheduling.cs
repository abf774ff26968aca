using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Tongguan.Sla.Deadlines.Scheduling.Hangfire;

public static class HangfireDeadlineScheduling
{
    /// <summary>The Hangfire queue of deadline jobs; this module's servers listen to it alone.</summary>
    public const string Queue = "deadlines";

    /// <summary>The id of the safety sweep's recurring job (as shown on the dashboard).</summary>
    public const string SafetySweepJobId = "deadline-safety-sweep";

    /// <summary>
    /// Registers the Hangfire <see cref="IDeadlineScheduler"/>: Hangfire's services over the storage chosen by
    /// <see cref="DeadlineSchedulingOptions"/> (read when first needed; the caller configures and validates them), a
    /// Hangfire server when <see cref="DeadlineSchedulingOptions.RunSweeps"/>, and the safety sweep's recurring job.
    /// Needs an <see cref="IDeadlineSweep"/> registration (resolved from a new scope per job) and uses the registered
    /// <see cref="TimeProvider"/> (the system clock when none is).
    /// </summary>
    public static IServiceCollection AddHangfireDeadlineScheduler(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Registered before AddHangfire so that its TryAdd keeps these: its defaults read JobStorage.Current and
        // JobActivator.Current, process-wide statics that every host configuring Hangfire overwrites, so several hosts
        // in one process would end up sharing one host's storage or container. JobStorage.Current is left unset on
        // purpose: code using Hangfire's static API fails loudly instead of reaching an arbitrary host's store.
        services.TryAddSingleton<JobStorage>(sp =>
            HangfireJobStorage.Create(sp.GetRequiredService<IOptions<DeadlineSchedulingOptions>>().Value));
        services.TryAddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((_, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        services.TryAddSingleton<IDeadlineScheduler, HangfireDeadlineScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SafetySweepSchedule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DeadlineSweepServer>());
        return services;
    }
}
