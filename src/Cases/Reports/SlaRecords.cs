using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Sla.Deadlines;
using Tongguan.Sla.Mining;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Reports;

/// <summary>
/// Streams the mining's flat rows from the real tables: one forward-only query each, no tracking, with the per-case and
/// per-task facts (first response, breaches, claims, returns) as correlated sub-queries, so nothing is held in memory
/// beyond the row being read. A case's task and deadline rows are reached through its process instances (indexed by
/// business key, and tasks and deadlines by instance), not through their own business-key columns, which have no index.
/// </summary>
public sealed class SlaRecords(TongguanDbContext db)
{
    /// <summary>The accept task (签收/退单) of the dispatch process: its first completion is the case's first response.</summary>
    public const string AcceptStep = "accept";

    /// <summary>The handle task (处置): a second one of the same case is a rework or a reopening (返工).</summary>
    public const string HandleStep = "handle";

    /// <summary>How an accept task's output records a return (退单); see InboxApi's return endpoint.</summary>
    private const string ReturnMarker = "\"decision\":\"return\"";

    /// <summary>Cases reported in <c>[from, to)</c>; merged duplicates and rejected reports are not cases of the city.</summary>
    public async IAsyncEnumerable<CaseRecord> CasesAsync(
        DateTimeOffset? from,
        DateTimeOffset? to,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = Cases(from, to).Select(c => new
        {
            c.Number,
            c.ResponsibleUnitId,
            c.DistrictId,
            c.StreetId,
            c.CategoryCode,
            c.Channel,
            c.Status,
            c.ReportedAt,
            c.ClosedAt,
            c.Reworks,
            c.Reopenings,
            c.Satisfaction,
            RespondedAt = db.Set<InstanceRecord>().Where(i => i.BusinessKey == c.Number)
                .Join(db.Set<UserTaskRecord>(), i => i.Id, t => t.InstanceId, (i, t) => t)
                // Completed, said without an equality on the status: SQLite without statistics would otherwise walk the
                // (status, created) index through every completed task of the city for each case.
                .Where(t => t.NodeId == AcceptStep && t.EndedAt != null && t.Status != UserTaskStatus.Cancelled)
                .OrderBy(t => t.EndedAt)
                .Select(t => t.EndedAt)
                .FirstOrDefault(),
            // The deadline row, not the task's due column: it is where the category's accept limit lands.
            ResponseDueAt = db.Set<InstanceRecord>().Where(i => i.BusinessKey == c.Number)
                .Join(db.Set<DeadlineRecord>(), i => i.Id, d => d.InstanceId, (i, d) => d)
                .Where(d => d.NodeId == AcceptStep)
                .OrderBy(d => d.StartedAt)
                .Select(d => (DateTimeOffset?)d.DueAt)
                .FirstOrDefault(),
            Overdue = db.Set<InstanceRecord>().Where(i => i.BusinessKey == c.Number)
                .Join(db.Set<DeadlineRecord>(), i => i.Id, d => d.InstanceId, (i, d) => d)
                .Any(d => d.BreachedAt != null || d.CompletedLate),
        }).AsAsyncEnumerable();

        await foreach (var c in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new CaseRecord(
                c.Number,
                c.ResponsibleUnitId ?? KpiUnknown,
                c.DistrictId,
                c.StreetId,
                c.CategoryCode,
                c.Channel.ToString(),
                c.ReportedAt,
                c.RespondedAt,
                c.ResponseDueAt,
                c.Status == CaseStatus.Closed ? c.ClosedAt : null,
                Resolved: c.Status == CaseStatus.Closed,
                c.Overdue,
                c.Reworks + c.Reopenings,
                SatisfactionOf(c.Satisfaction));
        }
    }

    /// <summary>Cases counted by <see cref="CasesAsync"/>, for progress.</summary>
    public Task<int> CountCasesAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        Cases(from, to).CountAsync(cancellationToken);

    /// <summary>User-task executions of cases opened in <c>[from, to)</c>, of one process or all.</summary>
    /// <param name="process">The process key; every process when null.</param>
    /// <param name="from">First instant a task may have opened at; unbounded when null.</param>
    /// <param name="to">Tasks opened at or after this instant are left out; unbounded when null.</param>
    /// <param name="interrupted">
    /// Also the tasks that ended without being done (a breach's boundary event, an escalation's reassignment), as if
    /// completed when they ended: their time was spent all the same. Bottlenecks want them; limit proposals do not
    /// (an interrupted step says nothing about how long the work takes).
    /// </param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public async IAsyncEnumerable<StepRecord> StepsAsync(
        string? process,
        DateTimeOffset? from,
        DateTimeOffset? to,
        bool interrupted,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The deadline is joined (BookmarkId is unique), not read with FirstOrDefault: EF Core turns a first-of projection
        // of several columns into a join with a ROW_NUMBER() sub-query over every deadline of the city.
        var deadlines = db.Set<DeadlineRecord>().AsNoTracking();
        var rows = Tasks(process, from, to, interrupted).SelectMany(t => deadlines.Where(d => d.BookmarkId == t.Id).DefaultIfEmpty(), (t, d) => new
        {
            t.Id,
            t.BusinessKey,
            t.DefinitionKey,
            t.NodeId,
            t.Status,
            t.CreatedAt,
            t.EndedAt,
            Group = db.Set<TaskCandidate>()
                .Where(k => k.TaskId == t.Id && k.Kind == CandidateKind.Group)
                .Select(k => k.Value)
                .FirstOrDefault(),
            Category = db.Set<Case>().Where(c => c.Number == t.BusinessKey).Select(c => c.CategoryCode).FirstOrDefault(),
            // The node compared through COALESCE on purpose: SQLite (3.53) otherwise searched the (node, at) index from the
            // task's opening on — every later journal row of that node in the city, per task — instead of the instance's
            // few rows by (instance, sequence); quadratic, ~500 s for the recommendations over a million journal rows.
            ClaimedAt = db.Set<JournalRecord>()
                .Where(j => j.InstanceId == t.InstanceId && (j.NodeId ?? "") == t.NodeId && j.EventType == JournalEventType.TaskClaimed
                    && j.At >= t.CreatedAt && (t.EndedAt == null || j.At <= t.EndedAt))
                .OrderBy(j => j.Sequence)
                .Select(j => (DateTimeOffset?)j.At)
                .FirstOrDefault(),
            Returned = t.NodeId == AcceptStep && db.Set<JournalRecord>().Any(j =>
                j.InstanceId == t.InstanceId && j.EventType == JournalEventType.TaskCompleted && j.Detail == t.Id
                && j.DataJson != null && j.DataJson.Contains(ReturnMarker)),
            Reworked = t.NodeId == HandleStep && db.Set<InstanceRecord>().Where(i => i.BusinessKey == t.BusinessKey)
                .Join(db.Set<UserTaskRecord>(), i => i.Id, o => o.InstanceId, (i, o) => o)
                .Any(o => o.NodeId == HandleStep && o.CreatedAt < t.CreatedAt),
            Limit = d == null ? null : d.Limit,
            LimitCalendar = d == null ? (CalendarKind?)null : d.CalendarKind,
            Breached = d != null && (d.BreachedAt != null || d.CompletedLate),
        }).AsAsyncEnumerable();

        await foreach (var t in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new StepRecord(
                t.BusinessKey ?? t.Id,
                t.DefinitionKey,
                t.NodeId,
                t.Category ?? KpiUnknown,
                OrgUnitOf(t.Group),
                t.CreatedAt,
                t.ClaimedAt,
                t.Status is UserTaskStatus.Completed or UserTaskStatus.Cancelled ? t.EndedAt : null,
                t.Limit,
                t.LimitCalendar ?? default,
                t.Breached,
                t.Returned,
                t.Reworked);
        }
    }

    /// <summary>Steps counted by <see cref="StepsAsync"/>, for progress.</summary>
    public Task<int> CountStepsAsync(string? process, DateTimeOffset? from, DateTimeOffset? to, bool interrupted, CancellationToken cancellationToken) =>
        Tasks(process, from, to, interrupted).CountAsync(cancellationToken);

    /// <summary>The unit of a candidate group <c>role@unit</c>; the whole text when it has no unit part.</summary>
    public static string OrgUnitOf(string? group)
    {
        if (group is null)
        {
            return KpiUnknown;
        }

        var at = group.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? group : group[(at + 1)..];
    }

    private const string KpiUnknown = Sla.Mining.Kpis.KpiGroup.Unknown;

    private IQueryable<Case> Cases(DateTimeOffset? from, DateTimeOffset? to)
    {
        var cases = db.Set<Case>().AsNoTracking().Where(c => c.Status != CaseStatus.Merged && c.Status != CaseStatus.Rejected);
        if (from is { } f)
        {
            cases = cases.Where(c => c.ReportedAt >= f);
        }

        if (to is { } t)
        {
            cases = cases.Where(c => c.ReportedAt < t);
        }

        return cases;
    }

    private IQueryable<UserTaskRecord> Tasks(string? process, DateTimeOffset? from, DateTimeOffset? to, bool interrupted)
    {
        var tasks = db.Set<UserTaskRecord>().AsNoTracking();
        if (!interrupted)
        {
            tasks = tasks.Where(t => t.Status != UserTaskStatus.Cancelled);
        }

        if (process is not null)
        {
            tasks = tasks.Where(t => t.DefinitionKey == process);
        }

        if (from is { } f)
        {
            tasks = tasks.Where(t => t.CreatedAt >= f);
        }

        if (to is { } end)
        {
            tasks = tasks.Where(t => t.CreatedAt < end);
        }

        return tasks;
    }

    private static Satisfaction SatisfactionOf(string? rating) => rating switch
    {
        "satisfied" => Satisfaction.Satisfied,
        "basicallySatisfied" => Satisfaction.BasicallySatisfied,
        "unsatisfied" => Satisfaction.Unsatisfied,
        _ => Satisfaction.None,
    };
}
