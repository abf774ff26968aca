using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Access;
using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Mining.Kpis;

namespace Tongguan.Cases.Reports;

/// <summary>The SLA reports (考核问效): KPIs, rankings, trends, bottlenecks, limit recommendations and the XES event log.</summary>
public static class SlaReportsApi
{
    public static IEndpointRouteBuilder MapSlaReportsApi(this IEndpointRouteBuilder endpoints)
    {
        var sla = endpoints.MapGroup("/api/sla").WithTags("SLA").AddEndpointFilter(AuditorsOnlyAsync);
        sla.RequireAuthorization(Policies.Reports);
        sla.MapGet("/kpis", KpisAsync).WithName("GetSlaKpis")
            .WithSummary("KPIs per department, district, street, category, channel (by=…) and day/week/month (period=…), with numerators, denominators and definitions; format=json|csv|xlsx.");
        sla.MapGet("/kpis/rankings", RankingsAsync).WithName("GetSlaRankings")
            .WithSummary("The groups of each period ranked best to worst on one KPI (kpi=…, by=…, minimum=… smallest denominator).");
        sla.MapGet("/kpis/trends", TrendsAsync).WithName("GetSlaTrends")
            .WithSummary("One KPI per group, period after period (default month), with the change against the period before.");
        sla.MapGet("/bottlenecks", BottlenecksAsync).WithName("GetSlaBottlenecks")
            .WithSummary("Where the time goes (堵点): waiting vs working time per step and per org unit, ranked by share of overdue time; units compared with their department type's peers.");
        sla.MapGet("/recommendations", RecommendationsAsync).WithName("GetSlaRecommendations")
            .WithSummary("Proposed time limits per step × category (× department) from the completed steps' history.");
        sla.MapGet("/event-log.xes", EventLogAsync).WithName("GetSlaEventLog")
            .WithSummary("The journal as an XES (IEEE 1849) event log: one trace per case, user tasks started and completed; streamed.");
        sla.MapSlaJobsApi();
        return endpoints;
    }

    /// <summary>
    /// Auditors (and dispatchers and admins, who run the command centre) read performance: the reports rank units and
    /// the event log names the officers who did each step.
    /// </summary>
    private static async ValueTask<object?> AuditorsOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = Caller.Of(http, http.RequestServices.GetRequiredService<ReferenceDataSnapshot>());
        if (!caller.HasRole(Roles.Auditor) && !caller.HasRole(Roles.Dispatcher) && !caller.HasRole(Roles.Admin))
        {
            return TypedResults.Problem(
                $"{caller.Id} may not read the SLA reports: they are for auditors, dispatchers and admins.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Not allowed");
        }

        return await next(context).ConfigureAwait(false);
    }

    private static Task<Results<Ok<SlaReport<KpiRow>>, FileContentHttpResult, ValidationProblem>> KpisAsync(
        HttpContext context, SlaReports reports, BusinessCalendar calendar, CancellationToken cancellationToken) =>
        AnswerAsync(context, calendar, PeriodKind.All, kpiRequired: false, "sla-kpis", reports.KpisAsync, cancellationToken);

    private static Task<Results<Ok<SlaReport<RankingRow>>, FileContentHttpResult, ValidationProblem>> RankingsAsync(
        HttpContext context, SlaReports reports, BusinessCalendar calendar, CancellationToken cancellationToken) =>
        AnswerAsync(context, calendar, PeriodKind.All, kpiRequired: true, "sla-rankings", reports.RankingsAsync, cancellationToken);

    private static Task<Results<Ok<SlaReport<TrendRow>>, FileContentHttpResult, ValidationProblem>> TrendsAsync(
        HttpContext context, SlaReports reports, BusinessCalendar calendar, CancellationToken cancellationToken) =>
        AnswerAsync(context, calendar, PeriodKind.Month, kpiRequired: true, "sla-trends", reports.TrendsAsync, cancellationToken);

    private static Task<Results<Ok<SlaReport<BottleneckRow>>, FileContentHttpResult, ValidationProblem>> BottlenecksAsync(
        HttpContext context, SlaReports reports, BusinessCalendar calendar, CancellationToken cancellationToken) =>
        AnswerAsync(context, calendar, PeriodKind.All, kpiRequired: false, "sla-bottlenecks", reports.BottlenecksAsync, cancellationToken);

    private static Task<Results<Ok<SlaReport<RecommendationRow>>, FileContentHttpResult, ValidationProblem>> RecommendationsAsync(
        HttpContext context, SlaReports reports, BusinessCalendar calendar, CancellationToken cancellationToken) =>
        AnswerAsync(context, calendar, PeriodKind.All, kpiRequired: false, "sla-recommendations", reports.RecommendationsAsync, cancellationToken);

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> EventLogAsync(
        HttpContext context, XesExport xes, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var p = SlaParameters.Parse(SlaParameters.FromQuery(context.Request.Query), calendar, PeriodKind.All, kpiRequired: false, out var errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The event log cannot be made with these parameters");
        }

        context.Response.ContentType = XesExport.ContentType;
        context.Response.Headers.ContentDisposition = "attachment; filename=\"tongguan-event-log.xes\"";
        await xes.WriteAsync(context.Response.Body, p.Process, p.From, p.To, progress: null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<SlaReport<TRow>>, FileContentHttpResult, ValidationProblem>> AnswerAsync<TRow>(
        HttpContext context,
        BusinessCalendar calendar,
        PeriodKind defaultPeriod,
        bool kpiRequired,
        string fileName,
        Func<SlaParameters, ReadProgress?, CancellationToken, Task<SlaReport<TRow>>> build,
        CancellationToken cancellationToken)
    {
        var p = SlaParameters.Parse(SlaParameters.FromQuery(context.Request.Query), calendar, defaultPeriod, kpiRequired, out var errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The report cannot be made with these parameters");
        }

        var report = await build(p, null, cancellationToken).ConfigureAwait(false);
        return p.Format switch
        {
            ReportFormat.Csv => TypedResults.File(
                await TableExport.ToBytesAsync(report.Rows, ReportFormat.Csv, cancellationToken).ConfigureAwait(false),
                TableExport.CsvContentType,
                fileName + ".csv"),
            ReportFormat.Xlsx => TypedResults.File(
                await TableExport.ToBytesAsync(report.Rows, ReportFormat.Xlsx, cancellationToken).ConfigureAwait(false),
                TableExport.XlsxContentType,
                fileName + ".xlsx"),
            _ => TypedResults.Ok(report),
        };
    }
}
