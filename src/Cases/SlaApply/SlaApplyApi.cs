using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Access;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.SlaApply;

/// <summary>
/// /api/sla: designers apply a time-limit recommendation to a process (into its draft); everyone who reviews
/// processes or KPIs reads who changed which limit.
/// </summary>
public static class SlaApplyApi
{
    public static IServiceCollection AddSlaApply(this IServiceCollection services)
    {
        services.AddScoped<ApplyRecommendation>();
        return services;
    }

    public static RouteGroupBuilder MapSlaApply(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/sla").WithTags("SLA");
        group.MapPost("/recommendations/apply", ApplyAsync).WithName("ApplySlaRecommendation")
            .WithSummary("Sets one user task's limit (for a category, or its default) in the process's draft, validated, audited; publishing is a separate step.")
            .Produces<AppliedRecommendation>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.ApplySla);
        group.MapGet("/limit-changes", ListAsync).WithName("ListSlaLimitChanges")
            .WithSummary("Every applied limit change, newest first; ?definitionKey= narrows to one process.")
            .RequireAuthorization(Policies.Design);
        return group;
    }

    private static Task<IResult> ApplyAsync(
        ApplyRecommendationRequest request, HttpContext context, ReferenceDataSnapshot data, ApplyRecommendation handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(request, Caller.Of(context, data), cancellationToken);

    private static async Task<Ok<List<SlaLimitChangeView>>> ListAsync(string? definitionKey, TongguanDbContext db, CancellationToken cancellationToken)
    {
        var changes = db.Set<SlaLimitChange>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(definitionKey))
        {
            changes = changes.Where(c => c.DefinitionKey == definitionKey);
        }

        // Ids are version-7 GUIDs (time-ordered), so they order rows of the same instant as well; sorted in memory
        // because SQLite cannot order by DateTimeOffset.
        var rows = await changes.ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(rows.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Select(SlaLimitChangeView.From).ToList());
    }
}
