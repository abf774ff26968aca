using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Access;
using Tongguan.Designer;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Cases.Processes;

/// <summary>A message for waiting instances: matched by <see cref="Name"/> and <see cref="CorrelationKey"/>
/// (the instance's business key unless its process says otherwise).</summary>
public sealed record CorrelateMessageRequest(string? Name, string? CorrelationKey, JsonObject? Payload);

public sealed record CorrelateMessageResponse(IReadOnlyList<Guid> Delivered, IReadOnlyList<Guid> Started);

public static class MessagesApi
{
    public static RouteGroupBuilder MapMessagesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/messages").WithTags("Messages");
        group.RequireAuthorization(Policies.Engine);
        group.MapPost("/", CorrelateAsync).WithName("CorrelateMessage")
            .WithSummary("Delivers a message to every instance waiting for it and starts every definition with a matching message start event; 404 when nothing matched.");
        return group;
    }

    private static async Task<Results<Ok<CorrelateMessageResponse>, ValidationProblem, ProblemHttpResult>> CorrelateAsync(
        CorrelateMessageRequest request, HttpContext context, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["name"] = ["Name the BPMN message, e.g. \"SatisfactionRated\"."] });
        }

        var result = await runtime.CorrelateMessageAsync(request.Name, request.CorrelationKey, request.Payload, context.GetActor(), cancellationToken)
            .ConfigureAwait(false);
        if (result.Count == 0)
        {
            return TypedResults.Problem(
                $"No instance waits for message '{request.Name}' with correlation key '{request.CorrelationKey}', and no definition starts on it.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Message not correlated");
        }

        return TypedResults.Ok(new CorrelateMessageResponse(result.Delivered, result.Started));
    }
}
