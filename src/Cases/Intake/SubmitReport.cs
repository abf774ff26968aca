using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Access;
using Tongguan.Cases.Dedup;
using Tongguan.Cases.Forms;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Deadlines;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Cases.Intake;

/// <summary>
/// A report from any channel (the one door, 一门受理). Coordinates are WGS-84 degrees. An intake agent who has seen
/// the duplicate suggestions (<c>POST /api/reports/duplicates</c>) decides instead of the check: <c>MergeInto</c> joins
/// the report to that open case, <c>FileAsNew</c> files a new case without a review step.
/// </summary>
public sealed record SubmitReportRequest(
    string? Channel,
    string? CategoryCode,
    string? Text,
    double? Latitude,
    double? Longitude,
    string? Address = null,
    DateTimeOffset? ReportedAt = null,
    string? ReporterName = null,
    string? ReporterPhone = null,
    string? ExternalId = null,
    Urgency? Urgency = null,
    string? MergeInto = null,
    bool? FileAsNew = null);

/// <summary>What intake did with a report.</summary>
public enum IntakeOutcome
{
    /// <summary>A new case, filed and on its way to the responsible unit.</summary>
    Filed,

    /// <summary>A new case that may be a duplicate: an intake agent decides (the suggestions say why).</summary>
    NeedsReview,

    /// <summary>Joined an existing case as a duplicate; the reporter follows that case.</summary>
    Merged,
}

public sealed record DuplicateSuggestionResponse(string CaseNumber, double Score, DedupDecision Decision, IReadOnlyList<DuplicateReason> Reasons);

public sealed record SubmitReportResponse(
    Guid ReportId,
    string CaseNumber,
    string TrackingCode,
    IntakeOutcome Outcome,
    CaseStatus CaseStatus,
    IReadOnlyList<DuplicateSuggestionResponse> Suggestions,
    bool Replayed);

/// <summary>
/// Takes in one report: validates it against the reference data, looks for the same problem among open cases in
/// the surrounding dedup buckets, and either merges it into that case (above the auto-merge threshold), or opens a
/// new case and starts the one-door intake process for it — with the suggestions for an agent when the check was
/// not sure. A retried submission with the same <c>Idempotency-Key</c> gets the first answer back.
/// </summary>
public sealed class ReportIntake(
    TongguanDbContext db,
    WorkflowRuntime runtime,
    ReferenceDataSnapshot data,
    DuplicateDetector detector,
    BusinessCalendar calendar,
    IOptions<CaseOptions> caseOptions,
    TimeProvider timeProvider,
    IEnumerable<IBulkChangeRecorder> recorders)
{
    public const int MaxTextLength = 2000;
    public const int MaxIdempotencyKeyLength = 100;

    private readonly CaseOptions _options = caseOptions.Value;

    public Dictionary<string, string[]> Validate(SubmitReportRequest request, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

        if (string.IsNullOrWhiteSpace(request.Channel))
        {
            Add("channel", $"The channel is required: one of {string.Join(", ", Enum.GetNames<Channel>())}.");
        }
        else if (!Enum.TryParse<Channel>(request.Channel, ignoreCase: false, out var channel) || !Enum.IsDefined(channel))
        {
            Add("channel", $"'{request.Channel}' is not a channel; use one of {string.Join(", ", Enum.GetNames<Channel>())}.");
        }

        if (string.IsNullOrWhiteSpace(request.CategoryCode))
        {
            Add("categoryCode", "The category is required (a leaf code such as S0501; see /api/reference/categories).");
        }
        else if (data.FindCategory(request.CategoryCode) is null)
        {
            Add("categoryCode", data.FindMajor(request.CategoryCode) is null
                ? $"'{request.CategoryCode}' is not a category."
                : $"'{request.CategoryCode}' is a major category; choose one of its categories ({string.Join(", ", data.CategoriesOf(request.CategoryCode).Select(c => c.Code))}).");
        }

        CheckText(Add, "text", request.Text, required: true, MaxTextLength);
        CheckText(Add, "address", request.Address, required: false, 300);
        CheckText(Add, "reporterName", request.ReporterName, required: false, 100);
        CheckText(Add, "externalId", request.ExternalId, required: false, 100);

        if (request.Latitude is not { } latitude || request.Longitude is not { } longitude)
        {
            Add("location", "The location is required: latitude and longitude in WGS-84 degrees.");
        }
        else if (!double.IsFinite(latitude) || latitude is < -90 or > 90 || !double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            Add("location", $"({latitude}, {longitude}) are not coordinates: latitude must lie in [-90, 90] and longitude in [-180, 180].");
        }
        else if (!data.IsInsideCity(latitude, longitude))
        {
            var extent = data.CityExtent;
            Add("location", $"({latitude}, {longitude}) lies outside the city's grid cells (roughly latitude {extent.MinLat}–{extent.MaxLat}, longitude {extent.MinLon}–{extent.MaxLon}).");
        }

        var now = timeProvider.GetUtcNow();
        if (request.ReportedAt is { } reportedAt)
        {
            if (reportedAt > now + _options.ClockSkew)
            {
                Add("reportedAt", $"The report time {reportedAt:O} lies in the future.");
            }
            else if (reportedAt < now - _options.MaxReportAge)
            {
                Add("reportedAt", $"The report time {reportedAt:O} is older than {_options.MaxReportAge.TotalDays:0} days; report it again as new.");
            }
        }

        if (request.ReporterPhone is { } phone && (phone.Length is < 5 or > 20 || phone.Any(c => !(char.IsAsciiDigit(c) || c is '+' or '-' or ' '))))
        {
            Add("reporterPhone", "The phone number may hold 5 to 20 digits, spaces, '+' and '-'.");
        }

        if (request.Urgency is { } urgency && !Enum.IsDefined(urgency))
        {
            Add("urgency", $"Urgency is one of {string.Join(", ", Enum.GetNames<Urgency>())}.");
        }

        if (request.MergeInto is not null && request.FileAsNew == true)
        {
            Add("mergeInto", "Either merge into a case or file as a new case, not both.");
        }
        else if (request.MergeInto is not null && !CaseNumbers.LooksLikeCaseNumber(request.MergeInto))
        {
            Add("mergeInto", "The case to merge into is a case number such as TG-20260302-7K3M9QX2PA.");
        }

        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(c => c is < '!' or > '~')))
        {
            Add("Idempotency-Key", $"The Idempotency-Key header must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters.");
        }

        return errors;
    }

    /// <summary>Takes in a report that passed <see cref="Validate"/>.</summary>
    public async Task<SubmitReportResponse> SubmitAsync(SubmitReportRequest request, string? idempotencyKey, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var channel = Enum.Parse<Channel>(request.Channel!);
        if (idempotencyKey is not null && await ReplayAsync(channel, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return earlier;
        }

        try
        {
            return await TakeInAsync(request, channel, idempotencyKey, actor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (idempotencyKey is not null && ex is DbUpdateException or WorkflowConcurrencyException)
        {
            // The same key raced in on another request (a client retrying before the first answer came back): the
            // unique index let one through; answer with that one.
            db.ChangeTracker.Clear();
            runtime.Store.DiscardChanges();
            if (await ReplayAsync(channel, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } winner)
            {
                return winner;
            }

            throw;
        }
    }

    private async Task<SubmitReportResponse> TakeInAsync(
        SubmitReportRequest request, Channel channel, string? idempotencyKey, Actor actor, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var category = data.FindCategory(request.CategoryCode!)!;
        double latitude = request.Latitude!.Value, longitude = request.Longitude!.Value;
        var phoneHash = request.ReporterPhone is { } phone ? HashPhone(phone) : null;
        var report = new Report
        {
            Id = Guid.CreateVersion7(now),
            Channel = channel,
            IdempotencyKey = idempotencyKey,
            ExternalId = request.ExternalId?.Trim(),
            CategoryCode = category.Code,
            Text = request.Text!.Trim(),
            Address = request.Address?.Trim(),
            Latitude = latitude,
            Longitude = longitude,
            ReporterName = request.ReporterName?.Trim(),
            ReporterPhone = request.ReporterPhone?.Trim(),
            ReporterPhoneHash = phoneHash,
            TrackingCode = CaseNumbers.NewTrackingCode(),
            ReportedAt = request.ReportedAt ?? now,
            ReceivedAt = now,
            ReceivedBy = actor.Id,
        };

        var dedup = await DetectAsync(category, latitude, longitude, report.ReportedAt, report.Text, channel, phoneHash, cancellationToken).ConfigureAwait(false);
        var suggestions = dedup.Suggestions
            .Select(s => new DuplicateSuggestionResponse(s.CaseId, Math.Round(s.Score, 3), s.Decision, s.Reasons))
            .ToList();

        if (request.MergeInto is { } chosen)
        {
            // The agent's choice, checked by ValidateChoiceAsync: the case need not be among the suggestions (the
            // caller may know better than the score, e.g. the same problem reported further away).
            var suggested = dedup.Suggestions.FirstOrDefault(s => s.CaseId == chosen);
            var reasons = suggested is null ? "chosen by the agent without a suggestion" : string.Join("; ", suggested.Reasons.Select(r => r.Text));
            var into = await MergeAsync(
                report, chosen, ReportLink.MergedByAgent, suggested?.Score, reasons,
                $"A {report.Channel} report was merged into the case by {actor.Id}: {reasons}", cancellationToken).ConfigureAwait(false);
            return new SubmitReportResponse(report.Id, into.Number, report.TrackingCode, IntakeOutcome.Merged, into.Status, suggestions, Replayed: false);
        }

        if (dedup.Decision == DedupDecision.AutoMerge && request.FileAsNew != true)
        {
            var best = dedup.Best!;
            var reasons = string.Join("; ", best.Reasons.Select(r => r.Text));
            var merged = await MergeAsync(
                report, best.CaseId, ReportLink.AutoMerged, best.Score, reasons,
                $"A {report.Channel} report joined the case automatically (score {Math.Round(best.Score, 3):0.000}): {reasons}", cancellationToken).ConfigureAwait(false);
            return new SubmitReportResponse(report.Id, merged.Number, report.TrackingCode, IntakeOutcome.Merged, merged.Status, suggestions, Replayed: false);
        }

        var opened = OpenCase(report, category, request.Urgency ?? (channel == Channel.LeadershipInstruction ? Urgency.Urgent : Urgency.Normal), now);
        // An agent who chose to file has already done the review.
        var needsReview = dedup.Decision == DedupDecision.Suggest && request.FileAsNew != true;
        var variables = new JsonObject
        {
            [CaseVariables.CategoryCode] = category.Code,
            [CaseVariables.GridCellId] = opened.GridCellId,
            [CaseVariables.Channel] = channel.ToString(),
            [CaseVariables.Urgency] = opened.Urgency.ToString(),
            [CaseVariables.NeedsReview] = needsReview,
            [CaseVariables.IntakeGroup] = new CandidateGroup(Roles.IntakeAgent, _options.IntakeUnitId).ToString(),
            [CaseVariables.Suggestions] = JsonSerializer.SerializeToNode(suggestions.Select(s => new { caseNumber = s.CaseNumber, score = s.Score })),
        };
        await runtime.StartAsync(CaseProcesses.Intake, opened.Number, variables, actor, cancellationToken).ConfigureAwait(false);
        return new SubmitReportResponse(
            report.Id, opened.Number, report.TrackingCode, needsReview ? IntakeOutcome.NeedsReview : IntakeOutcome.Filed, opened.Status, suggestions, Replayed: false);
    }

    /// <summary>The duplicate check alone, for a report that passed <see cref="Validate"/>: what intake would find now. Stores nothing.</summary>
    public Task<DedupResult> CheckAsync(SubmitReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var category = data.FindCategory(request.CategoryCode!)!;
        var phoneHash = request.ReporterPhone is { } phone ? HashPhone(phone) : null;
        return DetectAsync(
            category, request.Latitude!.Value, request.Longitude!.Value, request.ReportedAt ?? timeProvider.GetUtcNow(), request.Text!.Trim(),
            Enum.Parse<Channel>(request.Channel!), phoneHash, cancellationToken);
    }

    /// <summary>
    /// Checks an agent's choice of case to merge into: it must be a case the caller can see, and still open. A case
    /// outside the caller's scope reads as missing, as everywhere else.
    /// </summary>
    public async Task<Dictionary<string, string[]>> ValidateChoiceAsync(SubmitReportRequest request, CaseScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.MergeInto is not { } number)
        {
            return errors;
        }

        var target = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(c => c.Number == number, cancellationToken).ConfigureAwait(false);
        if (target is null || !scope.Covers(target))
        {
            errors["mergeInto"] = [$"There is no case {number}."];
        }
        else if (!CaseStatuses.IsOpen(target.Status))
        {
            errors["mergeInto"] = [$"Case {number} is {target.Status}: a report can only join an open case."];
        }

        return errors;
    }

    private async Task<DedupResult> DetectAsync(
        Category category, double latitude, double longitude, DateTimeOffset reportedAt, string text, Channel channel, string? phoneHash, CancellationToken cancellationToken)
    {
        var incoming = new IncomingReport(category.Code, category.Names.Zh, latitude, longitude, reportedAt, text, channel.ToString(), phoneHash);
        var candidates = await DuplicateCandidates.NearAsync(db, data, detector.Options, incoming, cancellationToken).ConfigureAwait(false);
        return detector.Detect(incoming, candidates);
    }

    private Case OpenCase(Report report, Category category, Urgency urgency, DateTimeOffset now)
    {
        var cell = data.LocateGridCell(report.Latitude, report.Longitude);
        var community = cell?.CommunityId;
        var opened = new Case
        {
            Id = Guid.CreateVersion7(now),
            Number = CaseNumbers.NewCaseNumber(now, calendar.TimeZone),
            Status = CaseStatus.Registered,
            CategoryCode = category.Code,
            Channel = report.Channel,
            Urgency = urgency,
            Description = report.Text,
            Address = report.Address,
            Latitude = report.Latitude,
            Longitude = report.Longitude,
            BucketKey = DedupBuckets.KeyOf(report.Latitude, report.Longitude),
            GridCellId = cell?.Id,
            CommunityId = community,
            StreetId = community is null ? null : data.UnitAtLevel(community, OrgLevel.Street)?.Id,
            DistrictId = community is null ? null : data.UnitAtLevel(community, OrgLevel.District)?.Id,
            ReportCount = 1,
            ReportedAt = report.ReportedAt,
            LastReportedAt = report.ReportedAt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        report.CaseId = opened.Id;
        report.Link = ReportLink.Original;
        db.Add(opened);
        db.Add(report);
        return opened;
    }

    /// <summary>
    /// Joins the report to the case. The counters move by one set-wise UPDATE in the report's transaction, so two
    /// duplicates arriving at once both count; no process step is involved (the case's handling goes on).
    /// </summary>
    private async Task<Case> MergeAsync(
        Report report, string targetNumber, ReportLink link, double? score, string reasons, string eventText, CancellationToken cancellationToken)
    {
        var target = await db.Set<Case>().AsNoTracking().FirstAsync(c => c.Number == targetNumber, cancellationToken).ConfigureAwait(false);
        report.CaseId = target.Id;
        report.Link = link;
        report.MergeScore = score is { } s ? Math.Round(s, 3) : null;
        report.MergeReasons = reasons;
        var reportedAt = report.ReportedAt;
        var now = report.ReceivedAt;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.Add(report);
        db.Add(new CaseEvent
        {
            Id = Guid.CreateVersion7(now),
            CaseId = target.Id,
            Kind = CaseEventKind.ReportMerged,
            Actor = report.ReceivedBy,
            At = now,
            Text = eventText,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<Case>().Where(c => c.Id == target.Id).ExecuteUpdateAsync(
            set => set
                .SetProperty(c => c.ReportCount, c => c.ReportCount + 1)
                .SetProperty(c => c.LastReportedAt, c => c.LastReportedAt > reportedAt ? c.LastReportedAt : reportedAt)
                .SetProperty(c => c.UpdatedAt, now),
            cancellationToken).ConfigureAwait(false);
        await RecordMergeAsync(target, report.ReceivedBy, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return target;
    }

    /// <summary>
    /// The counters' change for the audit trail (the UPDATE bypasses SaveChanges). The after values are read back in
    /// the transaction, exact even when duplicates arrive at once; the count before is one less, the dates as read.
    /// </summary>
    private async Task RecordMergeAsync(Case target, string actor, CancellationToken cancellationToken)
    {
        if (!recorders.Any())
        {
            return;
        }

        var after = await db.Set<Case>().AsNoTracking().Where(c => c.Id == target.Id)
            .Select(c => new { c.ReportCount, c.LastReportedAt, c.UpdatedAt })
            .FirstAsync(cancellationToken).ConfigureAwait(false);
        var change = new BulkRowChange(
            target.Id.ToString(),
            [new(nameof(Case.ReportCount), after.ReportCount - 1), new(nameof(Case.LastReportedAt), target.LastReportedAt), new(nameof(Case.UpdatedAt), target.UpdatedAt)],
            [new(nameof(Case.ReportCount), after.ReportCount), new(nameof(Case.LastReportedAt), after.LastReportedAt), new(nameof(Case.UpdatedAt), after.UpdatedAt)]);
        foreach (var recorder in recorders)
        {
            await recorder.RecordAsync(db, typeof(Case), actor, [change], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SubmitReportResponse?> ReplayAsync(Channel channel, string idempotencyKey, CancellationToken cancellationToken)
    {
        var earlier = await db.Set<Report>().AsNoTracking()
            .Where(r => r.Channel == channel && r.IdempotencyKey == idempotencyKey)
            .Join(db.Set<Case>(), r => r.CaseId, c => c.Id, (r, c) => new { r.Id, r.TrackingCode, r.Link, c.Number, c.Status })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (earlier is null)
        {
            return null;
        }

        var outcome = earlier.Link != ReportLink.Original ? IntakeOutcome.Merged
            : earlier.Status == CaseStatus.Registered ? IntakeOutcome.NeedsReview
            : IntakeOutcome.Filed;
        return new SubmitReportResponse(earlier.Id, earlier.Number, earlier.TrackingCode, outcome, earlier.Status, [], Replayed: true);
    }

    /// <summary>A keyed hash of the phone's digits: equal numbers match, the number itself is not recoverable without the key.</summary>
    private string HashPhone(string phone)
    {
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13)
        {
            digits = digits[2..];
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.PhoneHashKey), Encoding.UTF8.GetBytes(digits)));
    }

    private static void CheckText(Action<string, string> add, string field, string? value, bool required, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                add(field, $"The {field} is required.");
            }

            return;
        }

        if (value.Length > maxLength)
        {
            add(field, $"The {field} has {value.Length} characters; at most {maxLength} are accepted.");
        }

        if (PlainText.Problem(value) is { } problem)
        {
            add(field, $"The {field} {problem}");
        }
    }
}
