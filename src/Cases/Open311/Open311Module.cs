using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Intake;
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
        services.TryAddSingleton<IntakeRateLimiter>();
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
/// The rate limit of Open311 POSTs: intake's one limiter (<see cref="IntakeRateLimiter"/>, shared with every other
/// channel), partitioned by api key with <see cref="Open311Options.PostsPerMinute"/>. Applied inside the endpoint
/// because the key is in the form body, which a middleware partitioner cannot read without blocking.
/// </summary>
public sealed class Open311PostLimiter(IntakeRateLimiter limiter, IOptions<Open311Options> options)
{
    /// <summary>Takes one permit of the key's window; false when the key has used up this minute's posts.</summary>
    public bool TryAcquire(Guid apiKeyId) => limiter.TryAcquire($"open311:{apiKeyId:N}", options.Value.PostsPerMinute);
}
