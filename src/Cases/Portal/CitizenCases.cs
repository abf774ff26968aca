using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Intake;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Portal;

/// <summary>
/// What a citizen sees of their case: its progress and their own report, never anyone else's. <c>CaseNumber</c> is the
/// case that handles the problem (after a merge, the one the report joined); <c>QuotedNumber</c> the number the citizen
/// asked with when a merge moved their report; <c>CanRate</c> says the case is closed and waits for their rating.
/// </summary>
public sealed record PortalProgress(
    string CaseNumber,
    string? QuotedNumber,
    CaseStatus Status,
    string CategoryCode,
    LocalizedName? Category,
    LocalizedName? ResponsibleUnit,
    DateTimeOffset ReportedAt,
    DateTimeOffset? ClosedAt,
    string? Result,
    string? RejectionReason,
    string? Satisfaction,
    bool CanRate,
    PortalOwnReport YourReport,
    IReadOnlyList<PortalStep> Steps);

/// <summary>The citizen's own report: their words and place; the phone masked even for them, since a code can leak.</summary>
public sealed record PortalOwnReport(
    string Text, string? Address, double Latitude, double Longitude, DateTimeOffset ReportedAt, string? Name, string? Phone, IReadOnlyList<string> Photos, bool JoinedExistingCase);

/// <summary>What happened, when: no people, only statuses and units.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PortalStepKind>))]
public enum PortalStepKind
{
    /// <summary>Your report arrived.</summary>
    Received,

    /// <summary>Your report joined a case already handling the same problem.</summary>
    Joined,

    /// <summary>The case moved to <see cref="PortalStep.Status"/>.</summary>
    Status,

    /// <summary>The case went one command level up, to <see cref="PortalStep.Unit"/>.</summary>
    Escalated,

    /// <summary>The case was handled again after a complaint.</summary>
    Reopened,
}

public sealed record PortalStep(PortalStepKind Kind, DateTimeOffset At, CaseStatus? Status, LocalizedName? Unit);

/// <summary>
/// Finds a case by number and tracking code, the two things only its reporter holds. A wrong code looks exactly like
/// an unknown case. A report moved into another case (a merge by an intake agent) is still found by the number the
/// citizen was given, and shows the case that now handles it.
/// </summary>
public sealed class CitizenCases(TongguanDbContext db, WorkflowRuntime runtime, ReferenceDataSnapshot data)
{
    /// <summary>The node of case-handling that waits for the citizen's rating (回访).</summary>
    public const string CallbackNode = "callback";

    /// <summary>Merges can chain (A into B, B into C); a few hops are plenty, and a cycle cannot trap the lookup.</summary>
    private const int MaxMergeHops = 8;

    /// <summary>The citizen's report and the case that handles it; null when the number and code do not belong together.</summary>
    public async Task<(Report Report, Case Case)?> FindAsync(string? number, string? code, CancellationToken cancellationToken)
    {
        var trimmedCode = code?.Trim().ToUpperInvariant();
        var trimmedNumber = number?.Trim().ToUpperInvariant();
        if (!CaseNumbers.LooksLikeCaseNumber(trimmedNumber) || trimmedCode is not { Length: 10 })
        {
            return null;
        }

        var reports = await db.Set<Report>().AsNoTracking().Where(r => r.TrackingCode == trimmedCode).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var report in reports)
        {
            var current = await db.Set<Case>().AsNoTracking().FirstAsync(c => c.Id == report.CaseId, cancellationToken).ConfigureAwait(false);
            if (current.Number == trimmedNumber || await MergedIntoAsync(trimmedNumber!, current.Number, cancellationToken).ConfigureAwait(false))
            {
                return (report, current);
            }
        }

        return null;
    }

    /// <summary>Whether the case the citizen quotes was merged, possibly over several hops, into <paramref name="target"/>.</summary>
    private async Task<bool> MergedIntoAsync(string quoted, string target, CancellationToken cancellationToken)
    {
        var number = quoted;
        for (var hop = 0; hop < MaxMergeHops; hop++)
        {
            var next = await db.Set<Case>().AsNoTracking().Where(c => c.Number == number).Select(c => c.MergedInto).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                return false;
            }

            if (next == target)
            {
                return true;
            }

            number = next;
        }

        return false;
    }

    /// <summary>The call-back task when the case's closed loop waits for the citizen's rating now; else null.</summary>
    public async Task<UserTaskRecord?> CallbackTaskAsync(string number, CancellationToken cancellationToken)
    {
        var tasks = await runtime.QueryTasksAsync(
            new TaskQuery
            {
                BusinessKey = number,
                DefinitionKey = CaseProcesses.Handling,
                Statuses = [UserTaskStatus.Open, UserTaskStatus.Assigned],
                Take = 20,
            },
            cancellationToken).ConfigureAwait(false);
        return tasks.Items.FirstOrDefault(t => t.NodeId == CallbackNode);
    }

    public async Task<PortalProgress> ProgressAsync(Report report, Case found, string quotedNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(found);
        var events = await db.Set<CaseEvent>().AsNoTracking()
            .Where(e => e.CaseId == found.Id && (e.Kind == CaseEventKind.StatusChanged || e.Kind == CaseEventKind.Escalated || e.Kind == CaseEventKind.Reopened))
            .Select(e => new { e.Kind, e.At, e.Sequence, e.Text, e.OrgUnitId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var steps = new List<PortalStep> { new(PortalStepKind.Received, report.ReportedAt, null, null) };
        if (report.Link != ReportLink.Original)
        {
            steps.Add(new PortalStep(PortalStepKind.Joined, report.ReceivedAt, found.Status, null));
        }

        foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.Sequence))
        {
            // Status texts read "Filed → Dispatched" (CaseProjection); only the new status is shown, never the text itself.
            var step = e.Kind switch
            {
                CaseEventKind.StatusChanged when e.Text?.Split('→') is [_, var to] && Enum.TryParse<CaseStatus>(to.Trim(), out var status) =>
                    new PortalStep(PortalStepKind.Status, e.At, status, null),
                CaseEventKind.Escalated => new PortalStep(PortalStepKind.Escalated, e.At, null, UnitName(e.OrgUnitId)),
                CaseEventKind.Reopened => new PortalStep(PortalStepKind.Reopened, e.At, null, null),
                _ => null,
            };
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        var photos = await db.Set<CaseAttachment>().AsNoTracking()
            .Where(a => a.CaseId == found.Id && a.UploadedBy == SubmitPortalReport.UploaderOf(report.Id))
            .OrderBy(a => a.UploadedAt).Select(a => a.FileName)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var handled = found.Status == CaseStatus.Closed;
        return new PortalProgress(
            found.Number,
            quotedNumber == found.Number ? null : quotedNumber,
            found.Status,
            found.CategoryCode,
            data.FindCategory(found.CategoryCode)?.Names,
            UnitName(found.ResponsibleUnitId),
            found.ReportedAt,
            found.ClosedAt,
            found.Status is CaseStatus.Verifying or CaseStatus.Closed ? found.Resolution : null,
            found.Status == CaseStatus.Rejected ? found.RejectionReason : null,
            found.Satisfaction,
            handled && await CallbackTaskAsync(found.Number, cancellationToken).ConfigureAwait(false) is not null,
            new PortalOwnReport(
                report.Text, report.Address, report.Latitude, report.Longitude, report.ReportedAt, report.ReporterName, MaskPhone(report.ReporterPhone), photos,
                report.Link != ReportLink.Original),
            steps);
    }

    /// <summary>138****5678: enough for the citizen to recognise their number, useless to anyone who found the code.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = phone.Trim();
        return digits.Length >= 8 ? string.Concat(digits.AsSpan(0, 3), new string('*', digits.Length - 7), digits.AsSpan(digits.Length - 4)) : new string('*', digits.Length);
    }

    private LocalizedName? UnitName(string? unitId) => unitId is null ? null : data.FindOrgUnit(unitId)?.Names;
}
