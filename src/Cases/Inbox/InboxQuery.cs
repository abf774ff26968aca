using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Access;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.Processes;
using Tongguan.Sla.Deadlines;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Inbox;

/// <summary>Which of the caller's tasks to list.</summary>
public enum InboxView
{
    /// <summary>Open to one of my groups (claimed by a colleague or not) or assigned to me.</summary>
    All,

    /// <summary>Assigned to me.</summary>
    Mine,

    /// <summary>Open to one of my groups and not yet claimed.</summary>
    Unclaimed,
}

public enum InboxSort
{
    /// <summary>Soonest due first; tasks without a time limit last.</summary>
    Due,

    Created,

    /// <summary>Most urgent first, then soonest due.</summary>
    Urgency,
}

/// <summary>The inbox filters; all given ones must hold.</summary>
public sealed record InboxFilter(
    InboxView View = InboxView.All,
    CaseStatus[]? CaseStatus = null,
    string? Category = null,
    Channel? Channel = null,
    string? Area = null,
    Urgency? Urgency = null,
    bool? Overdue = null,
    DateTimeOffset? DueBefore = null,
    InboxSort Sort = InboxSort.Due,
    int Skip = 0,
    int Take = 50);

public sealed record InboxCase(string Number, CaseStatus Status, string CategoryCode, Channel Channel, Urgency Urgency, string Description, string? Address, string? DistrictId, string? StreetId, string? CommunityId, string? GridCellId);

public sealed record InboxItem(TaskResponse Task, InboxCase Case, string Colour);

public sealed record InboxCounts(int Total, int Mine, int Unclaimed, int Overdue, int Warning);

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Total, int Skip, int Take, InboxCounts Counts);

/// <summary>
/// The caller's tasks with their cases and deadlines, in one indexed query: tasks whose candidate groups are the
/// caller's (role@unit, so an officer only ever sees their own unit's work) or that are assigned to them.
/// </summary>
internal sealed class InboxQuery(TongguanDbContext db, TimeProvider timeProvider)
{
    private static readonly UserTaskStatus[] Live = [UserTaskStatus.Open, UserTaskStatus.Assigned];

    private sealed class Row
    {
        public required UserTaskRecord Task { get; init; }

        public required Case Case { get; init; }

        public DeadlineRecord? Deadline { get; init; }
    }

    public async Task<InboxPage> ListAsync(Caller caller, InboxFilter filter, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var scoped = Scoped(caller);
        var rows = Filter(scoped, filter, caller.Id, now);

        var ordered = filter.Sort switch
        {
            InboxSort.Created => rows.OrderByDescending(r => r.Task.CreatedAt),
            InboxSort.Urgency => rows.OrderByDescending(r => r.Case.Urgency).ThenBy(r => r.Deadline == null).ThenBy(r => r.Deadline!.DueAt),
            _ => rows.OrderBy(r => r.Deadline == null).ThenBy(r => r.Deadline!.DueAt).ThenBy(r => r.Task.CreatedAt),
        };
        var page = await ordered.ThenBy(r => r.Task.Id).Skip(filter.Skip).Take(filter.Take)
            .Select(r => new { r.Task, r.Case, r.Deadline, Candidates = r.Task.Candidates.ToList() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var me = caller.Id;
        // One scan for all the badges instead of one query each.
        var counts = await scoped.GroupBy(_ => 1)
            .Select(g => new InboxCounts(
                g.Count(),
                g.Count(r => r.Task.Assignee == me),
                g.Count(r => r.Task.Assignee == null),
                g.Count(r => r.Deadline != null && r.Deadline.DueAt <= now),
                g.Count(r => r.Deadline != null && r.Deadline.WarningAt <= now && r.Deadline.DueAt > now)))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? new InboxCounts(0, 0, 0, 0, 0);

        // Without filters beyond the view, the total is one of the badges' counts: no second scan of the caller's tasks.
        var total = filter with { View = InboxView.All, Sort = InboxSort.Due, Skip = 0, Take = 0 } == new InboxFilter(Take: 0)
            ? filter.View switch
            {
                InboxView.Mine => counts.Mine,
                InboxView.Unclaimed => counts.Unclaimed,
                _ => counts.Total,
            }
            : await rows.CountAsync(cancellationToken).ConfigureAwait(false);

        var items = page.Select(r =>
        {
            r.Task.Candidates = r.Candidates;
            var c = r.Case;
            return new InboxItem(
                TaskResponse.From(r.Task, r.Deadline),
                new InboxCase(c.Number, c.Status, c.CategoryCode, c.Channel, c.Urgency, c.Description, c.Address, c.DistrictId, c.StreetId, c.CommunityId, c.GridCellId),
                Colour(r.Deadline, now));
        }).ToList();
        return new InboxPage(items, total, filter.Skip, filter.Take, counts);
    }

    /// <summary>Green before the warning, yellow after it, red once due; none for tasks without a time limit.</summary>
    public static string Colour(DeadlineRecord? deadline, DateTimeOffset now) =>
        deadline is null || deadline.Status != DeadlineStatus.Pending ? "none"
        : now >= deadline.DueAt ? "red"
        : now >= deadline.WarningAt ? "yellow"
        : "green";

    private IQueryable<Row> Scoped(Caller caller)
    {
        var groups = caller.Groups.ToArray();
        var me = caller.Id;
        var tasks = db.Set<UserTaskRecord>().AsNoTracking()
            .Where(t => Live.Contains(t.Status))
            .Where(t => t.Assignee == me || t.Candidates.Any(c =>
                !c.TaskEnded && ((c.Kind == CandidateKind.Group && groups.Contains(c.Value)) || (c.Kind == CandidateKind.User && c.Value == me))));
        return from t in tasks
               join c in db.Set<Case>().AsNoTracking() on t.BusinessKey equals c.Number
               join d in db.Set<DeadlineRecord>().AsNoTracking() on t.Id equals d.BookmarkId into deadlines
               from d in deadlines.DefaultIfEmpty()
               select new Row { Task = t, Case = c, Deadline = d };
    }

    private static IQueryable<Row> Filter(IQueryable<Row> rows, InboxFilter filter, string me, DateTimeOffset now)
    {
        rows = filter.View switch
        {
            InboxView.Mine => rows.Where(r => r.Task.Assignee == me),
            InboxView.Unclaimed => rows.Where(r => r.Task.Assignee == null),
            _ => rows,
        };
        if (filter.CaseStatus is { Length: > 0 } statuses)
        {
            rows = rows.Where(r => statuses.Contains(r.Case.Status));
        }

        if (filter.Category is { } category)
        {
            rows = category.Length <= 3 ? rows.Where(r => r.Case.CategoryCode.StartsWith(category)) : rows.Where(r => r.Case.CategoryCode == category);
        }

        if (filter.Channel is { } channel)
        {
            rows = rows.Where(r => r.Case.Channel == channel);
        }

        if (filter.Area is { } area)
        {
            rows = rows.Where(r => r.Case.DistrictId == area || r.Case.StreetId == area || r.Case.CommunityId == area || r.Case.GridCellId == area);
        }

        if (filter.Urgency is { } urgency)
        {
            rows = rows.Where(r => r.Case.Urgency == urgency);
        }

        if (filter.Overdue is { } overdue)
        {
            rows = overdue
                ? rows.Where(r => r.Deadline != null && r.Deadline.DueAt <= now)
                : rows.Where(r => r.Deadline == null || r.Deadline.DueAt > now);
        }

        if (filter.DueBefore is { } dueBefore)
        {
            rows = rows.Where(r => r.Deadline != null && r.Deadline.DueAt < dueBefore);
        }

        return rows;
    }
}
