using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tongguan.Cases.Dedup;

public static class DedupServiceCollectionExtensions
{
    /// <summary>Registers <see cref="DuplicateDetector"/> (singleton) and <see cref="DedupOptions"/> bound to section "Tongguan:Dedup", validated at start.</summary>
    public static IServiceCollection AddDedup(this IServiceCollection services, Action<DedupOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DedupOptions>()
            .BindConfiguration(DedupOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<DuplicateDetector>();
        return services;
    }
}
