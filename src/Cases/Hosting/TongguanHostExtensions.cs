using System.Text.Json.Serialization;
using Tongguan.Cases.Deadlines;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.Processes;
using Tongguan.Designer;
using Tongguan.Sla;

namespace Tongguan.Cases.Hosting;

/// <summary>The composition root: one AddX/MapX per module.</summary>
public static class TongguanHostExtensions
{
    public static WebApplicationBuilder AddTongguan(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<WorkflowExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(TimeProvider.System);

        // The database first: its migrator is a hosted service that must run before the engine's.
        builder.Services.AddTongguanDatabase();
        builder.Services.AddWorkflowsRuntime();
        builder.Services.AddDesigner();
        builder.Services.AddSla();
        builder.Services.AddSlaDeadlines<TongguanDbContext>();
        return builder;
    }

    public static WebApplication MapTongguan(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapWorkflowsRuntime();
        app.MapDeadlinesApi();
        app.MapDesigner();
        return app;
    }
}
