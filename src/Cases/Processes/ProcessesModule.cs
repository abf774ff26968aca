using Microsoft.Extensions.Options;
using Tongguan.Cases.Hosting;
using Tongguan.Cases.Persistence;
using Tongguan.Workflows.EntityFrameworkCore;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Cases.Processes;

/// <summary>The engine's runtime in the host: registration and the HTTP API over it.</summary>
public static class ProcessesModule
{
    /// <summary>Configuration section of the engine inside the host (<c>Tongguan:Workflows</c>).</summary>
    public const string SectionName = "Tongguan:Workflows";

    public static IServiceCollection AddWorkflowsRuntime(this IServiceCollection services)
    {
        services.AddTongguanWorkflows();
        services.AddWorkflowsEntityFrameworkCore<TongguanDbContext>();
        services.AddOptions<WorkflowOptions>().BindConfiguration(SectionName);
        services.AddSingleton<IPostConfigureOptions<WorkflowOptions>, DefinitionsPathOption>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflowsRuntime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapProcessInstancesApi();
        endpoints.MapTasksApi();
        endpoints.MapMessagesApi();
        endpoints.MapIncidentsApi();
        return endpoints;
    }
}

/// <summary>
/// <c>Tongguan:Workflows:DefinitionsPath</c> names the folder whose <c>*.bpmn</c> files are published at start
/// (relative to the content root); empty means the repository's <c>definitions/</c>.
/// </summary>
internal sealed class DefinitionsPathOption(IConfiguration configuration, IHostEnvironment environment) : IPostConfigureOptions<WorkflowOptions>
{
    public const string Key = ProcessesModule.SectionName + ":DefinitionsPath";

    public void PostConfigure(string? name, WorkflowOptions options)
    {
        var path = configuration[Key];
        options.DefinitionsFolder = string.IsNullOrWhiteSpace(path)
            ? DefinitionsFolder.FindDefault(environment.ContentRootPath)
            : Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
    }
}
