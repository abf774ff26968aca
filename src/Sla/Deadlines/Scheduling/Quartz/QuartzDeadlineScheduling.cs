// Quartz.NET (https://www.quartz-scheduler.net/) is Copyright Marko Lahma and contributors, Apache License 2.0.
// Tongguan uses it as a package; its tables are created by Quartz's own schema provisioning.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Tongguan.Sla.Deadlines.Scheduling.Quartz;

public static class QuartzDeadlineScheduling
{
    /// <summary>
    /// Registers <see cref="IDeadlineScheduler"/> on Quartz.NET: an ADO.NET job store, clustered on PostgreSQL and
    /// SQL Server (Quartz refuses to cluster on SQLite, the embedded one-node set-up), in the database
    /// <see cref="DeadlineSchedulingOptions"/> names (<see cref="DeadlineSchedulingOptions.Storage"/>,
    /// <see cref="DeadlineSchedulingOptions.ConnectionString"/>, <see cref="DeadlineSchedulingOptions.Schema"/>),
    /// whose tables are created at start when missing. The options are read when the scheduler is first built, so
    /// configure them (e.g. <c>AddOptions&lt;DeadlineSchedulingOptions&gt;().BindConfiguration(...)</c>) before or
    /// after this call. The scheduler runs sweeps only when <see cref="DeadlineSchedulingOptions.RunSweeps"/>;
    /// otherwise it only stores wake-ups for the other nodes. The host must reference the ADO.NET driver of its
    /// storage (Microsoft.Data.Sqlite, Npgsql or Microsoft.Data.SqlClient) and register <see cref="IDeadlineSweep"/>.
    /// </summary>
    public static IServiceCollection AddQuartzDeadlineScheduler(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(QuartzStore)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<QuartzStore>();
        services.TryAddSingleton<DeadlineSweepSchedule>();
        services.TryAddSingleton<IDeadlineScheduler, QuartzDeadlineScheduler>();
        services.TryAddSingleton<QuartzOptionsFromDeadlineOptions>();

        // Ahead of Quartz's hosted service: the database schema must exist before Quartz creates its tables in it.
        services.AddHostedService<QuartzDeadlineStartup>();

        services.AddQuartz(quartz =>
        {
            quartz.AddJobType<DeadlineSweepJob>();
            quartz.UsePersistentStore(store =>
            {
                store.UseConnectionProvider(sp => sp.GetRequiredService<QuartzStore>().CreateConnectionProvider());
                store.UseDriverDelegate(sp => sp.GetRequiredService<QuartzStore>().CreateDriverDelegate());
                store.ProvisionSchema();
                store.ConfigureStore(options =>
                {
                    // A trigger this late is handed to the misfire handler ("fire now") rather than acquired as
                    // usual; short, so triggers recovered from a dead node do not wait a minute for it.
                    options.MisfireThreshold = TimeSpan.FromSeconds(5);
                    options.MisfireHandlerFrequency = TimeSpan.FromSeconds(5);
                });
            });
        });

        services.AddSingleton<IConfigureOptions<QuartzSchedulerOptions>>(sp => sp.GetRequiredService<QuartzOptionsFromDeadlineOptions>());
        services.AddSingleton<IConfigureOptions<ClusteringOptions>>(sp => sp.GetRequiredService<QuartzOptionsFromDeadlineOptions>());
        services.AddSingleton<IConfigureOptions<AdoJobStoreOptions>>(sp => sp.GetRequiredService<QuartzOptionsFromDeadlineOptions>());
        services.AddSingleton<IConfigureOptions<QuartzHostedServiceOptions>>(sp => sp.GetRequiredService<QuartzOptionsFromDeadlineOptions>());

        services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;

            // Start the scheduler inside the host's start rather than after it in the background, so that a host
            // stopped or disposed right after starting never races a scheduler still starting up.
            options.AwaitApplicationStarted = false;
        });
        return services;
    }
}
