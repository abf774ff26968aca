using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tongguan.Cases.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the audit trail: the <see cref="AuditSaveChangesInterceptor"/> (which the database registration adds
    /// to every <c>TongguanDbContext</c>), <see cref="AuditContext"/>, <see cref="PersonalDataViews"/>, the <see cref="BulkChangeAudit"/> of bulk statements, the
    /// <see cref="AuditSealer"/> and its background service, with <see cref="AuditOptions"/> from
    /// <see cref="AuditOptions.SectionName"/>.
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, Action<AuditOptions>? configure = null)
    {
        var options = services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditContext>();
        services.TryAddSingleton<AuditSaveChangesInterceptor>();
        services.TryAddSingleton<PersonalDataViews>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Sla.Deadlines.IBulkChangeRecorder, BulkChangeAudit>());
        services.TryAddSingleton<AuditSealer>();
        services.AddHostedService<AuditSealerService>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAuditApi();
        return endpoints;
    }
}
