using Tongguan.Cases.CaseFile;
using Tongguan.Cases.Processes;

namespace Tongguan.Cases.UI.CaseFile;

/// <summary>
/// GET /api/cases/{number} as the pages read it: the API's own records, except the report, whose link comes as the
/// API's string (the page has no converter for that enum).
/// </summary>
public sealed record CaseFileView(CaseSummary Case, IReadOnlyList<CaseReportView> Reports, IReadOnlyList<TaskResponse> OpenTasks, IReadOnlyList<AttachmentView> Attachments);

public sealed record CaseReportView(
    Guid Id, string Channel, string Link, string CategoryCode, string Text, string? Address, double Latitude, double Longitude,
    string? ReporterName, string? ReporterPhone, DateTimeOffset ReportedAt, string ReceivedBy, double? MergeScore, string? MergeReasons);
