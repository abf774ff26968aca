using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Access;
using Tongguan.Cases.Deadlines;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.Processes;
using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.Deadlines;
using Tongguan.Sla.Deadlines.Adjustments;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.CaseFile;

public sealed record CaseSummary(
    string Number,
    CaseStatus Status,
    string CategoryCode,
    string? CategoryName,
    Channel Channel,
    Urgency Urgency,
    string Description,
    string? Address,
    double Latitude,
    double Longitude,
    string? GridCellId,
    string? CommunityId,
    string? StreetId,
    string? DistrictId,
    string? ResponsibleUnitId,
    string? EscalationLevel,
    string? EscalatedToUnitId,
    int Escalations,
    int Returns,
    int Reworks,
    int Reopenings,
    int ReportCount,
    DateTimeOffset ReportedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FiledAt,
    DateTimeOffset? ClosedAt,
    string? Satisfaction,
    string? Resolution,
    string? RejectionReason,
    string? MergedInto)
{
    public static CaseSummary From(Case c, ReferenceDataSnapshot data) => new(
        c.Number, c.Status, c.CategoryCode, data.FindCategory(c.CategoryCode)?.Names.Zh, c.Channel, c.Urgency, c.Description, c.Address,
        c.Latitude, c.Longitude, c.GridCellId, c.CommunityId, c.StreetId, c.DistrictId, c.ResponsibleUnitId, c.EscalationLevel,
        c.EscalatedToUnitId, c.Escalations, c.Returns, c.Reworks, c.Reopenings, c.ReportCount, c.ReportedAt, c.CreatedAt, c.FiledAt,
        c.ClosedAt, c.Satisfaction, c.Resolution, c.RejectionReason, c.MergedInto);
}

public sealed record ReportView(
    Guid Id, Channel Channel, ReportLink Link, string CategoryCode, string Text, string? Address, double Latitude, double Longitude,
    string? ReporterName, string? ReporterPhone, DateTimeOffset ReportedAt, string ReceivedBy, double? MergeScore, string? MergeReasons);

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Length, string? TaskId, string UploadedBy, DateTimeOffset UploadedAt);

public sealed record CaseDetail(CaseSummary Case, IReadOnlyList<ReportView> Reports, IReadOnlyList<TaskResponse> OpenTasks, IReadOnlyList<AttachmentView> Attachments);

public sealed record CasePage(IReadOnlyList<CaseSummary> Items, int Total, int Skip, int Take);

/// <summary>The case file (案卷): cases with their merged reports, open tasks, attachments and timeline.</summary>
public static class CaseFileApi
{
    public static RouteGroupBuilder MapCaseFileApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("Cases");
        group.RequireAuthorization(Policies.CaseRead);
        group.MapGet("/", ListAsync).WithName("ListCases")
            .WithSummary("Cases matching every given filter (area = a district, street, community or grid cell id), newest first.");
        group.MapGet("/{number}", GetAsync).WithName("GetCase")
            .WithSummary("The case with all its reports (contact data masked unless the caller calls citizens back), open tasks and attachments.");
        group.MapGet("/{number}/timeline", TimelineAsync).WithName("GetCaseTimeline")
            .WithSummary("Everything that happened to the case, in time order: every process's journal, the deadline clock, and human actions (comments, attachments, merges, escalation notices).");
        return group;
    }

    private static async Task<Results<Ok<CasePage>, ValidationProblem>> ListAsync(
        HttpContext context,
        TongguanDbContext db,
        ReferenceDataSnapshot data,
        CancellationToken cancellationToken,
        CaseStatus[]? status = null,
        string? category = null,
        Channel? channel = null,
        string? area = null,
        string? unit = null,
        int skip = 0,
        int take = 50)
    {
        if (Paging.Check(skip, take) is { } problem)
        {
            return problem;
        }

        var cases = CaseScope.Of(Caller.Of(context, data), data).Filter(db.Set<Case>().AsNoTracking());
        if (status is { Length: > 0 })
        {
            cases = cases.Where(c => status.Contains(c.Status));
        }

        if (category is not null)
        {
            // A major code (S05) selects all its categories.
            cases = data.FindMajor(category) is not null ? cases.Where(c => c.CategoryCode.StartsWith(category)) : cases.Where(c => c.CategoryCode == category);
        }

        if (channel is { } ch)
        {
            cases = cases.Where(c => c.Channel == ch);
        }

        if (area is not null)
        {
            cases = cases.Where(c => c.DistrictId == area || c.StreetId == area || c.CommunityId == area || c.GridCellId == area);
        }

        if (unit is not null)
        {
            cases = cases.Where(c => c.ResponsibleUnitId == unit);
        }

        var total = await cases.CountAsync(cancellationToken).ConfigureAwait(false);
        var page = await cases.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Skip(skip).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CasePage([.. page.Select(c => CaseSummary.From(c, data))], total, skip, take));
    }

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> GetAsync(
        string number, HttpContext context, TongguanDbContext db, ReferenceDataSnapshot data, WorkflowRuntime runtime, IDeadlineQueries deadlines,
        CancellationToken cancellationToken)
    {
        var found = await db.Set<Case>().AsNoTracking().Include(c => c.Reports).FirstOrDefaultAsync(c => c.Number == number, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return NotFound(number);
        }

        var caller = Caller.Of(context, data);
        var scope = CaseScope.Of(caller, data);
        var tasks = await runtime.QueryTasksAsync(
            new TaskQuery { BusinessKey = number, Statuses = [UserTaskStatus.Open, UserTaskStatus.Assigned], Take = 100 }, cancellationToken).ConfigureAwait(false);

        // Out of scope reads as absent: whether a case number exists is itself not for everyone.
        if (!scope.Covers(found) && !tasks.Items.Any(t => CaseScope.MayWorkOn(caller, t)))
        {
            return NotFound(number);
        }

        var reports = found.Reports.OrderBy(r => r.ReportedAt).Select(r => new ReportView(
            r.Id, r.Channel, r.Link, r.CategoryCode, r.Text, r.Address, r.Latitude, r.Longitude,
            caller.SeesPersonalData ? r.ReporterName : PersonalData.MaskName(r.ReporterName),
            caller.SeesPersonalData ? r.ReporterPhone : PersonalData.MaskPhone(r.ReporterPhone),
            r.ReportedAt, r.ReceivedBy, r.MergeScore, r.MergeReasons)).ToList();
        var due = await deadlines.FindByTasksAsync([.. tasks.Items.Select(t => t.Id)], cancellationToken).ConfigureAwait(false);
        var attachments = await db.Set<CaseAttachment>().AsNoTracking().Where(a => a.CaseId == found.Id).OrderBy(a => a.UploadedAt)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Length, a.TaskId, a.UploadedBy, a.UploadedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CaseDetail(
            CaseSummary.From(found, data), reports, [.. tasks.Items.Select(t => TaskResponse.From(t, due.GetValueOrDefault(t.Id)))], attachments));
    }

    private static async Task<Results<Ok<List<TimelineEntry>>, ProblemHttpResult>> TimelineAsync(
        string number, HttpContext context, ReferenceDataSnapshot data, TongguanDbContext db, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var found = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(c => c.Number == number, cancellationToken).ConfigureAwait(false);
        if (found is null || !await IsVisibleAsync(found, Caller.Of(context, data), data, runtime, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(number);
        }

        // All of the case's instances in three set-wise reads (each by the indexed instance id), not three per instance.
        var instances = await runtime.QueryInstancesAsync(new InstanceQuery { BusinessKey = number, Take = 500 }, cancellationToken).ConfigureAwait(false);
        var ids = instances.Select(i => i.Id).ToArray();
        var timeline = new List<TimelineEntry>();
        DeadlinesApi.AddTimeline(
            timeline,
            await runtime.Journal.Where(j => ids.Contains(j.InstanceId)).OrderBy(j => j.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false),
            await db.Set<DeadlineRecord>().AsNoTracking().Where(d => ids.Contains(d.InstanceId)).OrderBy(d => d.StartedAt).ToListAsync(cancellationToken).ConfigureAwait(false),
            await db.Set<DeadlineAdjustmentRecord>().AsNoTracking().Where(a => ids.Contains(a.InstanceId)).OrderBy(a => a.RequestedAt).ToListAsync(cancellationToken).ConfigureAwait(false));

        var events = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == found.Id).OrderBy(e => e.At).ThenBy(e => e.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        timeline.AddRange(events.Select(e => new TimelineEntry(e.At, "case", e.Kind.ToString(), e.TaskId, e.Actor, e.Text)));
        timeline.AddRange(
            (await db.Set<Report>().AsNoTracking().Where(r => r.CaseId == found.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(r => new TimelineEntry(r.ReceivedAt, "case", "ReportReceived", null, r.ReceivedBy, $"{r.Channel} report ({r.Link})")));
        return TypedResults.Ok(timeline.OrderBy(t => t.At).ToList());
    }

    /// <summary>The case is in the caller's <see cref="CaseScope"/>, or the caller may work on one of its open tasks.</summary>
    internal static async Task<bool> IsVisibleAsync(Case found, Caller caller, ReferenceDataSnapshot data, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (CaseScope.Of(caller, data).Covers(found))
        {
            return true;
        }

        var tasks = await runtime.QueryTasksAsync(
            new TaskQuery { BusinessKey = found.Number, Statuses = [UserTaskStatus.Open, UserTaskStatus.Assigned], Take = 100 }, cancellationToken).ConfigureAwait(false);
        return tasks.Items.Any(t => CaseScope.MayWorkOn(caller, t));
    }

    internal static ProblemHttpResult NotFound(string number) =>
        TypedResults.Problem($"Case '{number}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Case not found");
}
