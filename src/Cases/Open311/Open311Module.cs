using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Open311.ApiKeys;

namespace Tongguan.Cases.Open311;

/// <summary>The Open311 GeoReport v2 endpoint (<c>/open311/v2/</c>) and the admin API of its api keys.</summary>
public static class Open311Module
{
    public const string BasePath = "/open311/v2";

    public static IServiceCollection AddOpen311(this IServiceCollection services, Action<Open311Options>? configure = null)
    {
        var options = services.AddOptions<Open311Options>()
            .BindConfiguration(Open311Options.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton(sp => new Open311ServiceCatalog(sp.GetRequiredService<ReferenceData.ReferenceDataSnapshot>()));
        services.AddHostedService<Open311Startup>();
        services.AddSingleton<Open311PostLimiter>();
        services.AddScoped<Open311ApiKeyStore>();
        services.AddScoped<PostServiceRequest>();
        services.AddScoped<ServiceRequestQueries>();
        return services;
    }

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpen311ServicesApi();
        endpoints.MapOpen311RequestsApi();
        endpoints.MapOpen311KeysApi();
        return endpoints;
    }
}

/// <summary>Builds the service catalog while the host starts, so that attribute data that do not fit stop the start.</summary>
internal sealed class Open311Startup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<Open311ServiceCatalog>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The rate limit of Open311 POSTs, one fixed one-minute window per api key (System.Threading.RateLimiting, the
/// limiter ASP.NET Core's middleware uses). Applied inside the endpoint because the key is in the form body, which a
/// middleware partitioner cannot read without blocking.
/// </summary>
public sealed class Open311PostLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter;

    public Open311PostLimiter(IOptions<Open311Options> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.PostsPerMinute;
        _limiter = PartitionedRateLimiter.Create<Guid, Guid>(key => RateLimitPartition.GetFixedWindowLimiter(
            key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Takes one permit of the key's window; false when the key has used up this minute's posts.</summary>
    public bool TryAcquire(Guid apiKeyId)
    {
        using var lease = _limiter.AttemptAcquire(apiKeyId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
