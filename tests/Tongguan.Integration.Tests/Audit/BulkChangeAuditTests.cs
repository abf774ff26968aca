using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.Audit;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;
using Tongguan.Sla.Deadlines;

namespace Tongguan.Integration.Tests.Audit;

/// <summary>
/// Changes made by bulk statements (<c>ExecuteUpdate</c>, which bypasses the SaveChanges interceptor) in the audit
/// trail: the deadline sweep turning deadlines amber and red, a suspension and its resumption, and a merged report's
/// counter on its case; each an entry per row with its actor and before/after, which the sealed chain verifies.
/// </summary>
public abstract class BulkChangeAuditTests<TApp>(TApp app)
    where TApp : TongguanApp, IAuditApp
{
    private const string Agent = "wang.fang";
    private const string Requester = "chen.jing";
    private const string Dispatcher = "zhang.wei";

    private static int s_filed;

    private async Task<(Guid CaseId, string Number, DeadlineRecord Deadline, double Lat, double Lon)> FileCaseAsync()
    {
        // Each test's report lands on a fresh grid cell and days after the last one, so it is never a duplicate.
        app.Clock.Advance(TimeSpan.FromDays(4));
        var cells = app.Reference().GridCells;
        var cell = cells[(Interlocked.Increment(ref s_filed) * 11) % cells.Count];
        var response = await app.CreateClient(Agent).SubmitAsync(new
        {
            channel = "Hotline12345", categoryCode = "S0102", text = "春晖路垃圾桶满了 " + Guid.NewGuid().ToString("N")[..8],
            latitude = cell.Centroid.Lat, longitude = cell.Centroid.Lon,
        });
        var number = (string)(await response.JsonAsync(HttpStatusCode.Created))["caseNumber"]!;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
        var opened = await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Number == number);
        var deadline = await db.Set<DeadlineRecord>().AsNoTracking()
            .Where(d => d.BusinessKey == number && d.Status == DeadlineStatus.Pending).OrderBy(d => d.DueAt).FirstAsync();
        return (opened.Id, number, deadline, cell.Centroid.Lat, cell.Centroid.Lon);
    }

    private async Task<List<AuditEntry>> SealedEntriesAboutAsync(string subjectType, string subjectId)
    {
        await app.Services.GetRequiredService<AuditSealer>().SealAsync(CancellationToken.None);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
        var verification = await AuditVerifier.VerifyAsync(db, CancellationToken.None);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(0, verification.Unsealed);
        return await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.SubjectType == subjectType && e.SubjectId == subjectId)
            .OrderBy(e => e.ChainPosition).ToListAsync();
    }

    private static JsonObject Json(string? text) => JsonNode.Parse(text ?? "{}")!.AsObject();

    /// <summary>Moves the clock to a minute past <paramref name="moment"/> (if it is ahead) and sweeps.</summary>
    private async Task SweepPastAsync(DateTimeOffset moment) => await
        app.AdvanceAsync(TimeSpan.FromTicks(Math.Max(0, (moment - app.Clock.GetUtcNow()).Ticks)) + TimeSpan.FromMinutes(1));

    [Fact]
    public async Task Sweep_TurningADeadlineAmberThenRed_LeavesAnEntryPerChange_BySystemActor()
    {
        var (_, _, deadline, _, _) = await FileCaseAsync();

        await SweepPastAsync(deadline.WarningAt);
        await SweepPastAsync(deadline.DueAt);

        var entries = (await SealedEntriesAboutAsync("sla_deadlines", deadline.Id.ToString())).Where(e => e.Actor == SystemActors.DeadlineSweep).ToList();
        var warned = Assert.Single(entries, e => Json(e.After).ContainsKey(nameof(DeadlineRecord.WarnedAt)) && !Json(e.After).ContainsKey(nameof(DeadlineRecord.BreachedAt)));
        var breached = Assert.Single(entries, e => Json(e.After).ContainsKey(nameof(DeadlineRecord.BreachedAt)));
        Assert.All(new[] { warned, breached }, e => Assert.Equal(SystemActors.DeadlineSweep, e.Actor));
        Assert.All(new[] { warned, breached }, e => Assert.Equal("sla_deadlines.modified", e.Action));
        Assert.Null((string?)Json(warned.Before)[nameof(DeadlineRecord.WarnedAt)]);
        Assert.NotNull((string?)Json(warned.After)[nameof(DeadlineRecord.WarnedAt)]);
        Assert.Null((string?)Json(breached.Before)[nameof(DeadlineRecord.BreachedAt)]);
        Assert.NotNull((string?)Json(breached.After)[nameof(DeadlineRecord.BreachedAt)]);
        Assert.True(warned.ChainPosition < breached.ChainPosition);
        Assert.True(warned.At < breached.At, "Each entry carries the time of its sweep.");
    }

    [Fact]
    public async Task ConcurrentSweeps_RecordEveryDeadlinesBreachExactlyOnce()
    {
        var deadlines = new List<DeadlineRecord>();
        for (var i = 0; i < 8; i++)
        {
            deadlines.Add((await FileCaseAsync()).Deadline);
        }

        // Three nodes sweep the same moment: their batches overlap, and only the rows each one changed are its to record.
        app.Clock.Advance(TimeSpan.FromDays(30));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<Tongguan.Sla.Deadlines.Scheduling.IDeadlineSweep>().RunAsync(CancellationToken.None);
        })));

        foreach (var deadline in deadlines)
        {
            var entries = (await SealedEntriesAboutAsync("sla_deadlines", deadline.Id.ToString())).Where(e => e.Actor == SystemActors.DeadlineSweep).ToList();
            Assert.Single(entries, e => Json(e.After).ContainsKey(nameof(DeadlineRecord.BreachedAt)));
            Assert.Single(entries, e => Json(e.After).ContainsKey(nameof(DeadlineRecord.WarnedAt)));
        }
    }

    [Fact]
    public async Task SuspensionAndResumption_LeaveEntries_ByTheApproverAndTheResumer_WithThePauseBeforeAndAfter()
    {
        var (_, _, deadline, _, _) = await FileCaseAsync();
        var requested = await (await app.CreateClient(Requester).PostAsJsonAsync($"/api/deadlines/{deadline.Id}/suspensions", new { reason = "Citizen unreachable" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await app.CreateClient(Dispatcher).PostAsJsonAsync($"/api/deadline-adjustments/{requested["id"]}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await (await app.CreateClient(Requester).PostAsync($"/api/deadline-adjustments/{requested["id"]}/resume", null)).JsonAsync(HttpStatusCode.OK);

        var entries = await SealedEntriesAboutAsync("sla_deadlines", deadline.Id.ToString());
        var paused = Assert.Single(entries, e => e.Actor == Dispatcher);
        var resumed = Assert.Single(entries, e => e.Actor == Requester);
        Assert.Null((string?)Json(paused.Before)[nameof(DeadlineRecord.PausedAt)]);
        Assert.NotNull((string?)Json(paused.After)[nameof(DeadlineRecord.PausedAt)]);
        Assert.Equal((string?)Json(paused.After)[nameof(DeadlineRecord.PausedAt)], (string?)Json(resumed.Before)[nameof(DeadlineRecord.PausedAt)]);
        Assert.True(Json(resumed.After).ContainsKey(nameof(DeadlineRecord.PausedAt)));
        Assert.Null((string?)Json(resumed.After)[nameof(DeadlineRecord.PausedAt)]);
        Assert.True(
            DateTimeOffset.Parse((string)Json(resumed.After)[nameof(DeadlineRecord.DueAt)]!, System.Globalization.CultureInfo.InvariantCulture) >=
            DateTimeOffset.Parse((string)Json(resumed.Before)[nameof(DeadlineRecord.DueAt)]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AMergedReport_LeavesTheCasesCounterChange_ByTheAgent()
    {
        var (caseId, number, _, lat, lon) = await FileCaseAsync();
        var merged = await app.CreateClient(Agent).SubmitAsync(new
        {
            channel = "Hotline12345", categoryCode = "S0102", text = "同一处垃圾桶又满了", mergeInto = number,
            latitude = lat, longitude = lon,
        });
        Assert.Equal("Merged", (string?)(await merged.JsonAsync(HttpStatusCode.Created))["outcome"]);

        var entries = await SealedEntriesAboutAsync("cases", caseId.ToString());
        var counted = Assert.Single(entries, e => e.Action == "cases.modified" && Json(e.After).ContainsKey(nameof(Case.ReportCount)));
        Assert.Equal(Agent, counted.Actor);
        Assert.Equal(1, (int)Json(counted.Before)[nameof(Case.ReportCount)]!);
        Assert.Equal(2, (int)Json(counted.After)[nameof(Case.ReportCount)]!);
    }
}

public sealed class SqliteBulkChangeAuditTests(SqliteAuditApp app) : BulkChangeAuditTests<SqliteAuditApp>(app), IClassFixture<SqliteAuditApp>;

public sealed class PostgreSqlBulkChangeAuditTests(PostgreSqlAuditApp app) : BulkChangeAuditTests<PostgreSqlAuditApp>(app), IClassFixture<PostgreSqlAuditApp>;
