using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.EntityFrameworkCore;

public static class WorkflowsEntityFrameworkCoreServiceCollectionExtensions
{
    /// <summary>
    /// Stores the engine's state in <typeparamref name="TContext"/> (registered by the application, scoped),
    /// whose <c>OnModelCreating</c> must call <see cref="WorkflowModelBuilderExtensions.ApplyWorkflowModel"/>.
    /// </summary>
    public static IServiceCollection AddWorkflowsEntityFrameworkCore<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IWorkflowStore, EfWorkflowStore<TContext>>();
        return services;
    }
}
