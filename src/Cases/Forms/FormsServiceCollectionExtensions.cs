using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Forms;

public static partial class FormsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FormCatalog"/> as a singleton loaded from <see cref="FormsOptions.Folder"/> (bound from
    /// <see cref="FormsOptions.SectionName"/>), and loads it while the host starts, so that a bad form file stops
    /// start-up with a message naming the file, the JSON path and the problem.
    /// </summary>
    public static IServiceCollection AddForms(this IServiceCollection services, Action<FormsOptions>? configure = null)
    {
        var options = services.AddOptions<FormsOptions>()
            .BindConfiguration(FormsOptions.SectionName)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => new FormsContentRoot(
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FormsOptions>, FormsOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var folder = sp.GetRequiredService<IOptions<FormsOptions>>().Value
                .ResolveFolder(sp.GetRequiredService<FormsContentRoot>().Path)
                ?? throw new InvalidOperationException($"No forms folder; set {FormsOptions.SectionName}:Folder.");
            var catalog = FormLoader.LoadFolder(folder);
            var logger = sp.GetRequiredService<ILogger<FormCatalog>>();
            LogLoaded(logger, catalog.Source, catalog.All.Count);
            return catalog;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FormsStartup>());
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task forms loaded from {Folder}: {Forms} forms")]
    private static partial void LogLoaded(ILogger logger, string folder, int forms);
}

/// <summary>Loads the catalog during start-up instead of on the first request that needs it.</summary>
internal sealed class FormsStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<FormCatalog>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
