using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tongguan.Cases.ReferenceData;

public static partial class ReferenceDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ReferenceDataSnapshot"/> as a singleton loaded from <see cref="ReferenceDataOptions.Folder"/>
    /// (bound from <see cref="ReferenceDataOptions.SectionName"/>), and loads it while the host starts, so that bad
    /// data stops start-up with a message naming the file, the JSON path and the problem.
    /// </summary>
    public static IServiceCollection AddReferenceData(this IServiceCollection services, Action<ReferenceDataOptions>? configure = null)
    {
        var options = services.AddOptions<ReferenceDataOptions>()
            .BindConfiguration(ReferenceDataOptions.SectionName)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => new ReferenceDataContentRoot(
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReferenceDataOptions>, ReferenceDataOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var folder = sp.GetRequiredService<IOptions<ReferenceDataOptions>>().Value
                .ResolveFolder(sp.GetRequiredService<ReferenceDataContentRoot>().Path)
                ?? throw new InvalidOperationException($"No reference data folder; set {ReferenceDataOptions.SectionName}:Folder.");
            var snapshot = ReferenceDataLoader.LoadFolder(folder);
            var logger = sp.GetRequiredService<ILogger<ReferenceDataSnapshot>>();
            LogLoaded(
                logger,
                snapshot.Source, snapshot.Categories.Count, snapshot.OrgUnits.Count, snapshot.GridCells.Count, snapshot.Users.Count, snapshot.RoutingRules.Count);
            return snapshot;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ReferenceDataStartup>());
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reference data loaded from {Folder}: {Categories} categories, {Units} org units, {Cells} grid cells, {Users} users, {Rules} routing rules")]
    private static partial void LogLoaded(ILogger logger, string folder, int categories, int units, int cells, int users, int rules);
}

/// <summary>Loads the snapshot during start-up instead of on the first request that needs it.</summary>
internal sealed class ReferenceDataStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<ReferenceDataSnapshot>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
