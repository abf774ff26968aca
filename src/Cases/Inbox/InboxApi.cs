using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Access;
using Tongguan.Cases.Attachments;
using Tongguan.Cases.CaseFile;
using Tongguan.Cases.Deadlines;
using Tongguan.Cases.Forms;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.Processes;
using Tongguan.Cases.ReferenceData;
using Tongguan.Designer;
using Tongguan.Sla.Deadlines;
using Tongguan.Sla.Deadlines.Adjustments;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Inbox;

public sealed record InboxCompleteRequest(JsonObject? Output);

public sealed record ReturnRequest(string? Reason);

public sealed record CoHandlingRequest(string[]? Departments, string? Note);

public sealed record InboxExtensionRequest(string? Extension, string? Reason);

public sealed record DelegateRequest(string? ToUser);

public sealed record CommentRequest(string? Text);

public sealed record CommentResponse(Guid Id, string CaseNumber, string? TaskId, string Actor, DateTimeOffset At, string Text);

/// <summary>
/// The officer's inbox (API; the screens come with the UI): the caller's tasks in their org scope, and what they do
/// with one — claim, unclaim, delegate, complete with the task's form, return a dispatch, ask for an extension or
/// for co-handling, comment, attach proof. Every action checks that the task is in the caller's scope.
/// </summary>
public static class InboxApi
{
    public const int MaxCommentLength = 2000;

    public static RouteGroupBuilder MapInboxApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/inbox").WithTags("Inbox");
        group.RequireAuthorization(Policies.CaseWork);
        group.MapGet("/", ListAsync).WithName("ListInbox")
            .WithSummary("The caller's tasks (assigned to them or open to their role@unit groups) with case and deadline colour; filters, sort and paging; counts for the badges.");
        var task = group.MapGroup("/tasks/{id}");
        task.MapPost("/claim", ClaimAsync).WithName("InboxClaim");
        task.MapPost("/unclaim", UnclaimAsync).WithName("InboxUnclaim");
        task.MapPost("/delegate", DelegateAsync).WithName("InboxDelegate")
            .WithSummary("Hands the task to another user who is in one of the task's groups.");
        task.MapPost("/complete", CompleteAsync).WithName("InboxComplete")
            .WithSummary("Completes the task with its form's data (validated against the form named by tg:formKey).");
        task.MapPost("/return", ReturnAsync).WithName("InboxReturn")
            .WithSummary("Returns a dispatched case (退单) with the reason; only on an accept task.");
        task.MapPost("/co-handling", CoHandlingAsync).WithName("InboxCoHandling")
            .WithSummary("Asks the street to summon departments to co-handle the case (吹哨); only on a handle task.");
        task.MapPost("/extension", ExtensionAsync).WithName("InboxExtension")
            .WithSummary("Asks for more time on the task's deadline; someone else approves it at /api/deadline-adjustments/{id}/approve.");
        task.MapPost("/comments", CommentAsync).WithName("InboxComment");
        task.MapPost("/attachments", AttachAsync).WithName("InboxAttach").AcceptsUploads()
            .WithSummary("Stores the request body (or the first file of a multipart/form-data body) as a proof file of the case (JPEG, PNG, WebP, GIF, HEIC/HEIF or PDF, sniffed from its bytes); ?fileName= names it.");
        endpoints.MapGet("/api/cases/{number}/attachments/{attachmentId:guid}", DownloadAsync).WithTags("Cases").WithName("DownloadAttachment")
            .RequireAuthorization(Policies.CaseRead);
        return group;
    }

    private static async Task<Results<Ok<InboxPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext context,
        ReferenceDataSnapshot data,
        InboxQuery query,
        CancellationToken cancellationToken,
        InboxView view = InboxView.All,
        CaseStatus[]? caseStatus = null,
        string? category = null,
        Channel? channel = null,
        string? area = null,
        Urgency? urgency = null,
        bool? overdue = null,
        DateTimeOffset? dueBefore = null,
        InboxSort sort = InboxSort.Due,
        int skip = 0,
        int take = 50)
    {
        if (Paging.Check(skip, take) is { } problem)
        {
            return problem;
        }

        var caller = Caller.Of(context, data);
        if (!caller.IsKnown)
        {
            return UnknownUser(caller);
        }

        return TypedResults.Ok(await query.ListAsync(
            caller, new InboxFilter(view, caseStatus, category, channel, area, urgency, overdue, dueBefore, sort, skip, take), cancellationToken).ConfigureAwait(false));
    }

    private static Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ClaimAsync(
        string id, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, IDeadlineQueries deadlines, CancellationToken cancellationToken) =>
        ChangeHolderAsync(id, context, data, runtime, deadlines, runtime.ClaimTaskAsync, cancellationToken);

    private static Task<Results<Ok<TaskResponse>, ProblemHttpResult>> UnclaimAsync(
        string id, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, IDeadlineQueries deadlines, CancellationToken cancellationToken) =>
        ChangeHolderAsync(id, context, data, runtime, deadlines, runtime.UnclaimTaskAsync, cancellationToken);

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ChangeHolderAsync(
        string id, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, IDeadlineQueries deadlines,
        Func<string, Actor, CancellationToken, Task<UserTaskRecord>> change, CancellationToken cancellationToken)
    {
        var (task, refusal) = await InScopeAsync(id, context, data, runtime, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        await change(task!.Id, context.GetActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await ReadTaskAsync(id, runtime, deadlines, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> DelegateAsync(
        string id, DelegateRequest request, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, IDeadlineQueries deadlines,
        CancellationToken cancellationToken)
    {
        var (task, refusal) = await InScopeAsync(id, context, data, runtime, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var to = request.ToUser is { Length: > 0 } name ? data.FindUser(name) : null;
        var groups = task!.Candidates.Where(c => c.Kind == CandidateKind.Group).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (to is null || !data.CandidateGroupsOf(to.Id).Any(g => groups.Contains(g.ToString())))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["toUser"] = [$"'{request.ToUser}' is not a user of this task's groups ({string.Join(", ", groups)})."] },
                title: "The task cannot be delegated to that user");
        }

        await runtime.DelegateTaskAsync(task.Id, to.Id, context.GetActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await ReadTaskAsync(id, runtime, deadlines, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        string id, InboxCompleteRequest? request, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, FormCatalog forms,
        TongguanDbContext db, CancellationToken cancellationToken)
    {
        var (task, refusal) = await InScopeAsync(id, context, data, runtime, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        return await CompleteWithFormAsync(task!, request?.Output ?? [], context, data, runtime, forms, db, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> ReturnAsync(
        string id, ReturnRequest request, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, FormCatalog forms,
        TongguanDbContext db, CancellationToken cancellationToken)
    {
        var (task, refusal) = await InScopeAsync(id, context, data, runtime, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (task!.FormKey != "accept")
        {
            return WrongStep(task, "Only a case sent to your unit (an accept task) can be returned.");
        }

        return await CompleteWithFormAsync(task, new JsonObject { ["decision"] = "return", ["reason"] = request.Reason }, context, data, runtime, forms, db, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> CoHandlingAsync(
        string id, CoHandlingRequest request, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, FormCatalog forms,
        TongguanDbContext db, CancellationToken cancellationToken)
    {
        var (task, refusal) = await InScopeAsync(id, context, data, runtime, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (task!.FormKey != "handle")
        {
            return WrongStep(task, "Co-handling is asked for while handling a case (a handle task).");
        }

        var output = new JsonObject
        {
            ["outcome"] = "coHandle",
            ["departments"] = new JsonArray([.. (request.Departments ?? []).Select(d => (JsonNode?)JsonValue.Create(d))]),
        };
        if (request.Note is not null)
        {
            output["note"] = request.Note;
        }

        return await CompleteWithFormAsync(task, output, context, data, runtime, forms, db, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Created<AdjustmentResponse>, ProblemHttpResult>> ExtensionAsync(
        string id, InboxExtensionRequest request, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, IDeadlineQueries deadlines,
        IDeadlineAdjustments adjustments, CancellationToken cancellationToken)
    {
        var (task, refusal) = await InScopeAsync(id, context, data, runtime, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var due = await deadlines.FindByTasksAsync([task!.Id], cancellationToken).ConfigureAwait(false);
        if (!due.TryGetValue(task.Id, out var deadline))
        {
            return WrongStep(task, "This task has no time limit to extend.");
        }

        var created = await adjustments.RequestExtensionAsync(deadline.Id, request.Extension!, request.Reason!, context.GetActor().Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/deadline-adjustments/{created.Id}", AdjustmentResponse.From(created));
    }

    private static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> CommentAsync(
        string id, CommentRequest request, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, TongguanDbContext db,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var (task, refusal) = await InScopeAsync(id, context, data, runtime, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var text = request.Text?.Trim();
        var problem = string.IsNullOrEmpty(text) ? "A comment needs text."
            : text.Length > MaxCommentLength ? $"A comment has at most {MaxCommentLength} characters; this one has {text.Length}."
            : PlainText.Problem(text) is { } plain ? $"The comment {plain}"
            : null;
        if (problem is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [problem] }, title: "The comment cannot be saved");
        }

        var owner = await CaseOfAsync(db, task!, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return WrongStep(task!, "This task belongs to no case.");
        }

        var now = timeProvider.GetUtcNow();
        var comment = new CaseEvent { Id = Guid.CreateVersion7(now), CaseId = owner.Id, Kind = CaseEventKind.Comment, TaskId = task!.Id, Actor = context.GetActor().Id, At = now, Text = text };
        db.Add(comment);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/cases/{owner.Number}/timeline", new CommentResponse(comment.Id, owner.Number, task.Id, comment.Actor, now, text!));
    }

    private static async Task<Results<Created<AttachmentView>, ProblemHttpResult>> AttachAsync(
        string id, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, TongguanDbContext db, AttachmentStore store,
        TimeProvider timeProvider, CancellationToken cancellationToken, string? fileName = null)
    {
        var (task, refusal) = await InScopeAsync(id, context, data, runtime, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var owner = await CaseOfAsync(db, task!, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return WrongStep(task!, "This task belongs to no case.");
        }

        StoredAttachment stored;
        try
        {
            // The web app posts the file picked in the browser as multipart/form-data (its first file); other clients send the bytes as the body.
            if (context.Request.HasFormContentType)
            {
                var read = await UploadForms.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
                if (read.Form is not { } form)
                {
                    return TypedResults.Problem(read.Error, statusCode: read.Status, title: "The file was not accepted");
                }

                if (form.Files.Count == 0)
                {
                    return TypedResults.Problem("The form carries no file.", statusCode: StatusCodes.Status400BadRequest, title: "The file was not accepted");
                }

                var file = form.Files[0];
                await using var content = file.OpenReadStream();
                stored = await store.SaveAsync(content, fileName ?? file.FileName, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                stored = await store.SaveAsync(context.Request.Body, fileName, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AttachmentRejectedException rejected)
        {
            var status = rejected.Reason switch
            {
                AttachmentRejectionReason.TooLarge => StatusCodes.Status413PayloadTooLarge,
                AttachmentRejectionReason.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
                _ => StatusCodes.Status400BadRequest,
            };
            return TypedResults.Problem(rejected.Message, statusCode: status, title: "The file was not accepted");
        }

        var now = timeProvider.GetUtcNow();
        var actor = context.GetActor().Id;
        var attachment = new CaseAttachment
        {
            Id = stored.Id, CaseId = owner.Id, TaskId = task!.Id, StorageKey = stored.StorageKey, FileName = stored.FileName,
            ContentType = stored.ContentType, Length = stored.Length, Sha256 = stored.Sha256, UploadedBy = actor, UploadedAt = now,
        };
        db.Add(attachment);
        db.Add(new CaseEvent
        {
            Id = Guid.CreateVersion7(now), CaseId = owner.Id, Kind = CaseEventKind.Attachment, TaskId = task.Id, Actor = actor, At = now,
            AttachmentId = stored.Id, Text = $"{stored.FileName} ({stored.ContentType}, {stored.Length} bytes)",
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The row never made it: the file would be an orphan nobody can reach.
            await store.DeleteAsync(stored.StorageKey, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return TypedResults.Created(
            $"/api/cases/{owner.Number}/attachments/{stored.Id}",
            new AttachmentView(stored.Id, stored.FileName, stored.ContentType, stored.Length, task.Id, actor, now));
    }

    private static async Task<IResult> DownloadAsync(
        string number, Guid attachmentId, HttpContext context, TongguanDbContext db, AttachmentStore store, ReferenceDataSnapshot data, WorkflowRuntime runtime,
        CancellationToken cancellationToken)
    {
        var found = await (
            from a in db.Set<CaseAttachment>().AsNoTracking()
            join c in db.Set<Case>().AsNoTracking() on a.CaseId equals c.Id
            where c.Number == number && a.Id == attachmentId
            select new { Attachment = a, Case = c }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var attachment = found is not null && await CaseFileApi.IsVisibleAsync(found.Case, Caller.Of(context, data), data, runtime, cancellationToken).ConfigureAwait(false)
            ? found.Attachment
            : null;
        if (attachment is null)
        {
            return TypedResults.Problem($"Case '{number}' has no attachment {attachmentId}.", statusCode: StatusCodes.Status404NotFound, title: "Attachment not found");
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        var stream = await store.OpenReadAsync(attachment.StorageKey, cancellationToken).ConfigureAwait(false);
        return TypedResults.Stream(stream, attachment.ContentType, attachment.FileName);
    }

    // ---- shared steps ----

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> CompleteWithFormAsync(
        UserTaskRecord task, JsonObject output, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, FormCatalog forms,
        TongguanDbContext db, CancellationToken cancellationToken)
    {
        if (task.Assignee is { } holder && holder != context.GetActor().Id)
        {
            return TypedResults.Problem(
                $"Task '{task.Id}' is claimed by {holder}; they complete it, or unclaim or delegate it first.",
                statusCode: StatusCodes.Status409Conflict, title: "Someone else holds this task");
        }

        if (task.FormKey is { } formKey)
        {
            var form = forms.Find(formKey);
            if (form is null)
            {
                return TypedResults.Problem(
                    $"Task '{task.Id}' uses the form '{formKey}', which this installation does not have (definitions/forms).",
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "The task's form is missing");
            }

            var errors = new Dictionary<string, string[]>(FormValidation.Validate(form, output, unit => data.FindOrgUnit(unit) is not null), StringComparer.Ordinal);
            if (errors.Count == 0)
            {
                await CheckCaseReferencesAsync(errors, task, output, db, cancellationToken).ConfigureAwait(false);
            }

            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: $"The '{formKey}' form is not filled in correctly");
            }
        }

        await runtime.CompleteTaskAsync(task.Id, context.GetActor(), output, cancellationToken).ConfigureAwait(false);
        var done = await runtime.GetTaskAsync(task.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(TaskResponse.From(done!, null));
    }

    /// <summary>What the form cannot know: a merge target must be another open case; attachments must be this case's.</summary>
    private static async Task CheckCaseReferencesAsync(
        Dictionary<string, string[]> errors, UserTaskRecord task, JsonObject output, TongguanDbContext db, CancellationToken cancellationToken)
    {
        if (CaseVariables.Text(output, CaseVariables.MergeInto) is { } target && CaseVariables.Text(output, CaseVariables.Decision) == "merge")
        {
            var open = CaseStatuses.Open.ToArray();
            var exists = target != task.BusinessKey && await db.Set<Case>().AnyAsync(c => c.Number == target && open.Contains(c.Status), cancellationToken).ConfigureAwait(false);
            if (!exists)
            {
                errors["mergeInto"] = [$"'{target}' is not another open case; a report can only be merged into an open case."];
            }
        }

        if (output["attachments"] is JsonArray attachments && attachments.Count > 0)
        {
            var ids = attachments.Select(a => Guid.TryParse((string?)a, out var g) ? g : Guid.Empty).ToArray();
            var owner = await CaseOfAsync(db, task, cancellationToken).ConfigureAwait(false);
            var known = owner is null ? 0 : await db.Set<CaseAttachment>().CountAsync(a => a.CaseId == owner.Id && ids.Contains(a.Id), cancellationToken).ConfigureAwait(false);
            if (known != ids.Distinct().Count())
            {
                errors["attachments"] = ["Every attachment must first be uploaded to this case (POST .../attachments)."];
            }
        }
    }

    private static async Task<(UserTaskRecord? Task, ProblemHttpResult? Refusal)> InScopeAsync(
        string id, HttpContext context, ReferenceDataSnapshot data, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context, data);
        if (!caller.IsKnown)
        {
            return (null, UnknownUser(caller));
        }

        var task = await runtime.GetTaskAsync(id, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return (null, TypedResults.Problem($"Task '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Task not found"));
        }

        if (task.Status is not (UserTaskStatus.Open or UserTaskStatus.Assigned))
        {
            return (null, TypedResults.Problem(
                $"Task '{id}' is {task.Status.ToString().ToLowerInvariant()}{(task.CompletedBy is { } by ? $" (by {by})" : "")}; nothing can be done on it any more.",
                statusCode: StatusCodes.Status409Conflict, title: "The task does not allow this now"));
        }

        var groups = task.Candidates.Where(c => c.Kind == CandidateKind.Group).Select(c => c.Value).ToList();
        var inScope = task.Assignee == caller.Id
                      || task.Candidates.Any(c => c.Kind == CandidateKind.User && c.Value == caller.Id)
                      || groups.Any(g => caller.Groups.Contains(g, StringComparer.Ordinal));
        return inScope
            ? (task, null)
            : (null, TypedResults.Problem(
                $"Task '{id}' is for {string.Join(", ", groups.DefaultIfEmpty(task.Assignee ?? "nobody"))}; {caller.Id} ({string.Join(", ", caller.Groups)}) may not work on it.",
                statusCode: StatusCodes.Status403Forbidden, title: "Not your task"));
    }

    private static async Task<TaskResponse> ReadTaskAsync(string id, WorkflowRuntime runtime, IDeadlineQueries deadlines, CancellationToken cancellationToken)
    {
        var task = await runtime.GetTaskAsync(id, cancellationToken).ConfigureAwait(false);
        var due = await deadlines.FindByTasksAsync([id], cancellationToken).ConfigureAwait(false);
        return TaskResponse.From(task!, due.GetValueOrDefault(id));
    }

    private static async Task<Case?> CaseOfAsync(TongguanDbContext db, UserTaskRecord task, CancellationToken cancellationToken) =>
        task.BusinessKey is { } number
            ? await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(c => c.Number == number, cancellationToken).ConfigureAwait(false)
            : null;

    private static ProblemHttpResult WrongStep(UserTaskRecord task, string detail) =>
        TypedResults.Problem($"{detail} Task '{task.Id}' is '{task.Name ?? task.NodeId}'.", statusCode: StatusCodes.Status409Conflict, title: "Not possible on this task");

    private static ProblemHttpResult UnknownUser(Caller caller) =>
        TypedResults.Problem($"'{caller.Id}' is not a user of the reference data (definitions/reference/org.json), so no task is in their scope.",
            statusCode: StatusCodes.Status403Forbidden, title: "Unknown user");

}
