using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Access;
using Tongguan.Designer;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Processes;

public sealed record IncidentResponse(
    Guid Id, Guid InstanceId, string NodeId, string? Handler, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy)
{
    public static IncidentResponse From(IncidentRecord i) =>
        new(i.Id, i.InstanceId, i.NodeId, i.Handler, i.Message, i.CreatedAt, i.ResolvedAt, i.ResolvedBy);
}

/// <summary>Async service tasks that ran out of retries, and retrying them once the cause is fixed.</summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/incidents").WithTags("Incidents");
        group.RequireAuthorization(Policies.Engine);
        group.MapGet("/", ListAsync).WithName("ListIncidents");
        group.MapPost("/{id:guid}/retry", RetryAsync).WithName("RetryIncident")
            .WithSummary("Gives the failed job new attempts and resolves the incident.");
        return group;
    }

    private static async Task<Ok<List<IncidentResponse>>> ListAsync(
        WorkflowRuntime runtime, CancellationToken cancellationToken, Guid? instanceId = null, bool openOnly = true)
    {
        var incidents = await runtime.QueryIncidentsAsync(instanceId, openOnly, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(incidents.Select(IncidentResponse.From).ToList());
    }

    private static async Task<NoContent> RetryAsync(Guid id, HttpContext context, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        await runtime.RetryIncidentAsync(id, context.GetActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
