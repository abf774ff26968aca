using Tongguan.Cases.Persistence;
using Tongguan.Workflows.EntityFrameworkCore;

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
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTongguanDatabase();
        builder.Services.AddWorkflowsEntityFrameworkCore<TongguanDbContext>();
        return builder;
    }

    public static WebApplication MapTongguan(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        return app;
    }
}
