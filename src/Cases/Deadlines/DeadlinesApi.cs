using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Access;
using Tongguan.Designer;
using Tongguan.Sla.Deadlines;
using Tongguan.Sla.Deadlines.Adjustments;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Deadlines;

public sealed record DeadlineResponse(
    Guid Id, Guid InstanceId, string TaskId, string NodeId, string Limit, string Calendar, string Status, string Colour,
    DateTimeOffset StartedAt, DateTimeOffset WarningAt, DateTimeOffset DueAt, DateTimeOffset? WarnedAt, DateTimeOffset? BreachedAt,
    DateTimeOffset? PausedAt, DateTimeOffset? CompletedAt, bool CompletedLate)
{
    public static DeadlineResponse From(DeadlineRecord d) => new(
        d.Id, d.InstanceId, d.BookmarkId, d.NodeId, d.Limit, d.CalendarKind.ToString(), d.Status.ToString(), ColourOf(d),
        d.StartedAt, d.WarningAt, d.DueAt, d.WarnedAt, d.BreachedAt, d.PausedAt, d.CompletedAt, d.CompletedLate);

    /// <summary>What the inbox shows: green, yellow (warned), red (breached); closed ones by how they closed.</summary>
    private static string ColourOf(DeadlineRecord d) => d switch
    {
        { Status: DeadlineStatus.Completed, CompletedLate: true } => "red",
        { Status: not DeadlineStatus.Pending } => "none",
        { PausedAt: not null } => "paused",
        { BreachedAt: not null } => "red",
        { WarnedAt: not null } => "yellow",
        _ => "green",
    };
}

public sealed record AdjustmentResponse(
    Guid Id, Guid DeadlineId, Guid InstanceId, string Kind, string Status, string? Extension, string Reason,
    string RequestedBy, DateTimeOffset RequestedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote,
    DateTimeOffset? EndedAt, string? EndedBy)
{
    public static AdjustmentResponse From(DeadlineAdjustmentRecord a) => new(
        a.Id, a.DeadlineId, a.InstanceId, a.Kind.ToString(), a.Status.ToString(), a.Extension, a.Reason,
        a.RequestedBy, a.RequestedAt, a.DecidedBy, a.DecidedAt, a.DecisionNote, a.EndedAt, a.EndedBy);
}

public sealed record ExtensionRequest(string? Extension, string? Reason);

public sealed record SuspensionRequest(string? Reason);

public sealed record DecisionRequest(string? Note);

/// <summary>One line of a case's timeline: the engine's journal and the deadline clock, in time order.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Source, string Event, string? NodeId, string? Actor, string? Detail);

/// <summary>Deadlines of a process instance, their extensions and suspensions, and the instance's timeline.</summary>
public static class DeadlinesApi
{
    public static IEndpointRouteBuilder MapDeadlinesApi(this IEndpointRouteBuilder endpoints)
    {
        var instances = endpoints.MapGroup("/api/process-instances").WithTags("Deadlines");
        instances.RequireAuthorization(Policies.Engine);
        instances.MapGet("/{id:guid}/deadlines", ListAsync).WithName("ListDeadlines")
            .WithSummary("Every deadline of the instance, with its colour and its extensions and suspensions.");
        instances.MapGet("/{id:guid}/timeline", TimelineAsync).WithName("GetTimeline")
            .WithSummary("The instance's journal and deadline events (opened, yellow, red, extended, suspended, closed) in time order.");

        var deadlines = endpoints.MapGroup("/api/deadlines").WithTags("Deadlines");
        deadlines.RequireAuthorization(Policies.DeadlineRequests);
        deadlines.MapPost("/{id:guid}/extensions", RequestExtensionAsync).WithName("RequestExtension")
            .WithSummary("Asks for more time (an ISO-8601 duration in the limit's kind of time); someone else approves.");
        deadlines.MapPost("/{id:guid}/suspensions", RequestSuspensionAsync).WithName("RequestSuspension")
            .WithSummary("Asks to stop the clock (挂起); someone else approves; resuming moves the deadline by the paused time.");

        var adjustments = endpoints.MapGroup("/api/deadline-adjustments").WithTags("Deadlines");
        adjustments.MapPost("/{id:guid}/approve", ApproveAsync).WithName("ApproveAdjustment").RequireAuthorization(Policies.DeadlineDecisions);
        adjustments.MapPost("/{id:guid}/reject", RejectAsync).WithName("RejectAdjustment").RequireAuthorization(Policies.DeadlineDecisions);
        adjustments.MapPost("/{id:guid}/resume", ResumeAsync).WithName("ResumeSuspension").RequireAuthorization(Policies.DeadlineRequests);
        return endpoints;
    }

    private static async Task<Results<Ok<List<DeadlineWithAdjustments>>, NotFound>> ListAsync(
        Guid id, WorkflowRuntime runtime, IDeadlineQueries deadlines, IDeadlineAdjustments adjustments, CancellationToken cancellationToken)
    {
        if (await runtime.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return TypedResults.NotFound();
        }

        var rows = await deadlines.ListByInstanceAsync(id, cancellationToken).ConfigureAwait(false);
        var changes = await adjustments.ListByInstanceAsync(id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(rows
            .Select(d => new DeadlineWithAdjustments(
                DeadlineResponse.From(d),
                [.. changes.Where(a => a.DeadlineId == d.Id).Select(AdjustmentResponse.From)]))
            .ToList());
    }

    private static async Task<Results<Ok<List<TimelineEntry>>, NotFound>> TimelineAsync(
        Guid id, WorkflowRuntime runtime, IDeadlineQueries deadlines, IDeadlineAdjustments adjustments, CancellationToken cancellationToken)
    {
        if (await runtime.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return TypedResults.NotFound();
        }

        var timeline = new List<TimelineEntry>();
        await AddInstanceTimelineAsync(timeline, id, runtime, deadlines, adjustments, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(timeline.OrderBy(t => t.At).ToList());
    }

    private static async Task<Results<Created<AdjustmentResponse>, ValidationProblem>> RequestExtensionAsync(
        Guid id, ExtensionRequest request, HttpContext context, IDeadlineAdjustments adjustments, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Extension))
        {
            errors["extension"] = ["How much longer, as an ISO-8601 duration such as P2D or PT4H."];
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["Say why more time is needed."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await adjustments.RequestExtensionAsync(id, request.Extension!, request.Reason!, context.GetActor().Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/deadline-adjustments/{created.Id}", AdjustmentResponse.From(created));
    }

    private static async Task<Results<Created<AdjustmentResponse>, ValidationProblem>> RequestSuspensionAsync(
        Guid id, SuspensionRequest request, HttpContext context, IDeadlineAdjustments adjustments, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the clock should stop."] });
        }

        var created = await adjustments.RequestSuspensionAsync(id, request.Reason, context.GetActor().Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/deadline-adjustments/{created.Id}", AdjustmentResponse.From(created));
    }

    private static async Task<Ok<AdjustmentResponse>> ApproveAsync(
        Guid id, DecisionRequest? request, HttpContext context, IDeadlineAdjustments adjustments, CancellationToken cancellationToken) =>
        TypedResults.Ok(AdjustmentResponse.From(
            await adjustments.ApproveAsync(id, context.GetActor().Id, request?.Note, cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<AdjustmentResponse>> RejectAsync(
        Guid id, DecisionRequest? request, HttpContext context, IDeadlineAdjustments adjustments, CancellationToken cancellationToken) =>
        TypedResults.Ok(AdjustmentResponse.From(
            await adjustments.RejectAsync(id, context.GetActor().Id, request?.Note, cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<AdjustmentResponse>> ResumeAsync(
        Guid id, HttpContext context, IDeadlineAdjustments adjustments, CancellationToken cancellationToken) =>
        TypedResults.Ok(AdjustmentResponse.From(
            await adjustments.ResumeAsync(id, context.GetActor().Id, cancellationToken).ConfigureAwait(false)));

    /// <summary>Adds an instance's journal, deadline and adjustment events to <paramref name="timeline"/> (unordered).</summary>
    public static async Task AddInstanceTimelineAsync(
        List<TimelineEntry> timeline, Guid id, WorkflowRuntime runtime, IDeadlineQueries deadlines, IDeadlineAdjustments adjustments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(deadlines);
        ArgumentNullException.ThrowIfNull(adjustments);
        AddTimeline(
            timeline,
            await runtime.GetJournalAsync(id, cancellationToken).ConfigureAwait(false),
            await deadlines.ListByInstanceAsync(id, cancellationToken).ConfigureAwait(false),
            await adjustments.ListByInstanceAsync(id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Adds journal, deadline and adjustment events, already read, to <paramref name="timeline"/> (unordered).</summary>
    public static void AddTimeline(
        List<TimelineEntry> timeline, IEnumerable<JournalRecord> journal, IEnumerable<DeadlineRecord> deadlineRows, IEnumerable<DeadlineAdjustmentRecord> adjustmentRows)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(deadlineRows);
        ArgumentNullException.ThrowIfNull(adjustmentRows);
        foreach (var j in journal)
        {
            timeline.Add(new TimelineEntry(j.At, "journal", j.EventType.ToString(), j.NodeId, j.ActorId, j.Detail));
        }

        foreach (var d in deadlineRows)
        {
            var limit = $"{d.Limit} {d.CalendarKind.ToString().ToLowerInvariant()}";
            timeline.Add(new TimelineEntry(d.StartedAt, "deadline", "DeadlineOpened", d.NodeId, null, $"{limit}, yellow at {d.WarningAt:O}, due {d.DueAt:O}"));
            if (d.WarnedAt is { } warned)
            {
                timeline.Add(new TimelineEntry(warned, "deadline", "DeadlineWarning", d.NodeId, null, $"yellow: {limit} nearly used up"));
            }

            if (d.BreachedAt is { } breached)
            {
                timeline.Add(new TimelineEntry(breached, "deadline", "DeadlineBreached", d.NodeId, null, $"red: {limit} exceeded (due {d.DueAt:O})"));
            }

            if (d.CompletedAt is { } closed)
            {
                var how = d.Status == DeadlineStatus.Completed ? (d.CompletedLate ? "DeadlineCompletedLate" : "DeadlineCompletedOnTime") : "DeadlineCancelled";
                timeline.Add(new TimelineEntry(closed, "deadline", how, d.NodeId, null, null));
            }
        }

        foreach (var a in adjustmentRows)
        {
            var what = a.Kind == AdjustmentKind.Extension ? $"Extension {a.Extension}" : "Suspension";
            timeline.Add(new TimelineEntry(a.RequestedAt, "deadline", $"{a.Kind}Requested", null, a.RequestedBy, $"{what}: {a.Reason}"));
            if (a.DecidedAt is { } decided)
            {
                timeline.Add(new TimelineEntry(decided, "deadline", $"{a.Kind}{(a.Status == AdjustmentStatus.Rejected ? "Rejected" : "Approved")}", null, a.DecidedBy, a.DecisionNote));
            }

            if (a.EndedAt is { } ended)
            {
                timeline.Add(new TimelineEntry(ended, "deadline", "SuspensionEnded", null, a.EndedBy, null));
            }
        }

    }
}

public sealed record DeadlineWithAdjustments(DeadlineResponse Deadline, IReadOnlyList<AdjustmentResponse> Adjustments);
