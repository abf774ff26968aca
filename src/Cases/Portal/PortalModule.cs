using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Intake;

namespace Tongguan.Cases.Portal;

/// <summary>Settings of the citizen portal's public API (section <c>Tongguan:Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Tongguan:Portal";

    /// <summary>Reports one client address may submit per minute; more are answered 429. 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int ReportsPerMinute { get; set; } = 5;

    /// <summary>
    /// Look-ups (progress, rating, the category list) one client address may make per minute. Small enough that guessing
    /// a tracking code (50 random bits) by trying is hopeless.
    /// </summary>
    [Range(0, 100_000)]
    public int LookupsPerMinute { get; set; } = 60;
}

/// <summary>
/// The citizen portal (市民门户): anonymous endpoints under <c>/api/portal</c> to report a problem, follow it with the
/// case number and the private tracking code, and rate the result. Its pages live in <c>UI/Portal</c>.
/// </summary>
public static class PortalModule
{
    public const string BasePath = "/api/portal";

    public static IServiceCollection AddPortal(this IServiceCollection services, Action<PortalOptions>? configure = null)
    {
        var options = services.AddOptions<PortalOptions>()
            .BindConfiguration(PortalOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<IntakeRateLimiter>();
        services.AddSingleton<PortalLimiter>();
        services.AddScoped<CitizenCases>();
        services.AddScoped<SubmitPortalReport>();
        services.AddScoped<RateCase>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPortalApi();
        return endpoints;
    }
}

/// <summary>
/// The portal's rate limits: intake's one limiter (<see cref="IntakeRateLimiter"/>), partitioned by the client's
/// address, as there is no account to count by. Behind a reverse proxy the address is the proxy's unless the host is
/// configured with forwarded headers (docs/citizens/portal.md).
/// </summary>
public sealed class PortalLimiter(IntakeRateLimiter limiter, IOptions<PortalOptions> options)
{
    public bool TryReport(HttpContext context) => limiter.TryAcquire("portal-report:" + Client(context), options.Value.ReportsPerMinute);

    public bool TryLookup(HttpContext context) => limiter.TryAcquire("portal-lookup:" + Client(context), options.Value.LookupsPerMinute);

    /// <summary>The 429 problem with Retry-After, worded for the limit that was hit.</summary>
    public static ProblemHttpResult TooMany(HttpContext context, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = "60";
        return TypedResults.Problem(
            $"Too many {what} from this address this minute; try again in a minute. 操作过于频繁，请一分钟后再试。",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
