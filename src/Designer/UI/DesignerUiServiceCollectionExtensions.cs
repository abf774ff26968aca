using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tongguan.Designer.UI.Api;

namespace Tongguan.Designer.UI;

public static class DesignerUiServiceCollectionExtensions
{
    /// <summary>The workflow editor's pages (routes under <c>/designer</c>); the host adds this assembly to its router.</summary>
    public static IServiceCollection AddDesignerUi(this IServiceCollection services)
    {
        services.TryAddScoped<IDefinitionsClient, BrowserDefinitionsClient>();
        services.TryAddScoped<IProcessInstancesClient, BrowserProcessInstancesClient>();
        return services;
    }
}
