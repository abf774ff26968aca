using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Audit;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Audit;

/// <summary>
/// The audit trail on a real host: entity changes and personal-data views recorded in the same transaction, the hash
/// chain sealed and verified, and tampering by raw SQL (past the append-only triggers, as a database owner could)
/// found at the row it touched. Every tampering test puts the row back and checks the chain is whole again, so the
/// tests of a class share one database.
/// </summary>
public abstract class AuditTrailTests<TApp>
    where TApp : TongguanApp, IAuditApp
{
    protected const string Agent = "wang.fang";
    protected const string Auditor = "li.na";
    protected const string Phone = "13987654321";
    protected const string ReporterName = "欧阳娜娜";

    protected AuditTrailTests(TApp app)
    {
        App = app;

        // Beyond the duplicate window of the reports earlier tests filed at the same places.
        app.Clock.Advance(TimeSpan.FromDays(4));
    }

    protected TApp App { get; }

    private static int s_filed;

    /// <summary>Files a report at a grid cell no earlier report of the class used, so that it is never taken for a duplicate.</summary>
    protected async Task<string> FileCaseAsync(string? text = null)
    {
        var cells = App.Reference().GridCells;
        var cell = cells[Interlocked.Increment(ref s_filed) * 7 % cells.Count];
        var report = new
        {
            channel = "Hotline12345", categoryCode = "S0102", text = (text ?? "春晖路垃圾桶满了") + " " + Guid.NewGuid().ToString("N")[..8],
            latitude = cell.Centroid.Lat, longitude = cell.Centroid.Lon, reporterPhone = Phone, reporterName = ReporterName,
        };
        var response = await App.CreateClient(Agent).SubmitAsync(report);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (string?)(await response.JsonAsync())["caseNumber"] ?? "";
    }

    protected async Task<int> SealAsync() => await App.Services.GetRequiredService<AuditSealer>().SealAsync(CancellationToken.None);

    protected async Task<AuditVerification> VerifyAsync()
    {
        using var scope = App.Services.CreateScope();
        return await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<TongguanDbContext>(), CancellationToken.None);
    }

    protected async Task<List<AuditEntry>> EntriesAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TongguanDbContext>().Set<AuditEntry>().AsNoTracking().OrderBy(e => e.ChainPosition).ToListAsync();
    }

    /// <summary>Runs SQL as someone who switched the append-only triggers off, then switches them back on.</summary>
    protected async Task TamperAsync(string sql, params object[] parameters)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            if (App.Provider == DatabaseProvider.PostgreSql)
            {
                await db.Database.ExecuteSqlRawAsync("SET session_replication_role = replica");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_delete; DROP TRIGGER audit_entries_seal_once;");
            }

            await db.Database.ExecuteSqlRawAsync(sql, parameters);
        }
        finally
        {
            if (App.Provider == DatabaseProvider.PostgreSql)
            {
                await db.Database.ExecuteSqlRawAsync("SET session_replication_role = DEFAULT");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync(AppendOnlyTriggers.SqliteDeleteTrigger);
                await db.Database.ExecuteSqlRawAsync(AppendOnlyTriggers.SqliteUpdateTrigger);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Files a case and has an officer of the responsible unit claim its first task: a change with a before and an after.</summary>
    protected async Task<string> FileAndClaimAsync()
    {
        var number = await FileCaseAsync();
        var accept = await App.CreateClient(Agent).OpenTaskAsync(number, "accept");
        var group = (string)accept["candidateGroups"]![0]!;
        var officer = App.Reference().UsersIn(CandidateGroup.TryParse(group, out var g) ? g.Value : throw new ArgumentException(group))[0].Id;
        await (await App.CreateClient(officer).PostAsync($"/api/inbox/tasks/{accept["id"]}/claim", null)).JsonAsync(HttpStatusCode.OK);
        return number;
    }

    /// <summary>A sealed entry in the middle of the chain with every column filled in.</summary>
    protected async Task<(AuditEntry Entry, AuditEntry Next)> MiddleEntryAsync()
    {
        await FileAndClaimAsync();
        await FileCaseAsync();
        await SealAsync();
        var entries = await EntriesAsync();
        var index = entries.FindIndex(e => e.Before is not null && e.After is not null && e.CorrelationId is not null);
        Assert.True(index >= 0 && index < entries.Count - 1, "Expected a modified entry followed by another one.");
        return (entries[index], entries[index + 1]);
    }

    [Fact]
    public async Task Chain_Verifies_AfterIntakeHandlingAndSealing()
    {
        var number = await FileAndClaimAsync();
        var sealedCount = await SealAsync();

        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(0, result.Unsealed);
        Assert.True(sealedCount > 0);
        var entries = await EntriesAsync();
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long?)i), entries.Select(e => e.ChainPosition));
        Assert.Contains(entries, e => e.Action == "cases.added" && e.Actor == Agent && e.After!.Contains(number, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == "case_reports.added" && e.After!.Contains("139****4321", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == "wf_tasks.modified" && e.Before!.Contains("\"Assignee\":null", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EntityChange_IsRecordedInItsOwnTransaction_AndRolledBackWithIt()
    {
        var rolledBack = Guid.NewGuid();
        var committed = Guid.NewGuid();

        foreach (var (id, commit) in new[] { (rolledBack, false), (committed, true) })
        {
            using var scope = App.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(new Tongguan.Cases.Model.CaseEvent { Id = id, CaseId = Guid.NewGuid(), Kind = Tongguan.Cases.Model.CaseEventKind.Comment, Actor = "test", At = App.Clock.GetUtcNow(), Text = "电话 13812345678" });
            await db.SaveChangesAsync();
            if (commit)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }
        }

        var entries = await EntriesAsync();
        Assert.DoesNotContain(entries, e => e.SubjectId == rolledBack.ToString());
        var entry = Assert.Single(entries, e => e.SubjectId == committed.ToString());
        Assert.Equal("case_events.added", entry.Action);
        Assert.Equal(AuditContext.System, entry.Actor);
        Assert.Contains("电话 138****5678", entry.After, StringComparison.Ordinal);
        Assert.Null(entry.Hash);
    }

    [Fact]
    public async Task PersonalData_IsNeverCopiedIntoTheTrailInClear()
    {
        await FileCaseAsync($"请回电 {Phone}，身份证 110101199003074518");
        await SealAsync();

        var entries = await EntriesAsync();
        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            var text = $"{e.Before} {e.After} {e.SubjectId}";
            Assert.DoesNotContain(Phone, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ReporterName, text, StringComparison.Ordinal);
            Assert.DoesNotContain("110101199003074518", text, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("Actor")]
    [InlineData("Action")]
    [InlineData("SubjectType")]
    [InlineData("SubjectId")]
    [InlineData("Before")]
    [InlineData("After")]
    [InlineData("CorrelationId")]
    public async Task ChangingATextColumn_IsDetectedAtThatRow(string column)
    {
        var (entry, _) = await MiddleEntryAsync();
        var original = typeof(AuditEntry).GetProperty(column)!.GetValue(entry)!;

        await TamperAsync($"UPDATE audit_entries SET \"{column}\" = {{0}} WHERE \"Sequence\" = {{1}}", original + " ", entry.Sequence);
        var broken = await VerifyAsync();
        await TamperAsync($"UPDATE audit_entries SET \"{column}\" = {{0}} WHERE \"Sequence\" = {{1}}", original, entry.Sequence);

        Assert.False(broken.Intact);
        Assert.Equal(entry.Sequence, broken.FirstBrokenSequence);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Theory]
    [InlineData("Sequence", 1_000_000)]
    [InlineData("At", 1)]
    [InlineData("Hash", 0)]
    public async Task ChangingAKeyTimeOrHashColumn_IsDetectedAtThatRow(string column, long by)
    {
        var (entry, _) = await MiddleEntryAsync();
        var postgres = App.Provider == DatabaseProvider.PostgreSql;
        string Shift(string sign) => column switch
        {
            "At" when postgres => $"\"At\" = \"At\" {sign} interval '1 second'",
            "At" => $"\"At\" = \"At\" {sign} {TimeSpan.TicksPerSecond}",
            "Hash" when sign == "+" => $"\"Hash\" = '{new string('f', 64)}'",
            "Hash" => $"\"Hash\" = '{entry.Hash}'",
            _ => $"\"{column}\" = \"{column}\" {sign} {by}",
        };
        var tamperedSequence = column == "Sequence" ? entry.Sequence + by : entry.Sequence;

        await TamperAsync($"UPDATE audit_entries SET {Shift("+")} WHERE \"Sequence\" = {{0}}", entry.Sequence);
        var broken = await VerifyAsync();
        await TamperAsync($"UPDATE audit_entries SET {Shift("-")} WHERE \"Sequence\" = {{0}}", tamperedSequence);

        Assert.False(broken.Intact);
        Assert.Equal(tamperedSequence, broken.FirstBrokenSequence);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task ChangingAChainPosition_BreaksTheChainWhereTheEntryWas()
    {
        var (entry, next) = await MiddleEntryAsync();

        await TamperAsync("UPDATE audit_entries SET \"ChainPosition\" = \"ChainPosition\" + 1000000 WHERE \"Sequence\" = {0}", entry.Sequence);
        var broken = await VerifyAsync();
        await TamperAsync("UPDATE audit_entries SET \"ChainPosition\" = \"ChainPosition\" - 1000000 WHERE \"Sequence\" = {0}", entry.Sequence);

        Assert.False(broken.Intact);
        Assert.Equal(next.Sequence, broken.FirstBrokenSequence);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task DeletingAnEntry_IsDetectedAtTheEntryAfterIt()
    {
        var (entry, next) = await MiddleEntryAsync();

        await TamperAsync("DELETE FROM audit_entries WHERE \"Sequence\" = {0}", entry.Sequence);
        var broken = await VerifyAsync();
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
            db.Add(entry);
            await db.SaveChangesAsync();
        }

        Assert.False(broken.Intact);
        Assert.Equal(next.Sequence, broken.FirstBrokenSequence);
        Assert.Contains("missing", broken.Problem, StringComparison.Ordinal);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AppendOnlyTriggers_RefuseUpdatesAndDeletes_ButLetTheSealerSealOnce()
    {
        var (entry, _) = await MiddleEntryAsync();
        await FileCaseAsync();
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
        var unsealed = await db.Set<AuditEntry>().Where(e => e.ChainPosition == null).Select(e => e.Sequence).FirstAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Actor\" = 'someone' WHERE \"Sequence\" = {0}", entry.Sequence));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Hash\" = NULL, \"ChainPosition\" = NULL WHERE \"Sequence\" = {0}", entry.Sequence));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Sequence\" = {0}", entry.Sequence));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Actor\" = 'someone' WHERE \"Sequence\" = {0}", unsealed));

        Assert.True(await SealAsync() > 0);
        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(0, result.Unsealed);
    }

    [Fact]
    public async Task CaseViewWithContactData_IsRecorded_ForTheAgentButNotForAMaskedView()
    {
        var number = await FileCaseAsync();
        var caseId = await CaseIdAsync(number);
        var before = await ViewsOfAsync(caseId);

        await App.CreateClient(Agent).CaseAsync(number);
        await App.CreateClient(Auditor).CaseAsync(number);

        var views = await ViewsOfAsync(caseId);
        var view = Assert.Single(views.Skip(before.Count));
        Assert.Equal(Agent, (string?)view["actor"]);
        Assert.Contains(number, (string?)view["after"], StringComparison.Ordinal);
        Assert.Contains("reporterPhone", (string?)view["after"], StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, (string?)view["after"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventLogExport_IsRecordedAsAPersonalDataExport()
    {
        await FileAndClaimAsync();

        var export = await App.CreateClient(Auditor).GetAsync("/api/sla/event-log.xes?period=all");
        var entries = await (await App.CreateClient(Auditor).GetAsync($"/api/audit?action={PersonalDataViews.Exported}&actor={Auditor}&take=200")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var entry = entries["items"]!.AsArray().Last()!;
        Assert.Equal("sla-event-log.xes", (string?)entry["subjectId"]);
        Assert.Contains("org:resource", (string?)entry["after"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditApi_IsForAuditorsAndAdmins_AndFiltersByActorSubjectAndPeriod()
    {
        var number = await FileCaseAsync();
        var caseId = await CaseIdAsync(number);

        var refused = await App.CreateClient(Agent).GetAsync("/api/audit");
        var bySubject = await (await App.CreateClient("admin").GetAsync($"/api/audit?subjectType=cases&subjectId={caseId}")).JsonAsync(HttpStatusCode.OK);
        var from = Uri.EscapeDataString(App.Clock.GetUtcNow().AddMinutes(-1).ToString("O"));
        var to = Uri.EscapeDataString(App.Clock.GetUtcNow().AddMinutes(1).ToString("O"));
        var byActor = await (await App.CreateClient(Auditor).GetAsync($"/api/audit?actor={Agent}&from={from}&to={to}&take=2")).JsonAsync(HttpStatusCode.OK);
        var beforeStart = Uri.EscapeDataString(CaseAppSetup.Start.AddDays(-1).ToString("O"));
        var past = await (await App.CreateClient(Auditor).GetAsync($"/api/audit?actor={Agent}&to={beforeStart}")).JsonAsync(HttpStatusCode.OK);

        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.All(bySubject["items"]!.AsArray(), e => Assert.Equal(caseId.ToString(), (string?)e!["subjectId"]));
        Assert.Contains(bySubject["items"]!.AsArray(), e => (string?)e!["action"] == "cases.added");
        Assert.Equal(2, byActor["items"]!.AsArray().Count);
        Assert.True((int)byActor["total"]! > 2);
        Assert.All(byActor["items"]!.AsArray(), e => Assert.Equal(Agent, (string?)e!["actor"]));
        Assert.Equal(0, (int)past["total"]!);
    }

    [Fact]
    public async Task VerifyCommand_ExitsZeroWhenIntact_AndOneWithTheBrokenSequence()
    {
        var (entry, _) = await MiddleEntryAsync();
        string[] args = ["verify", $"--Tongguan:Database:Provider={App.Provider}", $"--Tongguan:Database:ConnectionString={App.ConnectionString()}"];

        var intactOutput = new StringWriter();
        var intact = await AuditCommand.RunAsync(args, intactOutput, new StringWriter(), CancellationToken.None);
        await TamperAsync("UPDATE audit_entries SET \"Actor\" = 'mallory' WHERE \"Sequence\" = {0}", entry.Sequence);
        var brokenOutput = new StringWriter();
        var broken = await AuditCommand.RunAsync(args, brokenOutput, new StringWriter(), CancellationToken.None);
        await TamperAsync("UPDATE audit_entries SET \"Actor\" = {0} WHERE \"Sequence\" = {1}", entry.Actor, entry.Sequence);

        Assert.Equal(AuditCommand.ExitIntact, intact);
        Assert.StartsWith("INTACT", intactOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(AuditCommand.ExitBroken, broken);
        Assert.StartsWith($"BROKEN at sequence {entry.Sequence}:", brokenOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(AuditCommand.ExitUsage, await AuditCommand.RunAsync(["check"], new StringWriter(), new StringWriter(), CancellationToken.None));
    }

    [Fact]
    public async Task IntakeAndCaseView_LeaveNoPhoneOrNameInTheLogs()
    {
        var number = await FileCaseAsync();
        await App.CreateClient(Agent).CaseAsync(number);
        await App.CreateClient(Auditor).GetAsync($"/api/cases/{number}/timeline");

        Assert.NotEmpty(App.Logs.Lines);
        Assert.DoesNotContain(App.Logs.Lines, l => l.Contains(Phone, StringComparison.Ordinal));
        Assert.DoesNotContain(App.Logs.Lines, l => l.Contains(ReporterName, StringComparison.Ordinal));
    }

    private async Task<Guid> CaseIdAsync(string number)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TongguanDbContext>().Set<Tongguan.Cases.Model.Case>()
            .Where(c => c.Number == number).Select(c => c.Id).SingleAsync();
    }

    private async Task<List<JsonObject>> ViewsOfAsync(Guid caseId)
    {
        var page = await (await App.CreateClient(Auditor).GetAsync($"/api/audit?action={PersonalDataViews.Viewed}&subjectId={caseId}&take=200")).JsonAsync(HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(e => e!.AsObject())];
    }
}

public sealed class SqliteAuditTrailTests(SqliteAuditApp app) : AuditTrailTests<SqliteAuditApp>(app), IClassFixture<SqliteAuditApp>;

public sealed class PostgreSqlAuditTrailTests(PostgreSqlAuditApp app) : AuditTrailTests<PostgreSqlAuditApp>(app), IClassFixture<PostgreSqlAuditApp>
{
    [Fact]
    public async Task ConcurrentWritersAndTwoSealers_LeaveOneIntactChain()
    {
        var options = App.Services.GetRequiredService<IOptions<AuditOptions>>();
        var scopes = App.Services.GetRequiredService<IServiceScopeFactory>();

        // Two nodes' sealers: separate instances, so only the database lock keeps them apart.
        using var nodeA = new AuditSealer(scopes, options, NullLogger<AuditSealer>.Instance);
        using var nodeB = new AuditSealer(scopes, options, NullLogger<AuditSealer>.Instance);
        using var stop = new CancellationTokenSource();
        async Task SealLoopAsync(AuditSealer sealer)
        {
            while (!stop.IsCancellationRequested)
            {
                await sealer.SealAsync(CancellationToken.None);
            }
        }

        var sealers = new[] { Task.Run(() => SealLoopAsync(nodeA)), Task.Run(() => SealLoopAsync(nodeB)) };
        var writers = Enumerable.Range(0, 24).Select(i => Task.Run(() => FileCaseAsync($"并发写入 {i}"))).ToArray();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(sealers);
        await SealAsync();

        var result = await VerifyAsync();
        var entries = await EntriesAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(0, result.Unsealed);
        Assert.Equal(entries.Count, result.Sealed);
        Assert.Equal(24, entries.Count(e => e.Action == "case_reports.added" && e.After!.Contains("并发写入", StringComparison.Ordinal)));
    }
}
