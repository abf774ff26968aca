using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tongguan.Cases.Attachments;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Portal;

/// <summary>A kind of problem as citizens pick it: the major group, then the leaf.</summary>
public sealed record PortalCategoryGroup(string Code, LocalizedName Names, IReadOnlyList<PortalCategory> Categories);

public sealed record PortalCategory(string Code, LocalizedName Names);

/// <summary>The portal's public endpoints; every one anonymous and rate limited by client address.</summary>
public static class PortalApi
{
    public static RouteGroupBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(PortalModule.BasePath).WithTags("Portal");
        group.AllowAnonymous(); // citizens have no account: the case number and the private tracking code are the key
        group.MapGet("/categories", Categories).WithName("PortalCategories")
            .WithSummary("The kinds of problem a citizen can report, grouped, in Chinese and English.");
        group.MapPost("/reports", SubmitAsync).WithName("PortalSubmitReport").DisableAntiforgery().AcceptsUploads()
            .WithSummary("A citizen's report (multipart/form-data with an optional photo): answers the case number and the private tracking code.");
        group.MapGet("/cases/{number}", ProgressAsync).WithName("PortalProgress")
            .WithSummary("The progress of a case for the citizen who holds its tracking code (?code=); a wrong code answers 404 like an unknown case.");
        group.MapPost("/cases/{number}/rating", RateAsync).WithName("PortalRate")
            .WithSummary("The citizen rates the result of a closed case (satisfied, basicallySatisfied, unsatisfied); 409 before it is closed or when rated already.");
        return group;
    }

    /// <summary>The one answer for an unknown case and for a wrong code, so that a code cannot be probed against a number.</summary>
    public static ProblemHttpResult NotFound(string number) =>
        TypedResults.Problem(
            $"No case {number} with this tracking code. 未找到该案件，请核对案件编号和查询码。",
            statusCode: StatusCodes.Status404NotFound, title: "Case not found");

    private static Results<Ok<IReadOnlyList<PortalCategoryGroup>>, ProblemHttpResult> Categories(HttpContext context, PortalLimiter limiter, ReferenceDataSnapshot data)
    {
        if (!limiter.TryLookup(context))
        {
            return PortalLimiter.TooMany(context, "look-ups");
        }

        IReadOnlyList<PortalCategoryGroup> groups =
        [
            .. data.Majors.Select(m => new PortalCategoryGroup(m.Code, m.Names, [.. data.CategoriesOf(m.Code).Select(c => new PortalCategory(c.Code, c.Names))]))
                .Where(g => g.Categories.Count > 0),
        ];
        return TypedResults.Ok(groups);
    }

    private static async Task<Results<Created<PortalReportAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpContext context, PortalLimiter limiter, SubmitPortalReport submit, CancellationToken cancellationToken)
    {
        if (!limiter.TryReport(context))
        {
            return PortalLimiter.TooMany(context, "reports");
        }

        return await submit.HandleAsync(context, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<PortalProgress>, ProblemHttpResult>> ProgressAsync(
        string number, HttpContext context, PortalLimiter limiter, CitizenCases cases, CancellationToken cancellationToken, [FromQuery] string? code = null)
    {
        if (!limiter.TryLookup(context))
        {
            return PortalLimiter.TooMany(context, "look-ups");
        }

        var found = await cases.FindAsync(number, code, cancellationToken).ConfigureAwait(false);
        if (found is not var (report, handled))
        {
            return NotFound(number);
        }

        return TypedResults.Ok(await cases.ProgressAsync(report, handled, number.Trim().ToUpperInvariant(), cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<PortalProgress>, ValidationProblem, ProblemHttpResult>> RateAsync(
        string number, PortalRatingRequest request, HttpContext context, PortalLimiter limiter, RateCase rate, CancellationToken cancellationToken)
    {
        if (!limiter.TryLookup(context))
        {
            return PortalLimiter.TooMany(context, "look-ups");
        }

        return await rate.HandleAsync(number, request, cancellationToken).ConfigureAwait(false);
    }
}
