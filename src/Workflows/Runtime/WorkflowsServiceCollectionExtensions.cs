using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Workflows.Runtime;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: executor, runtime and definitions (scoped), the parsed-model cache, the
    /// definitions folder loader and the timer/job worker. A store must be added too, e.g.
    /// <c>AddWorkflowsEntityFrameworkCore&lt;AppDbContext&gt;()</c>. Options bind from <see cref="WorkflowOptions.SectionName"/>.
    /// </summary>
    public static IServiceCollection AddTongguanWorkflows(this IServiceCollection services, Action<WorkflowOptions>? configure = null)
    {
        var options = services.AddOptions<WorkflowOptions>()
            .BindConfiguration(WorkflowOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProcessModelCache>();
        services.TryAddSingleton<LatestDefinitionCache>();
        services.TryAddSingleton<IServiceTaskHandlerRegistry, RegisteredServiceTaskHandlers>();
        services.TryAddSingleton(sp => new WorkflowExecutor(
            sp.GetRequiredService<IServiceTaskHandlerRegistry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IOptions<ExecutorOptions>>()?.Value));
        services.TryAddScoped<WorkflowRuntime>();
        services.TryAddSingleton<GroupedStarts>();
        services.TryAddScoped<WorkflowDefinitions>();
        services.AddHostedService<DefinitionsFolderLoader>();
        services.AddHostedService<WorkflowWorker>();
        return services;
    }

    /// <summary>Registers a service task handler (singleton; must be thread-safe) under its <see cref="IServiceTaskHandler.Name"/>.</summary>
    public static IServiceCollection AddServiceTaskHandler<THandler>(this IServiceCollection services)
        where THandler : class, IServiceTaskHandler
    {
        services.AddSingleton<IServiceTaskHandler, THandler>();
        return services;
    }
}
