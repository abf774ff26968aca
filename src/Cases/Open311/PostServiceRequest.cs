using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Tongguan.Cases.Attachments;
using Tongguan.Cases.Intake;
using Tongguan.Cases.Model;
using Tongguan.Cases.Open311.ApiKeys;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Workflows.Execution;

namespace Tongguan.Cases.Open311;

/// <summary>
/// POST requests.{format}: a GeoReport v2 service request taken in through <see cref="ReportIntake"/> as a
/// <see cref="Channel.CitizenApp"/> report, so validation, duplicate merging and <c>Idempotency-Key</c> replay work as
/// for every channel. The form is <c>application/x-www-form-urlencoded</c> (the spec) or <c>multipart/form-data</c>
/// with the photo as <c>media</c>.
/// </summary>
public sealed class PostServiceRequest(
    ReportIntake intake,
    Open311ApiKeyStore keys,
    Open311PostLimiter limiter,
    Open311ServiceCatalog catalog,
    ReferenceDataSnapshot data,
    AttachmentStore store,
    TongguanDbContext db,
    TimeProvider timeProvider,
    IOptions<Open311Options> options)
{
    /// <summary>The longest client Idempotency-Key: scoped by the api key's id it still fits the report's column.</summary>
    public const int MaxIdempotencyKeyLength = 60;

    public const int MaxMediaUrlLength = 1000;

    /// <summary>What the Actor id of an Open311 report starts with (the api key's name follows).</summary>
    public const string ActorPrefix = "open311:";

    /// <summary>The text of the case event that records a media_url.</summary>
    public const string MediaUrlPrefix = "media_url: ";

    private const int BadRequest = StatusCodes.Status400BadRequest;

    public async Task<IResult> HandleAsync(HttpContext context, Open311Format format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.HasFormContentType)
        {
            return Open311Result.Error(format, BadRequest, "Send the service request as application/x-www-form-urlencoded (or multipart/form-data with a media file).");
        }

        var read = await UploadForms.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (read.Form is not { } form)
        {
            // The spec keeps HTTP statuses to 400/403/404 and lets the error code say more (413: over the body limit).
            return Open311Result.Error(format, BadRequest, read.Error!, read.Status);
        }

        string? Field(string name) => form.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString().Trim() : null;

        if (Open311Http.CheckJurisdiction(format, Field("jurisdiction_id") ?? context.Request.Query["jurisdiction_id"], options) is { } unknownJurisdiction)
        {
            return unknownJurisdiction;
        }

        var presented = Field("api_key") ?? context.Request.Query["api_key"].ToString();
        if (string.IsNullOrWhiteSpace(presented))
        {
            return Open311Result.Error(format, StatusCodes.Status403Forbidden, "Missing api_key -- can't proceed with create_request.");
        }

        var apiKey = await keys.FindAsync(presented.Trim(), cancellationToken).ConfigureAwait(false);
        if (apiKey is null || apiKey.IsRevoked)
        {
            return Open311Result.Error(format, StatusCodes.Status403Forbidden, "Invalid api_key received -- can't proceed with create_request.");
        }

        if (!limiter.TryAcquire(apiKey.Id))
        {
            context.Response.Headers.RetryAfter = "60";
            return Open311Result.Error(
                format, StatusCodes.Status429TooManyRequests, $"Too many service requests with this api_key: at most {options.Value.PostsPerMinute} a minute. Try again later.");
        }

        var serviceCode = Field("service_code");
        if (serviceCode is null)
        {
            return Open311Result.Error(format, BadRequest, "service_code was not provided; GET services lists them.");
        }

        if (catalog.Find(serviceCode) is not { } service)
        {
            return Open311Result.Error(format, StatusCodes.Status404NotFound, $"service_code '{serviceCode}' was not found; GET services lists them.");
        }

        var errors = new List<Open311Error>();
        void Add(string description) => errors.Add(new Open311Error(BadRequest, description));

        var location = Locate(Field("lat"), Field("long"), Field("address_string"), Field("address_id"), Add);
        var (lines, attributeErrors) = Open311ServiceCatalog.Answer(service, Attributes(form));
        attributeErrors.ForEach(Add);

        var mediaUrl = Field("media_url");
        if (mediaUrl is not null && (mediaUrl.Length > MaxMediaUrlLength || !Uri.TryCreate(mediaUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            Add($"media_url must be an absolute http or https URL of at most {MaxMediaUrlLength} characters.");
        }

        var idempotencyKey = context.Request.Headers[IntakeApi.IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength || idempotencyKey.Any(c => c is < '!' or > '~'))
        {
            Add($"The Idempotency-Key header must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters.");
        }

        var description = Field("description");
        var name = string.Join(' ', new[] { Field("first_name"), Field("last_name") }.OfType<string>());
        var report = new SubmitReportRequest(
            nameof(Channel.CitizenApp),
            service.Code,
            description is null ? null : string.Join('\n', [description, .. lines]),
            location?.Lat,
            location?.Lon,
            Address: location?.Address,
            ReporterName: name.Length == 0 ? null : name,
            ReporterPhone: Field("phone"));

        // A scoped key: two clients (or a client and the citizen app) choosing the same key must not see each other's reports.
        var scopedKey = idempotencyKey.Length == 0 ? null : $"o311-{apiKey.Id:N}-{idempotencyKey}";
        if (location is not null)
        {
            foreach (var (field, messages) in intake.Validate(report, scopedKey))
            {
                errors.AddRange(messages.Select(m => new Open311Error(BadRequest, $"{SpecField(field)}: {m}")));
            }
        }
        else if (description is null)
        {
            Add("description: describe the problem (plain text).");
        }

        if (errors.Count > 0)
        {
            return Open311Result.Errors(format, BadRequest, errors);
        }

        StoredAttachment? media = null;
        if (form.Files.GetFile("media") is { } file)
        {
            try
            {
                var content = file.OpenReadStream();
                await using (content.ConfigureAwait(false))
                {
                    media = await store.SaveAsync(content, file.FileName, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (AttachmentRejectedException rejected)
            {
                // The spec keeps HTTP statuses to 400/403/404 and lets the error code say more: 413 too large, 415 wrong type.
                var code = rejected.Reason switch
                {
                    AttachmentRejectionReason.TooLarge => StatusCodes.Status413PayloadTooLarge,
                    AttachmentRejectionReason.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
                    _ => BadRequest,
                };
                return Open311Result.Error(format, BadRequest, $"media: {rejected.Message}", code);
            }
        }

        var actor = new Actor(ActorPrefix + apiKey.Name);
        SubmitReportResponse response;
        try
        {
            response = await intake.SubmitAsync(report, scopedKey, actor, cancellationToken).ConfigureAwait(false);
            if (!response.Replayed)
            {
                await RecordMediaAsync(response.CaseNumber, actor.Id, media, mediaUrl, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await DeleteAsync(media).ConfigureAwait(false);
            throw;
        }

        if (response.Replayed)
        {
            // The first attempt recorded its own media; this copy is nobody's.
            await DeleteAsync(media).ConfigureAwait(false);
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        var body = new Open311Record
        {
            { "service_request_id", response.CaseNumber },
            { "token", response.TrackingCode },
            { "service_notice", Notice(response) },
            { "account_id", null },
        };
        context.Response.Headers.Location = $"{Open311Module.BasePath}/requests/{response.CaseNumber}.{(format == Open311Format.Json ? "json" : "xml")}";
        return new Open311Result(
            format, response.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created, new Open311Body("service_requests", new Open311List("request", [body])));
    }

    private static string Notice(SubmitReportResponse response) => response.Outcome switch
    {
        IntakeOutcome.Merged =>
            $"同一问题已在办理（案件 {response.CaseNumber}），您的诉求已并入该案件，可凭此编号查询进度。 The same problem is already being handled as {response.CaseNumber}; your report joined it and you can follow that case.",
        IntakeOutcome.NeedsReview =>
            "已收到，受理员将核实是否与附近已有案件重复后立案。 Received; an intake agent will check whether it repeats a nearby case, then file it.",
        _ => "已立案，将派遣至责任单位处理。 Filed; it is being sent to the responsible unit.",
    };

    /// <summary>
    /// Where the request is: lat/long as given; else a grid cell id as address_id; else the community or street of the
    /// reference data that address_string names (its first grid cell's centre). Null with an error when none works.
    /// </summary>
    private (double Lat, double Lon, string? Address)? Locate(string? lat, string? lon, string? addressString, string? addressId, Action<string> error)
    {
        if (lat is not null || lon is not null)
        {
            if (lat is null || lon is null)
            {
                error("lat and long must be sent together.");
                return null;
            }

            if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude) ||
                !double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude))
            {
                error($"lat '{lat}' and long '{lon}' must be decimal degrees (WGS-84), e.g. lat=31.1575&long=121.365.");
                return null;
            }

            return (latitude, longitude, addressString);
        }

        if (addressId is not null)
        {
            if (data.FindGridCell(addressId) is { } cell)
            {
                return (cell.Centroid.Lat, cell.Centroid.Lon, addressString ?? AddressOf(cell.CommunityId));
            }

            error($"address_id '{addressId}' is not a grid cell of the city; send lat and long instead.");
            return null;
        }

        if (addressString is not null)
        {
            if (OpenAddressMatch(addressString) is { } community && data.GridCellsOf(community.Id) is [var first, ..])
            {
                return (first.Centroid.Lat, first.Centroid.Lon, addressString);
            }

            error($"address_string '{addressString}' names no community or street of the city that could place it; send lat and long (WGS-84) instead.");
            return null;
        }

        error("A location is required: lat and long (WGS-84), an address_id (grid cell), or an address_string naming a community or street.");
        return null;
    }

    /// <summary>
    /// The community the address names, or the first community of the street it names; the longest name wins, so
    /// "湖滨街道春晖社区" is 春晖社区, not 湖滨街道's first community. Names without their suffix (社区, 街道, 村, 镇)
    /// match too, since people write "春晖" for 春晖社区.
    /// </summary>
    private OrgUnit? OpenAddressMatch(string address)
    {
        var candidates = data.OrgUnits
            .Where(u => u.Level is OrgLevel.Community or OrgLevel.Street)
            .SelectMany(u => new[] { (Unit: u, Name: u.Names.Zh), (Unit: u, Name: ShortName(u.Names.Zh)) })
            .Where(c => c.Name.Length >= 2 && address.Contains(c.Name, StringComparison.Ordinal))
            .OrderByDescending(c => c.Name.Length)
            .ThenByDescending(c => c.Unit.Level)
            .Select(c => c.Unit)
            .FirstOrDefault();
        return candidates?.Level == OrgLevel.Street ? data.Children(candidates.Id).FirstOrDefault(u => u.Level == OrgLevel.Community) : candidates;
    }

    private static string ShortName(string name)
    {
        foreach (var suffix in (string[])["社区", "街道", "村", "镇"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length - suffix.Length >= 2)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private string AddressOf(string communityId) =>
        string.Join("，", new[] { data.FindOrgUnit(communityId) }.Concat(data.Ancestors(communityId)).OfType<OrgUnit>()
            .Where(u => u.Level is OrgLevel.Community or OrgLevel.Street or OrgLevel.District).Select(u => u.Names.Zh).Distinct());

    /// <summary><c>attribute[CODE]=v</c> and <c>attribute[CODE][]=v</c> by code.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Attributes(IFormCollection form)
    {
        var answers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (!key.StartsWith("attribute[", StringComparison.Ordinal))
            {
                continue;
            }

            var end = key.IndexOf(']', StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var code = key[10..end];
            if (!answers.TryGetValue(code, out var list))
            {
                answers[code] = list = [];
            }

            list.AddRange(values.OfType<string>());
        }

        return answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.Ordinal);
    }

    private static string SpecField(string intakeField) => intakeField switch
    {
        "text" => "description",
        "location" => "lat/long",
        "categoryCode" => "service_code",
        "address" => "address_string",
        "reporterName" => "first_name/last_name",
        "reporterPhone" => "phone",
        _ => intakeField,
    };

    /// <summary>Records the photo as the case's attachment and a media_url as a case event (the URL is never fetched).</summary>
    private async Task RecordMediaAsync(string caseNumber, string actor, StoredAttachment? media, string? mediaUrl, CancellationToken cancellationToken)
    {
        if (media is null && mediaUrl is null)
        {
            return;
        }

        db.ChangeTracker.Clear();
        var caseId = await db.Set<Case>().Where(c => c.Number == caseNumber).Select(c => c.Id).FirstAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        if (media is not null)
        {
            db.Add(new CaseAttachment
            {
                Id = media.Id, CaseId = caseId, StorageKey = media.StorageKey, FileName = media.FileName, ContentType = media.ContentType,
                Length = media.Length, Sha256 = media.Sha256, UploadedBy = actor, UploadedAt = now,
            });
            db.Add(new CaseEvent
            {
                Id = Guid.CreateVersion7(now), CaseId = caseId, Kind = CaseEventKind.Attachment, Actor = actor, At = now, AttachmentId = media.Id,
                Text = $"{media.FileName} ({media.ContentType}, {media.Length} bytes), sent with the Open311 request",
            });
        }

        if (mediaUrl is not null)
        {
            db.Add(new CaseEvent { Id = Guid.CreateVersion7(now), CaseId = caseId, Kind = CaseEventKind.Comment, Actor = actor, At = now, Text = MediaUrlPrefix + mediaUrl });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteAsync(StoredAttachment? media)
    {
        if (media is not null)
        {
            await store.DeleteAsync(media.StorageKey, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
