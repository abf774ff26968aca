using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tongguan.Cases.Persistence;

namespace Tongguan.Cases.Hosting;

/// <summary>
/// Two probes for a load balancer or an orchestrator in front of several nodes: <c>/health/live</c> (the process
/// answers HTTP; restart it if not) and <c>/health/ready</c> (it can reach its database; send it work only then).
/// </summary>
/// <remarks>
/// Anonymous, because probes carry no credentials; so the answer is the status word only (Healthy, Unhealthy), never
/// the exception, the connection string or the server's version. A database that does not answer within
/// <see cref="DatabaseTimeout"/> counts as unreachable: a probe must answer in time for the balancer to act on it.
/// </remarks>
internal static class Health
{
    public const string LivePath = "/health/live";

    public const string ReadyPath = "/health/ready";

    private const string DatabaseTag = "database";

    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddTongguanHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [DatabaseTag], DatabaseTimeout);
        return services;
    }

    public static WebApplication MapTongguanHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false })
            .WithName("HealthLive").AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(DatabaseTag) })
            .WithName("HealthReady").AllowAnonymous().DisableHttpMetrics();
        return app;
    }

    /// <summary>One round trip to the application's database through its own context and provider.</summary>
    private sealed class DatabaseHealthCheck(TongguanDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
    }
}
