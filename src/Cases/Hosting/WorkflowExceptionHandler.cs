using Microsoft.AspNetCore.Diagnostics;
using Tongguan.Designer.Definitions;
using Tongguan.Sla.Deadlines.Adjustments;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Cases.Hosting;

/// <summary>
/// Turns the engine's expected failures into RFC 7807 problem details with a clear message. Anything not
/// listed here is a bug and stays a 500 (without details outside Development).
/// </summary>
internal sealed class WorkflowExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = problem.Status,
                Title = problem.Title,
                Detail = problem.Detail ?? exception.Message,
                Extensions = problem.Extensions,
            },
        }).ConfigureAwait(false);
    }

    private static MappedProblem? Describe(Exception exception) => exception switch
    {
        WorkflowConcurrencyException => new(StatusCodes.Status409Conflict, "The process instance was changed concurrently"),
        TaskStateException => new(StatusCodes.Status409Conflict, "The task does not allow this now"),
        BookmarkNotFoundException => new(StatusCodes.Status404NotFound, "Nothing is waiting there any more"),
        DefinitionNotFoundException => new(StatusCodes.Status404NotFound, "Definition not found"),
        WorkflowItemNotFoundException => new(StatusCodes.Status404NotFound, "Not found"),
        DefinitionRejectedException e => new(StatusCodes.Status400BadRequest, DefinitionProblems.Title, DefinitionProblems.Detail(e.Problems))
        {
            Extensions = { ["problems"] = DefinitionProblems.Extensions(e.Problems)["problems"] },
        },
        InstanceNotRunningException e => new(StatusCodes.Status409Conflict, "The process instance has ended")
        {
            Extensions = { ["instanceStatus"] = e.Status.ToString() },
        },
        MigrationRefusedException e => new(StatusCodes.Status409Conflict, "Migration refused")
        {
            Extensions = { ["reasons"] = e.Reasons },
        },
        ExpressionException e => new(StatusCodes.Status422UnprocessableEntity, "An expression of the process failed; nothing was changed")
        {
            Extensions = { ["elementId"] = e.NodeId, ["expression"] = e.Expression },
        },
        ServiceTaskHandlerNotFoundException e => new(StatusCodes.Status422UnprocessableEntity, "The process needs a service task handler this installation does not have; nothing was changed")
        {
            Extensions = { ["elementId"] = e.NodeId, ["handler"] = e.HandlerName },
        },

        // Any other engine refusal (e.g. no outgoing flow of a gateway holds for these data): the whole step was rolled
        // back, so the caller can correct the data and try again.
        WorkflowException => new(StatusCodes.Status422UnprocessableEntity, "The process cannot continue with these data; nothing was changed"),
        BadHttpRequestException e => new(e.StatusCode, "The request is malformed"),
        DeadlineAdjustmentException { Refusal: AdjustmentRefusal.NotFound } => new(StatusCodes.Status404NotFound, "Not found"),
        DeadlineAdjustmentException { Refusal: AdjustmentRefusal.Conflict } => new(StatusCodes.Status409Conflict, "The deadline does not allow this now"),
        DeadlineAdjustmentException => new(StatusCodes.Status422UnprocessableEntity, "The request cannot be granted as written"),
        _ => null,
    };

    private sealed record MappedProblem(int Status, string Title, string? Detail = null)
    {
        public Dictionary<string, object?> Extensions { get; } = [];
    }
}
