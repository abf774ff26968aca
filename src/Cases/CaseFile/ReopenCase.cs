using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Access;
using Tongguan.Cases.Forms;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Designer;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.CaseFile;

public sealed record ReopenRequest(string? Reason);

/// <summary>
/// POST /api/cases/{number}/reopen: a citizen comes back after the loop ended (the problem returned, the rating was
/// given too early). An intake agent or a dispatcher reopens the case: closed-loop handling starts again with the
/// same responsible unit, verifier and street, and the case counts one more reopening.
/// </summary>
public static class ReopenCase
{
    public const int MaxReasonLength = 2000;

    public static RouteHandlerBuilder MapReopenCase(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/cases/{number}/reopen", ReopenAsync).WithTags("Cases").WithName("ReopenCase")
            .WithSummary("Starts closed-loop handling again for a closed case whose processes have ended; intake agents and dispatchers only.")
            .RequireAuthorization(Policies.Intake);

    private static async Task<Results<Ok<CaseSummary>, ValidationProblem, ProblemHttpResult>> ReopenAsync(
        string number, ReopenRequest request, HttpContext context, ReferenceDataSnapshot data, TongguanDbContext db, WorkflowRuntime runtime,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context, data);
        if (!caller.HasRole(Roles.IntakeAgent) && !caller.HasRole(Roles.Dispatcher))
        {
            return TypedResults.Problem(
                $"{caller.Id} may not reopen cases: intake agents and dispatchers take citizens' complaints.",
                statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        var reason = request.Reason?.Trim();
        var problem = string.IsNullOrEmpty(reason) ? "Say why the case is reopened."
            : reason.Length > MaxReasonLength ? $"The reason has at most {MaxReasonLength} characters; this one has {reason.Length}."
            : PlainText.Problem(reason) is { } plain ? $"The reason {plain}"
            : null;
        if (problem is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [problem] }, title: "The case cannot be reopened as asked");
        }

        var found = await db.Set<Case>().FirstOrDefaultAsync(c => c.Number == number, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return CaseFileApi.NotFound(number);
        }

        var running = await runtime.QueryInstancesAsync(
            new InstanceQuery { BusinessKey = number, Status = InstanceStatus.Running, Take = 1 }, cancellationToken).ConfigureAwait(false);
        if (found.Status != CaseStatus.Closed || running.Count > 0)
        {
            return TypedResults.Problem(
                found.Status != CaseStatus.Closed
                    ? $"Case {number} is {found.Status}; only a closed case can be reopened."
                    : $"Case {number} is closed but its loop is still running (the callback is pending); an unsatisfied rating there reopens it.",
                statusCode: StatusCodes.Status409Conflict, title: "The case cannot be reopened now");
        }

        var intake = found.InstanceId is { } instanceId ? await runtime.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) : null;
        var variables = intake?.Variables.DeepClone().AsObject() ?? [];
        variables[CaseVariables.Status] = nameof(CaseStatus.Handling);
        variables[CaseVariables.ReopenCount] = found.Reopenings + 1;
        variables["reopenReason"] = reason;

        var now = timeProvider.GetUtcNow();
        db.Add(new CaseEvent { Id = Guid.CreateVersion7(now), CaseId = found.Id, Kind = CaseEventKind.Reopened, Actor = caller.Id, At = now, Text = reason });
        await runtime.StartAsync(CaseProcesses.Handling, number, variables, context.GetActor(), cancellationToken).ConfigureAwait(false);

        var reopened = await db.Set<Case>().AsNoTracking().FirstAsync(c => c.Number == number, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(CaseSummary.From(reopened, data));
    }
}
