using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Access;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.Processes;

namespace Tongguan.Cases.Audit;

public sealed record AuditEntryView(
    long Sequence, DateTimeOffset At, string Actor, string Action, string SubjectType, string SubjectId, string? Before, string? After,
    string? CorrelationId, long? ChainPosition, string? Hash)
{
    public static AuditEntryView From(AuditEntry e) =>
        new(e.Sequence, e.At, e.Actor, e.Action, e.SubjectType, e.SubjectId, e.Before, e.After, e.CorrelationId, e.ChainPosition, e.Hash);
}

public sealed record AuditPage(IReadOnlyList<AuditEntryView> Items, int Total, int Skip, int Take);

/// <summary><c>GET /api/audit</c> (the trail, filtered and paged) and <c>GET /api/audit/verify</c>, for auditors and admins only.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Audit);
        group.MapGet("/", ListAsync).WithName("ListAuditEntries")
            .WithSummary("Audit entries matching every given filter (subjectType, subjectId, actor, action, from ≤ at < to), oldest first.");
        group.MapGet("/verify", VerifyAsync).WithName("VerifyAuditTrail")
            .WithSummary("Recomputes the hash chain; names the first entry that does not verify.");
        return group;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync(
        TongguanDbContext db,
        CancellationToken cancellationToken,
        string? subjectType = null,
        string? subjectId = null,
        string? actor = null,
        string? action = null,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        int skip = 0,
        int take = 50)
    {
        if (Paging.Check(skip, take) is { } problem)
        {
            return problem;
        }

        if (from is { } f && to is { } t && t < f)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["to must not be before from."] });
        }

        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (subjectType is not null)
        {
            entries = entries.Where(e => e.SubjectType == subjectType);
        }

        if (subjectId is not null)
        {
            entries = entries.Where(e => e.SubjectId == subjectId);
        }

        if (actor is not null)
        {
            entries = entries.Where(e => e.Actor == actor);
        }

        if (action is not null)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (from is { } start)
        {
            entries = entries.Where(e => e.At >= start);
        }

        if (to is { } end)
        {
            entries = entries.Where(e => e.At < end);
        }

        var total = await entries.CountAsync(cancellationToken).ConfigureAwait(false);
        var page = await entries.OrderBy(e => e.Sequence).Skip(skip).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AuditPage([.. page.Select(AuditEntryView.From)], total, skip, take));
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(TongguanDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AuditVerifier.VerifyAsync(db, cancellationToken).ConfigureAwait(false));
}
