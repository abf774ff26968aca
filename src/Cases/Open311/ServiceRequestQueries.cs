using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Deadlines;

namespace Tongguan.Cases.Open311;

/// <summary>What GET requests may filter by (already checked).</summary>
public sealed record ServiceRequestFilter(
    IReadOnlyList<string>? Ids, IReadOnlyList<string>? ServiceCodes, IReadOnlyList<CaseStatus>? Statuses, DateTimeOffset Start, DateTimeOffset End, int Skip, int Take);

/// <summary>
/// Cases as GeoReport v2 service requests, for citizens and their apps: status open/closed with notes that say what
/// happens next, the responsible unit, the running deadline as expected_datetime — and never a reporter's name,
/// phone or e-mail (those live on the reports, which are not read here).
/// </summary>
public sealed class ServiceRequestQueries(TongguanDbContext db, ReferenceDataSnapshot data, BusinessCalendar calendar)
{
    /// <summary>The user tasks whose running deadline tells a citizen when to expect the next result.</summary>
    public static readonly string[] DeadlineNodes = ["accept", "handle", "verify"];

    public static readonly CaseStatus[] ClosedStatuses = [CaseStatus.Closed, CaseStatus.Rejected, CaseStatus.Merged];

    public async Task<IReadOnlyList<Open311Record>> ListAsync(ServiceRequestFilter filter, string baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var cases = db.Set<Case>().AsNoTracking();
        if (filter.Ids is { Count: > 0 } ids)
        {
            // The spec: service_request_id overrides all other arguments.
            cases = cases.Where(c => ids.Contains(c.Number));
        }
        else
        {
            var (start, end) = (filter.Start, filter.End);
            cases = cases.Where(c => c.ReportedAt >= start && c.ReportedAt <= end);
            if (filter.ServiceCodes is { Count: > 0 } codes)
            {
                cases = cases.Where(c => codes.Contains(c.CategoryCode));
            }

            if (filter.Statuses is { Count: > 0 } statuses)
            {
                cases = cases.Where(c => statuses.Contains(c.Status));
            }
        }

        var page = await cases.OrderByDescending(c => c.ReportedAt).ThenBy(c => c.Id).Skip(filter.Skip).Take(filter.Take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return await ToRequestsAsync(page, baseUrl, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The case number a citizen's tracking code (the POST's token) belongs to; null when none.</summary>
    public async Task<string?> FindByTokenAsync(string token, CancellationToken cancellationToken) =>
        await db.Set<Report>().AsNoTracking().Where(r => r.TrackingCode == token)
            .Join(db.Set<Case>(), r => r.CaseId, c => c.Id, (r, c) => c.Number)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<Open311Record>> ToRequestsAsync(List<Case> page, string baseUrl, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return [];
        }

        var numbers = page.Select(c => (string?)c.Number).ToList();
        var dueRows = await db.Set<DeadlineRecord>().AsNoTracking()
            .Where(d => numbers.Contains(d.BusinessKey) && d.Status == DeadlineStatus.Pending && d.PausedAt == null && DeadlineNodes.Contains(d.NodeId))
            .Select(d => new { d.BusinessKey, d.DueAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var due = dueRows.GroupBy(d => d.BusinessKey!).ToDictionary(g => g.Key, g => g.Min(d => d.DueAt), StringComparer.Ordinal);

        var ids = page.Select(c => c.Id).ToList();
        var mediaRows = await db.Set<CaseEvent>().AsNoTracking()
            .Where(e => ids.Contains(e.CaseId) && e.Actor.StartsWith(PostServiceRequest.ActorPrefix) &&
                        ((e.Kind == CaseEventKind.Comment && e.Text!.StartsWith(PostServiceRequest.MediaUrlPrefix)) || e.Kind == CaseEventKind.Attachment))
            .Select(e => new { e.CaseId, e.Kind, e.Text, e.AttachmentId, e.At, e.Sequence })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var numberOf = page.ToDictionary(c => c.Id, c => c.Number);
        var media = mediaRows.OrderBy(m => m.At).ThenBy(m => m.Sequence).GroupBy(m => m.CaseId).ToDictionary(
            g => g.Key,
            g => g.Select(m => m.Kind == CaseEventKind.Attachment
                ? $"{baseUrl}/api/cases/{numberOf[m.CaseId]}/attachments/{m.AttachmentId}"
                : m.Text![PostServiceRequest.MediaUrlPrefix.Length..]).First());

        return [.. page.Select(c => ToRequest(c, due.TryGetValue(c.Number, out var at) ? at : null, media.GetValueOrDefault(c.Id)))];
    }

    private Open311Record ToRequest(Case c, DateTimeOffset? expected, string? mediaUrl)
    {
        var category = data.FindCategory(c.CategoryCode);
        var closed = ClosedStatuses.Contains(c.Status);
        var unit = c.ResponsibleUnitId is { } unitId ? data.FindOrgUnit(unitId) : null;
        return new Open311Record
        {
            { "service_request_id", c.Number },
            { "status", closed ? "closed" : "open" },
            { "status_notes", StatusNotes(c, unit) },
            { "service_name", category?.Names.Zh ?? c.CategoryCode },
            { "service_code", c.CategoryCode },
            { "description", c.Description },
            { "agency_responsible", unit?.Names.Zh },
            { "service_notice", category is null ? null : ServiceNotice(category) },
            { "requested_datetime", Open311Http.W3(c.ReportedAt, calendar.TimeZone) },
            { "updated_datetime", Open311Http.W3(closed && c.ClosedAt is { } closedAt ? closedAt : c.UpdatedAt, calendar.TimeZone) },
            { "expected_datetime", closed || expected is null ? null : Open311Http.W3(expected.Value, calendar.TimeZone) },
            { "address", c.Address ?? Place(c) },
            { "address_id", c.GridCellId },
            { "zipcode", null },
            { "lat", c.Latitude },
            { "long", c.Longitude },
            { "media_url", mediaUrl },
        };
    }

    /// <summary>Where the case stands in the closed loop, in words for the citizen (zh, then en).</summary>
    public static string StatusNotes(Case c, OrgUnit? unit)
    {
        ArgumentNullException.ThrowIfNull(c);
        var zh = unit?.Names.Zh ?? "责任单位";
        var en = unit?.Names.En ?? "the responsible unit";
        return c.Status switch
        {
            CaseStatus.Registered => "已受理，受理员正在核实是否与已有案件重复。 / Received; an intake agent is checking whether it repeats a reported problem.",
            CaseStatus.Filed => "已立案，正在确定责任单位。 / Filed; the responsible unit is being determined.",
            CaseStatus.Dispatched => $"已派遣至{zh}处理，等待签收。 / Sent to {en}; waiting for it to accept.",
            CaseStatus.Handling => $"{zh}正在处置。 / {en} is working on it.",
            CaseStatus.Verifying => "已处置完毕，正在现场核查。 / Handled; an inspector is checking the result on site.",
            CaseStatus.Closed => "已办结，处置结果已经现场核查。 / Closed; the result was checked on site.",
            CaseStatus.Rejected => $"不予立案：{c.RejectionReason} / Not taken up: {c.RejectionReason}",
            CaseStatus.Merged => $"重复诉求，已并入案件 {c.MergedInto}，请关注该案件进度。 / Duplicate request; merged into {c.MergedInto}, follow that case.",
            _ => c.Status.ToString(),
        };
    }

    /// <summary>What the city commits to for this kind of problem: its accept and handling limits.</summary>
    public static string ServiceNotice(Category category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var (acceptZh, acceptEn) = Describe(category.StepLimits.Accept);
        var (handleZh, handleEn) = Describe(category.StepLimits.Handle);
        return $"责任单位在{acceptZh}内签收，{handleZh}内处置完毕。 / The responsible unit accepts it within {acceptEn} and resolves it within {handleEn}.";
    }

    private static (string Zh, string En) Describe(StepLimit limit)
    {
        var span = System.Xml.XmlConvert.ToTimeSpan(limit.Duration);
        var business = limit.Calendar == Workflows.Model.CalendarKind.Business;
        return span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays)
            ? (business ? $"{span.TotalDays:0}个工作日" : $"{span.TotalDays:0}天", business ? $"{span.TotalDays:0} working day(s)" : $"{span.TotalDays:0} day(s)")
            : (business ? $"{span.TotalHours:0.#}个工作小时" : $"{span.TotalHours:0.#}小时", business ? $"{span.TotalHours:0.#} working hour(s)" : $"{span.TotalHours:0.#} hour(s)");
    }

    private string? Place(Case c) =>
        c.CommunityId is null
            ? null
            : string.Join("，", new[] { c.CommunityId, c.StreetId, c.DistrictId }.OfType<string>().Select(id => data.FindOrgUnit(id)?.Names.Zh).OfType<string>());
}
