using System.Text.Json.Serialization;
using Tongguan.Cases.Access;
using Tongguan.Cases.Audit;
using Tongguan.Cases.Deadlines;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.Portal;
using Tongguan.Cases.Processes;
using Tongguan.Cases.ReferenceData;
using Tongguan.Cases.UI;
using Tongguan.Designer;

namespace Tongguan.Cases.Hosting;

/// <summary>The composition root: one AddX/MapX per module.</summary>
public static class TongguanHostExtensions
{
    public static WebApplicationBuilder AddTongguan(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<WorkflowExceptionHandler>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(TimeProvider.System);

        // The database first: its migrator is a hosted service that must run before the engine's.
        builder.Services.AddTongguanDatabase();
        builder.Services.AddAudit();
        builder.Services.AddWorkflowsRuntime();
        builder.Services.AddDesigner();
        builder.AddDeadlines();
        builder.Services.AddReferenceData();
        builder.Services.AddCases();
        builder.Services.AddPortal();
        builder.Services.AddTongguanHealth();

        // After the database and the reference data: its hosted service provisions the accounts from both.
        builder.AddTongguanAuth();
        builder.AddTongguanWeb();
        return builder;
    }

    public static WebApplication MapTongguan(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseTongguanAuth();
        app.MapOpenApi().AllowAnonymous();
        app.MapTongguanHealth();
        app.MapAccountApi();
        app.MapWorkflowsRuntime();
        app.MapDeadlines();
        app.MapReferenceData();
        app.MapCases();
        app.MapPortal();
        app.MapAudit();
        app.MapDesigner();
        app.MapTongguanWeb();
        return app;
    }
}
