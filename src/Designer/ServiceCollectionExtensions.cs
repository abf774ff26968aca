using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Designer.Definitions;

namespace Tongguan.Designer;

public static class ServiceCollectionExtensions
{
    /// <summary>The definition management API; the engine itself (<c>AddTongguanWorkflows</c>) is registered by the host.</summary>
    public static IServiceCollection AddDesigner(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapDesigner(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDefinitionsApi();
        return endpoints;
    }
}
