using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Access;
using Tongguan.Cases.Deadlines;
using Tongguan.Designer;
using Tongguan.Sla.Deadlines;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Processes;

public sealed record TaskResponse(
    string Id,
    Guid InstanceId,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string NodeId,
    string? Name,
    string? FormKey,
    string Status,
    string? Assignee,
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? EndedAt,
    string? CompletedBy,
    DeadlineResponse? Deadline)
{
    /// <summary>The task with its deadline (时限), whose due time is the task's <see cref="DueAt"/>.</summary>
    public static TaskResponse From(UserTaskRecord t, DeadlineRecord? deadline) => new(
        t.Id, t.InstanceId, t.DefinitionKey, t.DefinitionVersion, t.BusinessKey, t.NodeId, t.Name, t.FormKey, t.Status.ToString(), t.Assignee,
        [.. t.Candidates.Where(c => c.Kind == CandidateKind.Group).Select(c => c.Value)],
        [.. t.Candidates.Where(c => c.Kind == CandidateKind.User).Select(c => c.Value)],
        t.CreatedAt, deadline?.DueAt ?? t.DueAt, t.EndedAt, t.CompletedBy, deadline is null ? null : DeadlineResponse.From(deadline));
}

public sealed record TaskPage(IReadOnlyList<TaskResponse> Items, int Total, int Skip, int Take);

public sealed record CompleteTaskRequest(JsonObject? Output);

/// <summary>The inbox: user tasks, claiming and completing them.</summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/tasks").WithTags("Tasks");
        group.RequireAuthorization(Policies.Engine);
        group.MapGet("/", ListAsync).WithName("ListTasks")
            .WithSummary("Tasks matching every given filter (candidateGroup may repeat), newest first, one page at a time.");
        group.MapGet("/{id}", GetAsync).WithName("GetTask");
        group.MapPost("/{id}/claim", ClaimAsync).WithName("ClaimTask")
            .WithSummary("Makes the signed-in caller the assignee; 409 when someone else holds it.");
        group.MapPost("/{id}/unclaim", UnclaimAsync).WithName("UnclaimTask");
        group.MapPost("/{id}/complete", CompleteAsync).WithName("CompleteTask")
            .WithSummary("Completes the task, merging output into the process variables; 409 when it was completed already, or when it has a form (use /api/inbox).");
        return group;
    }

    private static async Task<Results<Ok<TaskPage>, ValidationProblem>> ListAsync(
        WorkflowRuntime runtime,
        IDeadlineQueries deadlines,
        CancellationToken cancellationToken,
        string[]? candidateGroup = null,
        string? candidateUser = null,
        string? assignee = null,
        UserTaskStatus[]? status = null,
        Guid? instanceId = null,
        string? definitionKey = null,
        string? businessKey = null,
        int skip = 0,
        int take = 50)
    {
        if (Paging.Check(skip, take) is { } problem)
        {
            return problem;
        }

        var page = await runtime.QueryTasksAsync(
            new TaskQuery
            {
                CandidateGroups = candidateGroup is { Length: > 0 } ? candidateGroup : null,
                CandidateUser = candidateUser,
                Assignee = assignee,
                Statuses = status is { Length: > 0 } ? status : null,
                InstanceId = instanceId,
                DefinitionKey = definitionKey,
                BusinessKey = businessKey,
                Skip = skip,
                Take = take,
            },
            cancellationToken).ConfigureAwait(false);
        var due = await deadlines.FindByTasksAsync([.. page.Items.Select(t => t.Id)], cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new TaskPage([.. page.Items.Select(t => TaskResponse.From(t, due.GetValueOrDefault(t.Id)))], page.Total, skip, take));
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetAsync(
        string id, WorkflowRuntime runtime, IDeadlineQueries deadlines, CancellationToken cancellationToken)
    {
        var task = await runtime.GetTaskAsync(id, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return NotFound(id);
        }

        var due = await deadlines.FindByTasksAsync([id], cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(TaskResponse.From(task, due.GetValueOrDefault(id)));
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ClaimAsync(
        string id, HttpContext context, WorkflowRuntime runtime, IDeadlineQueries deadlines, CancellationToken cancellationToken)
    {
        await runtime.ClaimTaskAsync(id, context.GetActor(), cancellationToken).ConfigureAwait(false);
        return await GetAsync(id, runtime, deadlines, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> UnclaimAsync(
        string id, HttpContext context, WorkflowRuntime runtime, IDeadlineQueries deadlines, CancellationToken cancellationToken)
    {
        await runtime.UnclaimTaskAsync(id, context.GetActor(), cancellationToken).ConfigureAwait(false);
        return await GetAsync(id, runtime, deadlines, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> CompleteAsync(
        string id, CompleteTaskRequest? request, HttpContext context, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        // A task with a form belongs to the inbox, which checks the form and the caller's org scope; completing it
        // here would skip both.
        if (await runtime.GetTaskAsync(id, cancellationToken).ConfigureAwait(false) is { FormKey: { } formKey })
        {
            return TypedResults.Problem(
                $"Task '{id}' has the form '{formKey}'; complete it through POST /api/inbox/tasks/{id}/complete, which validates the form and your scope.",
                statusCode: StatusCodes.Status409Conflict, title: "Complete this task through the inbox");
        }

        var state = await runtime.CompleteTaskAsync(id, context.GetActor(), request?.Output, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(InstanceResponse.From(state));
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"Task '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Task not found");
}
