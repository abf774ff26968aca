namespace Tongguan.Cases.Reports;

/// <summary>The SLA reports over the case tables: extraction, reports, exports and background jobs.</summary>
public static class SlaReportsModule
{
    public static IServiceCollection AddSlaReports(this IServiceCollection services)
    {
        services.AddOptions<SlaJobOptions>()
            .BindConfiguration(SlaJobOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<SlaRecords>();
        services.AddScoped<SlaSetQueries>();
        services.AddScoped<SlaReports>();
        services.AddScoped<XesExport>();
        services.AddSingleton<SlaJobBoard>();
        services.AddHostedService<SlaJobWorker>();
        return services;
    }
}
