using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Dedup;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Intake;

/// <summary>
/// The open cases a new report could duplicate, read through the indexed bucket column: the 3×3 block of dedup
/// buckets around the report and the time window — a few rows however many cases are open.
/// </summary>
internal static class DuplicateCandidates
{
    /// <summary>More than this many open cases within 200 m and 72 h means something else is wrong (a flood of alerts); the newest are scored.</summary>
    public const int MaxCandidates = 200;

    public static async Task<IReadOnlyList<OpenCase>> NearAsync(
        TongguanDbContext db, ReferenceDataSnapshot data, DedupOptions options, IncomingReport report, CancellationToken cancellationToken)
    {
        var keys = DedupBuckets.KeysAround(report.Latitude, report.Longitude, options.RadiusMetres).ToArray();
        var since = report.ReportedAt - options.TimeWindow;
        var until = report.ReportedAt + options.TimeWindow;
        var open = CaseStatuses.Open.ToArray();
        var cases = await db.Set<Case>().AsNoTracking()
            .Where(c => keys.Contains(c.BucketKey) && c.LastReportedAt >= since && c.ReportedAt <= until && open.Contains(c.Status))
            .OrderByDescending(c => c.LastReportedAt)
            .Take(MaxCandidates)
            .Select(c => new { c.Id, c.Number, c.CategoryCode, c.Latitude, c.Longitude, c.ReportedAt, c.Description, c.Channel })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (cases.Count == 0)
        {
            return [];
        }

        var ids = cases.Select(c => c.Id).ToArray();
        var reports = (await db.Set<Report>().AsNoTracking()
            .Where(r => ids.Contains(r.CaseId))
            .Select(r => new { r.CaseId, r.Text, r.ReporterPhoneHash, r.Channel, r.ReportedAt, r.Link })
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(r => r.CaseId);

        var result = new List<OpenCase>(cases.Count);
        foreach (var c in cases)
        {
            var original = reports[c.Id].FirstOrDefault(r => r.Link == ReportLink.Original);
            var openCase = new OpenCase(c.Number, c.CategoryCode, data.FindCategory(c.CategoryCode)?.Names.Zh, c.Latitude, c.Longitude, c.ReportedAt, c.Description, c.Channel.ToString())
            {
                ReporterPhoneHashes = original?.ReporterPhoneHash is { } hash ? [hash] : [],
            };
            foreach (var r in reports[c.Id].Where(r => r.Link != ReportLink.Original).OrderBy(r => r.ReportedAt))
            {
                openCase = openCase.WithMergedReport(r.Text, r.ReportedAt, r.Channel.ToString(), r.ReporterPhoneHash);
            }

            result.Add(openCase);
        }

        return result;
    }
}
