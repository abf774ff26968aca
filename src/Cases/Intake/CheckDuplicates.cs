using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Access;
using Tongguan.Cases.Dedup;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Intake;

/// <summary>Where a suggested case is and what it is about; only for cases in the caller's scope.</summary>
public sealed record SuggestedCase(
    CaseStatus Status,
    string CategoryCode,
    string Description,
    string? Address,
    double Latitude,
    double Longitude,
    int ReportCount,
    DateTimeOffset ReportedAt,
    DateTimeOffset LastReportedAt);

/// <summary>One open case the report may duplicate: the score, the per-case decision, the factors and the reasons.</summary>
public sealed record DuplicateCandidateResponse(
    string CaseNumber,
    double Score,
    DedupDecision Decision,
    IReadOnlyList<DuplicateReason> Reasons,
    DuplicateFactors Factors,
    SuggestedCase? Case);

/// <summary>What intake would do with the report now (<see cref="DedupDecision"/>) and the suggestions, best first.</summary>
public sealed record DuplicateCheckResponse(DedupDecision Decision, IReadOnlyList<DuplicateCandidateResponse> Suggestions);

/// <summary>
/// POST /api/reports/duplicates: the duplicate check of <c>POST /api/reports</c> without filing — no case, no
/// report, no process, no rate-limit charge. The intake console shows it before the agent merges or files; the
/// answer can change by the time the report is filed (another report may arrive meanwhile).
/// </summary>
public static class CheckDuplicates
{
    public static async Task<Results<Ok<DuplicateCheckResponse>, ValidationProblem>> CheckAsync(
        SubmitReportRequest request,
        HttpContext context,
        ReportIntake intake,
        TongguanDbContext db,
        ReferenceDataSnapshot data,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = intake.Validate(request with { MergeInto = null, FileAsNew = null }, idempotencyKey: null);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The report cannot be checked as written");
        }

        var result = await intake.CheckAsync(request, cancellationToken).ConfigureAwait(false);
        var numbers = result.Suggestions.Select(s => s.CaseId).ToArray();
        var scope = CaseScope.Of(Caller.Of(context, data), data);
        var cases = numbers.Length == 0
            ? []
            : await scope.Filter(db.Set<Case>().AsNoTracking().Where(c => numbers.Contains(c.Number)))
                .Select(c => new
                {
                    c.Number,
                    Case = new SuggestedCase(c.Status, c.CategoryCode, c.Description, c.Address, c.Latitude, c.Longitude, c.ReportCount, c.ReportedAt, c.LastReportedAt),
                })
                .ToDictionaryAsync(c => c.Number, c => c.Case, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DuplicateCheckResponse(
            result.Decision,
            [.. result.Suggestions.Select(s => new DuplicateCandidateResponse(
                s.CaseId, Math.Round(s.Score, 3), s.Decision, s.Reasons, s.Factors, cases.GetValueOrDefault(s.CaseId)))]));
    }
}
