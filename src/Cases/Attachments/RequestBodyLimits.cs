using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Attachments;

/// <summary>How large a request body may be (section <see cref="SectionName"/>; docs/operators/attachments.md).</summary>
public sealed class RequestBodyOptions
{
    public const string SectionName = "Tongguan:Requests";

    public const long DefaultMaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The largest body of any request that is not an upload (JSON, forms without files, BPMN XML), enforced by Kestrel
    /// before the app reads it. Upload endpoints allow <see cref="AttachmentOptions.MaxBytes"/> plus
    /// <see cref="UploadOverheadBytes"/> instead.
    /// </summary>
    [Range(16 * 1024, 1024L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>What an upload request may carry besides the file: multipart boundaries and headers, form fields.</summary>
    [Range(0, 16 * 1024 * 1024)]
    public long UploadOverheadBytes { get; set; } = 64 * 1024;
}

/// <summary>
/// The per-endpoint side of the limits: an upload endpoint raises the server's request body limit to what an upload
/// needs, and refuses a request whose declared length is already beyond it with a 413 problem before reading a byte.
/// </summary>
public static class RequestBodyLimits
{
    /// <summary>
    /// Marks an endpoint that takes a file: its body may be as large as an attachment plus the overhead. A too large
    /// request is refused with a 413 problem, or with what <paramref name="tooLarge"/> makes of the message (an API
    /// with an error format of its own, Open311).
    /// </summary>
    public static TBuilder AcceptsUploads<TBuilder>(this TBuilder builder, Func<HttpContext, string, IResult>? tooLarge = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var limit = UploadLimit(http.RequestServices);
            if (http.Request.ContentLength > limit)
            {
                var message = string.Create(
                    CultureInfo.InvariantCulture,
                    $"The request is {AttachmentRejectedException.FormatSize(http.Request.ContentLength.Value, roundUp: true)}; an upload may be at most {AttachmentRejectedException.FormatSize(limit, roundUp: false)}.");
                return tooLarge is not null
                    ? tooLarge(http, message)
                    : TypedResults.Problem(message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large");
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            return await next(context).ConfigureAwait(false);
        });
        return builder;
    }

    /// <summary>The largest body an upload endpoint accepts.</summary>
    public static long UploadLimit(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes
            + services.GetRequiredService<IOptions<RequestBodyOptions>>().Value.UploadOverheadBytes;
    }
}
