using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Attachments;
using Tongguan.Cases.Model;

namespace Tongguan.Cases.Open311;

/// <summary>POST/GET requests.{format}, GET requests/{id}.{format}, GET tokens/{token}.{format}.</summary>
public static class RequestsApi
{
    /// <summary>The spec's default and largest answer: 90 days or the first 1000 requests, whichever is smaller.</summary>
    public const int MaxRequests = 1000;

    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    public static IEndpointRouteBuilder MapOpen311RequestsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Open311Module.BasePath).WithTags("Open311");
        group.AllowAnonymous(); // public: citizens and apps (POST needs an api key, checked in the handler)
        group.MapPost("/requests.{format}", PostAsync).WithName("Open311PostRequest").DisableAntiforgery().AcceptsUploads(TooLarge)
            .WithSummary("GeoReport v2 POST service request (api_key required); taken in like every other channel's report.");
        group.MapGet("/requests.{format}", ListAsync).WithName("Open311Requests")
            .WithSummary("GeoReport v2 service requests: filters service_request_id, service_code, status, start_date/end_date (at most 90 days); at most 1000 per page (page, page_size).");
        group.MapGet("/requests/{serviceRequestId}.{format}", GetAsync).WithName("Open311Request")
            .WithSummary("GeoReport v2 service request by id (the case number).");
        group.MapGet("/tokens/{token}.{format}", TokenAsync).WithName("Open311Token")
            .WithSummary("GeoReport v2 service_request_id from the token the POST returned.");
        return group;
    }

    /// <summary>The body limit's refusal in the spec's error list (HTTP 400, code 413), not as a problem document.</summary>
    private static Open311Result TooLarge(HttpContext context, string message) =>
        Open311Result.Error(
            Open311Http.ParseFormat(context.Request.RouteValues["format"] as string) ?? Open311Format.Xml, StatusCodes.Status400BadRequest, message, StatusCodes.Status413PayloadTooLarge);

    private static async Task<IResult> PostAsync(string format, HttpContext context, PostServiceRequest post, CancellationToken cancellationToken) =>
        Open311Http.ParseFormat(format) is { } f ? await post.HandleAsync(context, f, cancellationToken).ConfigureAwait(false) : Open311Http.UnknownFormat(format);

    private static async Task<IResult> ListAsync(
        string format,
        HttpContext context,
        ServiceRequestQueries queries,
        IOptions<Open311Options> options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken,
        [FromQuery(Name = "jurisdiction_id")] string? jurisdictionId = null,
        [FromQuery(Name = "service_request_id")] string? serviceRequestId = null,
        [FromQuery(Name = "service_code")] string? serviceCode = null,
        [FromQuery(Name = "status")] string? status = null,
        [FromQuery(Name = "start_date")] string? startDate = null,
        [FromQuery(Name = "end_date")] string? endDate = null,
        [FromQuery(Name = "page")] string? page = null,
        [FromQuery(Name = "page_size")] string? pageSize = null)
    {
        if (Open311Http.ParseFormat(format) is not { } f)
        {
            return Open311Http.UnknownFormat(format);
        }

        if (Open311Http.CheckJurisdiction(f, jurisdictionId, options) is { } notFound)
        {
            return notFound;
        }

        var errors = new List<Open311Error>();
        void Add(string description) => errors.Add(new Open311Error(StatusCodes.Status400BadRequest, description));

        var statuses = new List<CaseStatus>();
        foreach (var s in Split(status))
        {
            switch (s.ToLowerInvariant())
            {
                case "open":
                    statuses.AddRange(CaseStatuses.Open);
                    break;
                case "closed":
                    statuses.AddRange(ServiceRequestQueries.ClosedStatuses);
                    break;
                default:
                    Add($"status '{s}' is not a status; use open, closed or both (comma delimited).");
                    break;
            }
        }

        DateTimeOffset? start = null, end = null;
        if (startDate is not null)
        {
            start = Open311Http.TryParseW3(startDate, out var at) ? at : null;
            if (start is null)
            {
                Add($"start_date '{startDate}' must be a w3 date-time with its offset, e.g. 2026-03-01T00:00:00+08:00.");
            }
        }

        if (endDate is not null)
        {
            end = Open311Http.TryParseW3(endDate, out var at) ? at : null;
            if (end is null)
            {
                Add($"end_date '{endDate}' must be a w3 date-time with its offset, e.g. 2026-03-31T23:59:59+08:00.");
            }
        }

        var (from, to) = (start, end) switch
        {
            ({ } s, { } e) => (s, e),
            ({ } s, null) => (s, s + MaxSpan),
            (null, { } e) => (e - MaxSpan, e),
            _ => (timeProvider.GetUtcNow() - MaxSpan, timeProvider.GetUtcNow()),
        };
        if (to < from)
        {
            Add("end_date lies before start_date.");
        }
        else if (to - from > MaxSpan)
        {
            Add($"start_date and end_date may span at most {MaxSpan.TotalDays:0} days.");
        }

        var pageNumber = ParsePositive(page, "page", 1, int.MaxValue / MaxRequests, Add);
        var size = ParsePositive(pageSize, "page_size", MaxRequests, MaxRequests, Add);
        if (errors.Count > 0)
        {
            return Open311Result.Errors(f, StatusCodes.Status400BadRequest, errors);
        }

        var filter = new ServiceRequestFilter(
            [.. Split(serviceRequestId)], [.. Split(serviceCode)], statuses, from, to, (pageNumber - 1) * size, size);
        var requests = await queries.ListAsync(filter, BaseUrl(context), cancellationToken).ConfigureAwait(false);
        return RequestList(f, requests);
    }

    private static async Task<IResult> GetAsync(
        string serviceRequestId, string format, HttpContext context, ServiceRequestQueries queries, IOptions<Open311Options> options, CancellationToken cancellationToken,
        [FromQuery(Name = "jurisdiction_id")] string? jurisdictionId = null)
    {
        if (Open311Http.ParseFormat(format) is not { } f)
        {
            return Open311Http.UnknownFormat(format);
        }

        if (Open311Http.CheckJurisdiction(f, jurisdictionId, options) is { } notFound)
        {
            return notFound;
        }

        var requests = await queries.ListAsync(
            new ServiceRequestFilter([serviceRequestId], null, null, default, default, 0, 1), BaseUrl(context), cancellationToken).ConfigureAwait(false);
        return requests.Count == 0
            ? Open311Result.Error(f, StatusCodes.Status404NotFound, $"service_request_id '{serviceRequestId}' was not found.")
            : RequestList(f, requests);
    }

    private static async Task<IResult> TokenAsync(
        string token, string format, ServiceRequestQueries queries, IOptions<Open311Options> options, CancellationToken cancellationToken,
        [FromQuery(Name = "jurisdiction_id")] string? jurisdictionId = null)
    {
        if (Open311Http.ParseFormat(format) is not { } f)
        {
            return Open311Http.UnknownFormat(format);
        }

        if (Open311Http.CheckJurisdiction(f, jurisdictionId, options) is { } notFound)
        {
            return notFound;
        }

        var number = await queries.FindByTokenAsync(token, cancellationToken).ConfigureAwait(false);
        return number is null
            ? Open311Result.Error(f, StatusCodes.Status404NotFound, $"token '{token}' was not found.")
            : new Open311Result(f, StatusCodes.Status200OK, new Open311Body(
                "service_requests", new Open311List("request", [new Open311Record { { "service_request_id", number }, { "token", token } }])));
    }

    private static Open311Result RequestList(Open311Format format, IReadOnlyList<Open311Record> requests) =>
        new(format, StatusCodes.Status200OK, new Open311Body("service_requests", new Open311List("request", [.. requests])));

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal);

    private static int ParsePositive(string? text, string name, int fallback, int max, Action<string> error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        error($"{name} must be a whole number from 1 to {max}.");
        return fallback;
    }

    private static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
}
