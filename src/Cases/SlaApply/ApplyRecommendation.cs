using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Access;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Designer.Definitions;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Validation;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Cases.SlaApply;

/// <summary>Apply one limit: <paramref name="CategoryCode"/> null sets the step's default <c>tg:timeLimit</c>.</summary>
public sealed record ApplyRecommendationRequest(string? DefinitionKey, string? NodeId, string? CategoryCode, string? Limit, string? Note);

public sealed record SlaLimitChangeView(
    Guid Id, DateTimeOffset At, string AppliedBy, string DefinitionKey, int? BaseVersion, bool OnDraft, string NodeId,
    string? CategoryCode, string? OldLimit, string? OldLimitSource, string NewLimit, bool Loosened, string? Note)
{
    public static SlaLimitChangeView From(SlaLimitChange c) => new(
        c.Id, c.At, c.AppliedBy, c.DefinitionKey, c.BaseVersion, c.OnDraft, c.NodeId, c.CategoryCode, c.OldLimit, c.OldLimitSource, c.NewLimit, c.Loosened, c.Note);
}

/// <summary>The draft the change went into (not published), with the engine's warnings on it.</summary>
public sealed record AppliedDraftView(string Key, DateTimeOffset UpdatedAt, string UpdatedBy, string Xml, IReadOnlyList<ProblemResponse> Warnings);

/// <summary>The answer: the new draft, the audit row, and why a second look is advised (a looser limit).</summary>
public sealed record AppliedRecommendation(AppliedDraftView Draft, SlaLimitChangeView Change, IReadOnlyList<string> Flags);

/// <summary>
/// "Applying a recommendation creates a new draft version of the process with the new limits": the key's draft if it
/// has one (so work in progress is kept), else the latest published XML, edited in place, validated by the engine,
/// saved as the draft together with its audit row in one transaction. Publishing stays a separate, reviewed step.
/// </summary>
public sealed class ApplyRecommendation(
    WorkflowDefinitions definitions, ReferenceDataSnapshot referenceData, TongguanDbContext db, TimeLimitCalculator limits, TimeProvider timeProvider)
{
    public const int MaxNoteLength = 2000;

    public async Task<IResult> HandleAsync(ApplyRecommendationRequest request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.HasRole(Roles.Designer))
        {
            return TypedResults.Problem(
                "Only process designers (role designer) apply time-limit recommendations.", statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        if (Invalid(request) is { } invalid)
        {
            return TypedResults.ValidationProblem(invalid, title: "The recommendation cannot be applied as asked");
        }

        var key = request.DefinitionKey!.Trim();
        var nodeId = request.NodeId!.Trim();
        var categoryCode = string.IsNullOrWhiteSpace(request.CategoryCode) ? null : request.CategoryCode.Trim();
        var newLimit = request.Limit!.Trim();
        if (categoryCode is not null && referenceData.FindCategory(categoryCode) is null)
        {
            return BadRequest("Unknown category", $"The reference data has no category '{categoryCode}'.");
        }

        var draft = await definitions.GetDraftAsync(key, cancellationToken).ConfigureAwait(false);
        var published = await definitions.GetAsync(key, null, cancellationToken).ConfigureAwait(false);
        if (draft is null && published is null)
        {
            return TypedResults.Problem($"There is no process '{key}': nothing is published or drafted under that key.", statusCode: StatusCodes.Status404NotFound, title: "Definition not found");
        }

        var source = draft is null ? "the latest published version" : "the draft";
        switch (ProcessLimitEdit.TryOpen(draft?.Xml ?? published!.Xml, key, nodeId, out var edit))
        {
            case ProcessLimitEdit.FindOutcome.NotXml:
                return Conflict($"The draft of '{key}' is not well-formed XML; fix or discard it in the editor, then apply again.");
            case ProcessLimitEdit.FindOutcome.NoProcess:
                return Conflict($"The draft of '{key}' no longer contains the process '{key}'; fix it in the editor, then apply again.");
            case ProcessLimitEdit.FindOutcome.NoNode:
                return TypedResults.Problem($"Process '{key}' ({source}) has no element '{nodeId}'.", statusCode: StatusCodes.Status404NotFound, title: "Node not found");
            case ProcessLimitEdit.FindOutcome.NotUserTask:
                return BadRequest("Not a user task", $"'{nodeId}' of '{key}' is not a user task; time limits by category are set on user tasks.");
        }

        var calendar = edit!.IsNaturalTime ? CalendarKind.Natural : CalendarKind.Business;
        if (CategoryLimitsSyntax.DurationProblem(newLimit, calendar == CalendarKind.Business) is { } badLimit)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["limit"] = [$"\"{newLimit}\" ({calendar.ToString().ToLowerInvariant()} time): {badLimit}"] },
                title: "The recommendation cannot be applied as asked");
        }

        TimeLimit? old;
        string? oldSource;
        if (categoryCode is null)
        {
            old = edit.TimeLimit is { } designed ? new TimeLimit(designed, calendar, null) : null;
            oldSource = old is null ? null : "timeLimit";
            edit.SetTimeLimit(newLimit);
        }
        else
        {
            if (edit.Step is null || !Enum.TryParse<CaseStep>(edit.Step, ignoreCase: true, out var step))
            {
                return BadRequest(
                    "Not a case step",
                    $"'{nodeId}' of '{key}' has no tg:step (accept, handle or verify), so no category limit applies to it; give it a tg:step first or apply the step's default limit (categoryCode null).");
            }

            var current = Array.Empty<CategoryLimit>() as IReadOnlyList<CategoryLimit>;
            if (edit.CategoryLimits is { } written &&
                !CategoryLimitsSyntax.TryParse(written, calendar == CalendarKind.Business, out current, out var complaint))
            {
                return Conflict($"'{nodeId}' of '{key}' ({source}) has tg:categoryLimits=\"{written}\": {complaint} Fix it in the editor, then apply again.");
            }

            (old, oldSource) = OldCategoryLimit(current, categoryCode, step, calendar, edit.TimeLimit);
            edit.SetCategoryLimit(current, new CategoryLimit(categoryCode, newLimit));
        }

        var xml = edit.ToXml();
        var validation = BpmnValidator.ValidateXml(xml, $"{key} (draft)");
        if (!validation.IsValid)
        {
            return DefinitionProblems.Rejected(validation.Problems);
        }

        var loosened = old is not null && IsLooser(new TimeLimit(newLimit, calendar, null), old);
        var now = timeProvider.GetUtcNow();
        var change = new SlaLimitChange
        {
            Id = Guid.CreateVersion7(now),
            At = now,
            AppliedBy = caller.Id,
            DefinitionKey = key,
            BaseVersion = published?.Version,
            OnDraft = draft is not null,
            NodeId = nodeId,
            CategoryCode = categoryCode,
            OldLimit = old?.Duration,
            OldLimitSource = oldSource,
            NewLimit = newLimit,
            Loosened = loosened,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
        };

        // Saved by the draft's own save, in the same transaction: no draft without its audit row, nor the reverse.
        db.Add(change);
        var saved = await definitions.SaveDraftAsync(key, xml, new Actor(caller.Id), cancellationToken).ConfigureAwait(false);

        List<string> flags = loosened
            ? [$"The new limit {newLimit} gives more time than the old {old!.Duration} ({oldSource}); check the history before publishing."]
            : [];
        return TypedResults.Ok(new AppliedRecommendation(
            new AppliedDraftView(saved.Key, saved.UpdatedAt, saved.UpdatedBy, saved.Xml, [.. validation.Warnings.Select(ProblemResponse.From)]),
            SlaLimitChangeView.From(change),
            flags));
    }

    private (TimeLimit? Limit, string? Source) OldCategoryLimit(
        IReadOnlyList<CategoryLimit> current, string categoryCode, CaseStep step, CalendarKind calendar, string? timeLimit)
    {
        if (current.FirstOrDefault(l => string.Equals(l.CategoryCode, categoryCode, StringComparison.Ordinal)) is { } entry)
        {
            return (new TimeLimit(entry.Duration, calendar, null), "categoryLimits");
        }

        var fromReference = referenceData.FindCategory(categoryCode)!.StepLimits.For(step);
        if (!string.IsNullOrEmpty(fromReference.Duration))
        {
            return (new TimeLimit(fromReference.Duration, fromReference.Calendar, null), "referenceData");
        }

        return timeLimit is null ? (null, null) : (new TimeLimit(timeLimit, calendar, null), "timeLimit");
    }

    // Limits in different kinds of time only compare on the calendar: both are laid out from now.
    private bool IsLooser(TimeLimit proposed, TimeLimit old)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            return limits.Calculate(proposed, now).Due > limits.Calculate(old, now).Due;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Dictionary<string, string[]>? Invalid(ApplyRecommendationRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.DefinitionKey))
        {
            errors["definitionKey"] = ["Name the process (its definition key, e.g. case-handling)."];
        }

        if (string.IsNullOrWhiteSpace(request?.NodeId))
        {
            errors["nodeId"] = ["Name the user task (its BPMN id, e.g. handle)."];
        }

        if (string.IsNullOrWhiteSpace(request?.Limit))
        {
            errors["limit"] = ["Give the new limit as an ISO-8601 duration, e.g. P2D or PT12H."];
        }

        if (request?.Note is { Length: > MaxNoteLength })
        {
            errors["note"] = [$"The note is at most {MaxNoteLength} characters."];
        }

        return errors.Count == 0 ? null : errors;
    }

    private static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The draft needs fixing first");
}
