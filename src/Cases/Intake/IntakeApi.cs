using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Access;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.ReferenceData;
using Tongguan.Designer;

namespace Tongguan.Cases.Intake;

/// <summary>POST /api/reports: the one door every channel reports through.</summary>
public static class IntakeApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapIntakeApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/reports").WithTags("Intake");
        group.RequireAuthorization(Policies.Reporting);
        group.MapPost("/", SubmitAsync).WithName("SubmitReport")
            .WithSummary("Takes in a report from any channel: files a new case, merges it into the same open case, or opens one for an agent's review with the duplicate suggestions. Send an Idempotency-Key header so that a retry never makes a second case. Intake agents and dispatchers may decide themselves: mergeInto (an open case) or fileAsNew.");
        group.MapPost("/duplicates", CheckDuplicates.CheckAsync).WithName("CheckDuplicates")
            .WithSummary("The duplicate suggestions for a report, with their reasons and the suggested cases' places, without filing anything: what an agent looks at before merging or filing.");
        return group;
    }

    private static async Task<Results<Created<SubmitReportResponse>, Ok<SubmitReportResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        SubmitReportRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        HttpContext context,
        ReportIntake intake,
        IntakeRateLimiter limiter,
        ReferenceDataSnapshot data,
        IOptions<CaseOptions> options,
        CancellationToken cancellationToken)
    {
        var submitter = context.GetActor().Id;
        if (!limiter.TryAcquire("user:" + submitter, options.Value.ReportsPerMinute))
        {
            context.Response.Headers.RetryAfter = "60";
            return TypedResults.Problem(
                $"{submitter} sent more than {options.Value.ReportsPerMinute} reports this minute; try again in a minute.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many reports");
        }

        var errors = intake.Validate(request, idempotencyKey);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The report cannot be taken in as written");
        }

        if (request.MergeInto is not null || request.FileAsNew == true)
        {
            // Overriding the duplicate check is the review an intake agent does; a grid worker's report is checked.
            var caller = Caller.Of(context, data);
            if (!Policies.RolesOf[Policies.Intake].Any(caller.HasRole))
            {
                return TypedResults.Problem(
                    "Only intake agents and dispatchers decide on duplicates (mergeInto, fileAsNew); send the report without them.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Not an intake decision you can make");
            }

            var choice = await intake.ValidateChoiceAsync(request, CaseScope.Of(caller, data), cancellationToken).ConfigureAwait(false);
            if (choice.Count > 0)
            {
                return TypedResults.ValidationProblem(choice, title: "The report cannot be merged as asked");
            }
        }

        var response = await intake.SubmitAsync(request, idempotencyKey, context.GetActor(), cancellationToken).ConfigureAwait(false);
        if (response.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(response);
        }

        return TypedResults.Created($"/api/cases/{response.CaseNumber}", response);
    }
}
