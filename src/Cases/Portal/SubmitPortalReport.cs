using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Tongguan.Cases.Attachments;
using Tongguan.Cases.Intake;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Workflows.Execution;

namespace Tongguan.Cases.Portal;

/// <summary>What the citizen keeps: the case number and the private tracking code that opens it.</summary>
public sealed record PortalReportAccepted(string CaseNumber, string TrackingCode, IntakeOutcome Outcome, CaseStatus Status);

/// <summary>
/// POST /api/portal/reports: a citizen's report from the web form, as <c>multipart/form-data</c> (fields
/// <c>categoryCode</c>, <c>description</c>, <c>latitude</c>, <c>longitude</c>, optional <c>address</c>, <c>name</c>,
/// <c>phone</c>, and one <c>photo</c> file). Taken in through <see cref="ReportIntake"/> as a <see cref="Channel.Web"/>
/// report, so validation and duplicate merging are those of every channel. No Idempotency-Key: a replay answers the
/// first submission's tracking code, which an anonymous caller who guessed the key must not get.
/// </summary>
public sealed class SubmitPortalReport(ReportIntake intake, AttachmentStore store, TongguanDbContext db, TimeProvider timeProvider)
{
    /// <summary>Who took the report in: the portal itself (no one is signed in).</summary>
    public static readonly Actor PortalActor = new("citizen-portal", "市民门户 / citizen portal");

    /// <summary>The uploader recorded on the report's photos: ties them to that report, so its citizen sees their own photos only.</summary>
    public static string UploaderOf(Guid reportId) => $"citizen-portal:{reportId:N}";

    public async Task<Results<Created<PortalReportAccepted>, ValidationProblem, ProblemHttpResult>> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.HasFormContentType)
        {
            return TypedResults.Problem(
                "Send the report as multipart/form-data (fields categoryCode, description, latitude, longitude; optional address, name, phone, photo).",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The report must be a form");
        }

        var read = await UploadForms.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (read.Form is not { } form)
        {
            return TypedResults.Problem(read.Error, statusCode: read.Status, title: "The form cannot be read");
        }

        string? Field(string name) => form.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString().Trim() : null;

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        double? Coordinate(string name)
        {
            if (Field(name) is not { } text)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors["location"] = [$"{name} '{text}' is not a number of degrees (WGS-84), e.g. 31.1575."];
            return null;
        }

        var report = new SubmitReportRequest(
            nameof(Channel.Web),
            Field("categoryCode"),
            Field("description"),
            Coordinate("latitude"),
            Coordinate("longitude"),
            Address: Field("address"),
            ReporterName: Field("name"),
            ReporterPhone: Field("phone"));
        foreach (var (field, messages) in intake.Validate(report, null))
        {
            errors[PortalField(field)] = [.. errors.GetValueOrDefault(PortalField(field)) ?? [], .. messages];
        }

        if (form.Files.Count > 1 || form.Files.Any(f => f.Name != "photo"))
        {
            errors["photo"] = ["Send at most one file, as the field 'photo'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The report cannot be taken in as written");
        }

        StoredAttachment? photo = null;
        if (form.Files.GetFile("photo") is { Length: > 0 } file)
        {
            try
            {
                var content = file.OpenReadStream();
                await using (content.ConfigureAwait(false))
                {
                    photo = await store.SaveAsync(content, file.FileName, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (AttachmentRejectedException rejected)
            {
                var status = rejected.Reason switch
                {
                    AttachmentRejectionReason.TooLarge => StatusCodes.Status413PayloadTooLarge,
                    AttachmentRejectionReason.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
                    _ => StatusCodes.Status400BadRequest,
                };
                return TypedResults.Problem($"photo: {rejected.Message}", statusCode: status, title: "The photo cannot be taken");
            }
        }

        SubmitReportResponse response;
        try
        {
            response = await intake.SubmitAsync(report, null, PortalActor, cancellationToken).ConfigureAwait(false);
            if (photo is not null)
            {
                await RecordPhotoAsync(response, photo, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            if (photo is not null)
            {
                await store.DeleteAsync(photo.StorageKey, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        return TypedResults.Created(
            $"{PortalModule.BasePath}/cases/{response.CaseNumber}",
            new PortalReportAccepted(response.CaseNumber, response.TrackingCode, response.Outcome, response.CaseStatus));
    }

    private async Task RecordPhotoAsync(SubmitReportResponse response, StoredAttachment photo, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var caseId = await db.Set<Case>().Where(c => c.Number == response.CaseNumber).Select(c => c.Id).FirstAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var uploader = UploaderOf(response.ReportId);
        db.Add(new CaseAttachment
        {
            Id = photo.Id, CaseId = caseId, StorageKey = photo.StorageKey, FileName = photo.FileName, ContentType = photo.ContentType,
            Length = photo.Length, Sha256 = photo.Sha256, UploadedBy = uploader, UploadedAt = now,
        });
        db.Add(new CaseEvent
        {
            Id = Guid.CreateVersion7(now), CaseId = caseId, Kind = CaseEventKind.Attachment, Actor = uploader, At = now, AttachmentId = photo.Id,
            Text = $"{photo.FileName} ({photo.ContentType}, {photo.Length} bytes), sent with the citizen's portal report",
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Intake's field names as the portal's form calls them.</summary>
    private static string PortalField(string intakeField) => intakeField switch
    {
        "text" => "description",
        "reporterName" => "name",
        "reporterPhone" => "phone",
        _ => intakeField,
    };
}
