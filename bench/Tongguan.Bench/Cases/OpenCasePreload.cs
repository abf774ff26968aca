using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.Dedup;
using Tongguan.Cases.Intake;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.Calendar;

namespace Tongguan.Bench.Cases;

/// <summary>
/// Fills the host's database with N open cases before an intake run: each a case row and its original report, as
/// intake would write them (bucket key, grid cell, community, street, district, times), in an open status
/// (Dispatched, Handling or Verifying), reported at random over the last 30 days — so about a tenth lie in the
/// duplicate check's 72-hour window. Inserted set-wise through the host's own <see cref="TongguanDbContext"/>
/// (AddRange + SaveChanges per batch); no process instances are started for them: intake reads only the case and
/// report tables.
/// </summary>
internal static class OpenCasePreload
{
    private const int Batch = 2_000;
    private static readonly CaseStatus[] OpenStatuses = [CaseStatus.Dispatched, CaseStatus.Handling, CaseStatus.Verifying];

    public static async Task<string> RunAsync(CaseHost host, ReportMaker maker, int count, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var reference = host.Reference;
        var timeZone = host.Services.GetRequiredService<BusinessCalendar>().TimeZone;
        var now = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < count; done += Batch)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + Batch); i++)
            {
                var body = maker.Fresh(random);
                var reportedAt = now - TimeSpan.FromMinutes(5 + (random.NextDouble() * 30 * 24 * 60));
                var cell = reference.LocateGridCell(body.Latitude, body.Longitude)!;
                var status = OpenStatuses[random.Next(OpenStatuses.Length)];
                var opened = new Case
                {
                    Id = Guid.CreateVersion7(reportedAt),
                    Number = CaseNumbers.NewCaseNumber(reportedAt, timeZone),
                    Status = status,
                    CategoryCode = body.CategoryCode,
                    Channel = Enum.Parse<Channel>(body.Channel),
                    Urgency = Urgency.Normal,
                    Description = body.Text,
                    Address = body.Address,
                    Latitude = body.Latitude,
                    Longitude = body.Longitude,
                    BucketKey = DedupBuckets.KeyOf(body.Latitude, body.Longitude),
                    GridCellId = cell.Id,
                    CommunityId = cell.CommunityId,
                    StreetId = reference.UnitAtLevel(cell.CommunityId, OrgLevel.Street)?.Id,
                    DistrictId = reference.UnitAtLevel(cell.CommunityId, OrgLevel.District)?.Id,
                    ResponsibleUnitId = reference.Route(body.CategoryCode, cell.Id).Unit.Id,
                    ReportCount = 1,
                    ReportedAt = reportedAt,
                    LastReportedAt = reportedAt,
                    CreatedAt = reportedAt,
                    FiledAt = reportedAt,
                    UpdatedAt = reportedAt,
                };
                db.Add(opened);
                db.Add(new Report
                {
                    Id = Guid.CreateVersion7(reportedAt),
                    CaseId = opened.Id,
                    Channel = opened.Channel,
                    CategoryCode = body.CategoryCode,
                    Text = body.Text,
                    Address = body.Address,
                    Latitude = body.Latitude,
                    Longitude = body.Longitude,
                    ReporterName = body.ReporterName,
                    TrackingCode = CaseNumbers.NewTrackingCode(),
                    ReportedAt = reportedAt,
                    ReceivedAt = reportedAt,
                    ReceivedBy = "bench-preload",
                    Link = ReportLink.Original,
                });
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        clock.Stop();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
            var open = CaseStatuses.Open.ToArray();
            var stored = await db.Set<Case>().CountAsync(c => open.Contains(c.Status), cancellationToken).ConfigureAwait(false);
            if (stored < count)
            {
                throw new InvalidOperationException($"Preload stored {stored} open cases, not {count}.");
            }
        }

        // The preloaded reports fill the recent-report queue; near-duplicates during the run should repeat run reports.
        maker.ForgetRecent();
        return $"{count:N0} open cases (case + original report rows) inserted set-wise through the host's DbContext " +
               $"(AddRange, SaveChanges per {Batch:N0}) in {clock.Elapsed.TotalSeconds:0.0} s; reported over the last 30 days";
    }
}
