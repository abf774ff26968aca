using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Access;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.Deadlines;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.CommandCentre;

/// <summary>An open case as a point: where, in which status, and whether a running deadline of it has passed.</summary>
public sealed record CasePoint(
    string Number,
    CaseStatus Status,
    string CategoryCode,
    string? CategoryNameZh,
    string? CategoryNameEn,
    double Latitude,
    double Longitude,
    string? ResponsibleUnitId,
    DateTimeOffset ReportedAt,
    DateTimeOffset? DueAt,
    bool Overdue);

/// <summary>The open cases in the caller's scope (<see cref="Truncated"/> when more than the limit are open), as of <see cref="At"/>.</summary>
public sealed record CaseMapView(DateTimeOffset At, int Total, bool Truncated, IReadOnlyList<CasePoint> Points);

/// <summary>
/// <c>GET /api/cases/map</c>: every open case with its point and status in one cheap answer, for the command-centre
/// map and its overdue alerts. Scoped exactly like the case list (<see cref="CaseScope"/>); no personal data.
/// </summary>
public static class CaseMapApi
{
    private static readonly CaseStatus[] OpenStatuses = [.. CaseStatuses.Open];

    public static IEndpointRouteBuilder MapCommandCentre(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/cases/map", GetAsync).WithName("GetOpenCaseMap").WithTags("Cases")
            .WithSummary("Open cases in the caller's scope as points (status, category, running deadline, overdue), most recently reported first, up to the configured limit.")
            .RequireAuthorization(Policies.CaseRead);
        return endpoints;
    }

    public static IServiceCollection AddCommandCentre(this IServiceCollection services)
    {
        services.AddOptions<CommandCentreOptions>()
            .BindConfiguration(CommandCentreOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    private static async Task<Ok<CaseMapView>> GetAsync(
        HttpContext context, TongguanDbContext db, ReferenceDataSnapshot data, TimeProvider clock, IOptions<CommandCentreOptions> options,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = CaseScope.Of(Caller.Of(context, data), data).Filter(db.Set<Case>().AsNoTracking())
            // Statuses are stored by name, so "open" is a list of names, not a range of numbers.
            .Where(c => OpenStatuses.Contains(c.Status));
        var total = await open.CountAsync(cancellationToken).ConfigureAwait(false);
        var cases = await open.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Take(options.Value.MapLimit)
            .Select(c => new { c.Number, c.Status, c.CategoryCode, c.Latitude, c.Longitude, c.ResponsibleUnitId, c.ReportedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // The running deadlines of those cases, reached through their instances (indexed by business key).
        var numbers = cases.Select(c => c.Number).ToList();
        var running = await db.Set<InstanceRecord>().AsNoTracking()
            .Where(i => i.BusinessKey != null && numbers.Contains(i.BusinessKey))
            .Join(db.Set<DeadlineRecord>().AsNoTracking(), i => i.Id, d => d.InstanceId, (i, d) => new { Number = i.BusinessKey!, d.Status, d.DueAt, d.BreachedAt })
            .Where(d => d.Status == DeadlineStatus.Pending)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var deadlines = running.ToLookup(d => d.Number, StringComparer.Ordinal);

        var points = cases.Select(c =>
        {
            var mine = deadlines[c.Number].ToList();
            DateTimeOffset? due = mine.Count == 0 ? null : mine.Min(d => d.DueAt);
            var overdue = mine.Any(d => d.BreachedAt is not null || d.DueAt <= now);
            return new CasePoint(
                c.Number, c.Status, c.CategoryCode, data.FindCategory(c.CategoryCode)?.Names.Zh, data.FindCategory(c.CategoryCode)?.Names.En, c.Latitude, c.Longitude, c.ResponsibleUnitId,
                c.ReportedAt, due, overdue);
        }).ToList();
        return TypedResults.Ok(new CaseMapView(now, total, total > points.Count, points));
    }
}
