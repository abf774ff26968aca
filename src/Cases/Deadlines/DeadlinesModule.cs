using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Persistence;
using Tongguan.Designer;
using Tongguan.Sla;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Sla.TimeLimits;

namespace Tongguan.Cases.Deadlines;

/// <summary>Deadlines in the host: the calendar, the deadline rows, the scheduler that fires them, their API and dashboard.</summary>
public static class DeadlinesModule
{
    /// <summary>Who may open the Hangfire dashboard (<c>Tongguan:Deadlines:DashboardAdmins</c>).</summary>
    public const string DashboardAdminsKey = DeadlineSchedulingOptions.SectionName + ":DashboardAdmins";

    public const string DashboardPath = "/admin/jobs";

    public static WebApplicationBuilder AddDeadlines(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSla();
        builder.Services.AddSingleton<ITimeLimitPolicy, CategoryTimeLimits>();
        builder.Services.AddSlaDeadlines<TongguanDbContext>();
        builder.Services.AddDeadlineScheduling(builder.Configuration);
        builder.Services.AddSingleton<IPostConfigureOptions<DeadlineSchedulingOptions>, SchedulerStorageDefaults>();
        return builder;
    }

    public static WebApplication MapDeadlines(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDeadlinesApi();
        if (DeadlineSchedulingServiceCollectionExtensions.SelectedScheduler(app.Configuration) == DeadlineSchedulerKind.Hangfire)
        {
            var admins = app.Configuration.GetSection(DashboardAdminsKey).Get<string[]>() ?? ["admin"];
            app.UseHangfireDashboard(
                DashboardPath,
                new DashboardOptions
                {
                    Authorization = [new DashboardAdmins(admins)],
                    DashboardTitle = "Tongguan deadline jobs",
                    AppPath = "/",
                    DisplayStorageConnectionString = false,
                },
                app.Services.GetRequiredService<JobStorage>());
        }

        return app;
    }
}

/// <summary>
/// Only the configured administrators see the job dashboard: the signed-in user (<see cref="RequestActor"/>, cookie or
/// bearer token), like everywhere else in the API.
/// </summary>
internal sealed class DashboardAdmins(IReadOnlyCollection<string> admins) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        admins.Contains(context.GetHttpContext().GetActor().Id, StringComparer.Ordinal);
}

/// <summary>
/// The scheduler keeps its jobs in the application's database unless told otherwise: the same PostgreSQL or SQL
/// Server database (in its own schema), or, for the embedded SQLite default, a file beside the main one — SQLite has
/// a single writer, and the scheduler's polling would otherwise queue behind the engine's transactions.
/// </summary>
internal sealed class SchedulerStorageDefaults(IOptions<DatabaseOptions> database, IConfiguration configuration) : IPostConfigureOptions<DeadlineSchedulingOptions>
{
    public void PostConfigure(string? name, DeadlineSchedulingOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return;
        }

        var db = database.Value;
        options.Storage = db.Provider switch
        {
            DatabaseProvider.PostgreSql => SchedulerStorage.PostgreSql,
            DatabaseProvider.SqlServer => SchedulerStorage.SqlServer,
            _ => SchedulerStorage.Sqlite,
        };
        if (options.Storage != SchedulerStorage.Sqlite)
        {
            options.ConnectionString = db.ConnectionString;
            return;
        }

        var main = new SqliteConnectionStringBuilder(db.ConnectionString);
        var kind = DeadlineSchedulingServiceCollectionExtensions.SelectedScheduler(configuration).ToString().ToLowerInvariant();
        var folder = Path.GetDirectoryName(Path.GetFullPath(main.DataSource)) ?? ".";
        options.ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(main.DataSource)}-{kind}.db"),
            DefaultTimeout = main.DefaultTimeout,
        }.ToString();
    }
}
