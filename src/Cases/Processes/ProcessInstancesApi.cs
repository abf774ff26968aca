using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Access;
using Tongguan.Designer;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Processes;

public sealed record StartInstanceRequest(string? DefinitionKey, int? Version, string? BusinessKey, JsonObject? Variables);

public sealed record CancelInstanceRequest(string? Reason);

/// <summary>Where a token waits: the node and, for user tasks, the task id to act on.</summary>
public sealed record WaitingAt(string NodeId, string Kind, string? TaskId, string? MessageName, DateTimeOffset? DueAt);

public sealed record InstanceResponse(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    JsonObject Variables,
    IReadOnlyList<WaitingAt> WaitingAt)
{
    public static InstanceResponse From(InstanceState s) => new(
        s.Id, s.DefinitionKey, s.DefinitionVersion, s.BusinessKey, s.Status.ToString(), s.StartedAt, s.EndedAt, s.Variables,
        [.. s.Bookmarks.Select(b => new WaitingAt(
            b.NodeId, b.Kind.ToString(), b.Kind == BookmarkKind.UserTask ? b.Id : null, b.MessageName, b.DueAt))]);
}

public sealed record InstanceSummary(
    Guid Id, string DefinitionKey, int DefinitionVersion, string? BusinessKey, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt)
{
    public static InstanceSummary From(InstanceRecord r) =>
        new(r.Id, r.DefinitionKey, r.DefinitionVersion, r.BusinessKey, r.Status.ToString(), r.StartedAt, r.EndedAt);
}

public sealed record JournalLine(
    long Sequence, DateTimeOffset At, string EventType, string? NodeId, string? NodeType, string ActorId, int DefinitionVersion, string? Detail)
{
    public static JournalLine From(JournalRecord r) =>
        new(r.Sequence, r.At, r.EventType.ToString(), r.NodeId, r.NodeType, r.ActorId, r.DefinitionVersion, r.Detail);
}

/// <summary>Starting, reading and cancelling process instances.</summary>
public static class ProcessInstancesApi
{
    public static RouteGroupBuilder MapProcessInstancesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/process-instances").WithTags("Process instances");
        group.RequireAuthorization(Policies.Engine);
        group.MapPost("/", StartAsync).WithName("StartProcessInstance")
            .WithSummary("Starts an instance of the latest (or the given) published version of a definition key.");
        group.MapGet("/", ListAsync).WithName("ListProcessInstances");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetProcessInstance");
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelProcessInstance");
        group.MapGet("/{id:guid}/journal", GetJournalAsync).WithName("GetProcessInstanceJournal");
        return group;
    }

    private static async Task<Results<Created<InstanceResponse>, ValidationProblem>> StartAsync(
        StartInstanceRequest request, HttpContext context, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionKey))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["definitionKey"] = ["Name the definition key to start, e.g. \"report-handling\"."] });
        }

        var state = await runtime.StartAsync(
            request.DefinitionKey, request.Version, request.BusinessKey, request.Variables, context.GetActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/process-instances/{state.Id}", InstanceResponse.From(state));
    }

    private static async Task<Results<Ok<List<InstanceSummary>>, ValidationProblem>> ListAsync(
        WorkflowRuntime runtime,
        CancellationToken cancellationToken,
        string? definitionKey = null,
        string? businessKey = null,
        InstanceStatus? status = null,
        int skip = 0,
        int take = 50)
    {
        if (Paging.Check(skip, take) is { } problem)
        {
            return problem;
        }

        var instances = await runtime.QueryInstancesAsync(
            new InstanceQuery { DefinitionKey = definitionKey, BusinessKey = businessKey, Status = status, Skip = skip, Take = take },
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(instances.Select(InstanceSummary.From).ToList());
    }

    private static async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> GetAsync(
        Guid id, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var state = await runtime.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false);
        return state is null ? NotFound(id) : TypedResults.Ok(InstanceResponse.From(state));
    }

    private static async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> CancelAsync(
        Guid id, CancelInstanceRequest? request, HttpContext context, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (await runtime.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        var state = await runtime.CancelAsync(id, context.GetActor(), request?.Reason, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(InstanceResponse.From(state));
    }

    private static async Task<Results<Ok<List<JournalLine>>, ProblemHttpResult>> GetJournalAsync(
        Guid id, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (await runtime.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        var journal = await runtime.GetJournalAsync(id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(journal.Select(JournalLine.From).ToList());
    }

    internal static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"Process instance {id} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Instance not found");
}
