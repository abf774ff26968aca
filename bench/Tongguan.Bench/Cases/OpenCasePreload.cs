using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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
/// duplicate check's 72-hour window. Inserted set-wise through the host's own <see cref="TongguanDbContext"/>: on
/// PostgreSQL one binary COPY per table and batch on its connection, with the columns and value conversions of its EF
/// model; on SQLite AddRange + SaveChanges per batch. No process instances are started for them: intake reads only
/// the case and report tables.
/// </summary>
internal static class OpenCasePreload
{
    private const int Batch = 5_000;
    private static readonly CaseStatus[] OpenStatuses = [CaseStatus.Dispatched, CaseStatus.Handling, CaseStatus.Verifying];

    public static async Task<string> RunAsync(CaseHost host, ReportMaker maker, int count, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var reference = host.Reference;
        var timeZone = host.Services.GetRequiredService<BusinessCalendar>().TimeZone;
        var now = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var method = "";
        for (var done = 0; done < count; done += Batch)
        {
            var cases = new List<Case>(Batch);
            var reports = new List<Report>(Batch);
            for (var i = done; i < Math.Min(count, done + Batch); i++)
            {
                var (opened, report) = Make(maker, reference, timeZone, now, random);
                cases.Add(opened);
                reports.Add(report);
            }

            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
            if (db.Database.GetDbConnection() is NpgsqlConnection connection)
            {
                // PostgreSQL: COPY, columns and value conversions taken from the host's EF model.
                await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await CopyAsync(connection, db.Model.FindEntityType(typeof(Case))!, cases, cancellationToken).ConfigureAwait(false);
                await CopyAsync(connection, db.Model.FindEntityType(typeof(Report))!, reports, cancellationToken).ConfigureAwait(false);
                method = $"binary COPY per {Batch:N0} on the host's DbContext connection, columns and conversions from its EF model";
            }
            else
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.AddRange(cases);
                db.AddRange(reports);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                method = $"AddRange + SaveChanges per {Batch:N0} through the host's DbContext";
            }
        }

        if (method.StartsWith("binary COPY", StringComparison.Ordinal))
        {
            // Autovacuum would analyse tables this size within a minute; a long-running database has its statistics.
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
            await db.Database.ExecuteSqlRawAsync("ANALYZE cases, case_reports", cancellationToken).ConfigureAwait(false);
            method += ", then ANALYZE";
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
        return $"{count:N0} open cases (case + original report rows; no process instances) inserted set-wise ({method}) " +
               $"in {clock.Elapsed.TotalSeconds:0.0} s; reported at random over the last 30 days";
    }

    private static (Case Case, Report Report) Make(ReportMaker maker, ReferenceDataSnapshot reference, TimeZoneInfo timeZone, DateTimeOffset now, Random random)
    {
        var body = maker.Fresh(random);
        var reportedAt = now - TimeSpan.FromMinutes(5 + (random.NextDouble() * 30 * 24 * 60));
        var cell = reference.LocateGridCell(body.Latitude, body.Longitude)!;
        var opened = new Case
        {
            Id = Guid.CreateVersion7(reportedAt),
            Number = CaseNumbers.NewCaseNumber(reportedAt, timeZone),
            Status = OpenStatuses[random.Next(OpenStatuses.Length)],
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
        var report = new Report
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
        };
        return (opened, report);
    }

    /// <summary>One binary COPY of the rows into the entity's table: every mapped property, converted as EF would store it.</summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, IEntityType type, List<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var properties = type.GetProperties().ToList();
        var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""));
        var name = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
        var importer = await connection.BeginBinaryImportAsync($"COPY {name} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                foreach (var property in properties)
                {
                    var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
                    if (value is not null && property.GetTypeMapping().Converter is { } converter)
                    {
                        value = converter.ConvertToProvider(value);
                    }

                    if (value is null)
                    {
                        await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        // The store type without its length: "character varying(40)" → "character varying".
                        var storeType = property.GetRelationalTypeMapping().StoreType;
                        var parenthesis = storeType.IndexOf('(', StringComparison.Ordinal);
                        await importer.WriteAsync(value, parenthesis < 0 ? storeType : storeType[..parenthesis], cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
