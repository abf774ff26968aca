using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.Reports;
using Tongguan.Cases.Seed;
using Tongguan.Integration.Tests.Http;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Integration.Tests.Seed;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Mining.Kpis;
using Tongguan.Sla.Mining.Limits;

namespace Tongguan.Integration.Tests.Reports;

/// <summary>
/// The host over a synthetic year on PostgreSQL, made by the seed command's core (returns, reworks, breaches, several
/// categories, channels and departments), read at the turn of the year.
/// </summary>
public sealed class SeededPostgreSqlYearApp : TongguanApp, IAsyncDisposable
{
    /// <summary>Enough cases for several steps to have dozens of samples, and a few departments their own recommendation threshold lowered tests of.</summary>
    public const int Cases = 200;

    private readonly SeedOnce _database = new();

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override async Task<string> CreateDatabaseAsync()
    {
        await SeedRuns.SeedAsync(_database, SeedRuns.Settings(Cases));
        return await _database.CreateAsync();
    }

    protected override void Configure(IWebHostBuilder builder) => SeedRuns.ReadAtTurnOfYear(builder);

    protected override async Task DropDatabaseAsync() => await _database.DisposeAsync();

    /// <summary>The seeded database's connection string (a superuser's, as the tests' server gives it).</summary>
    public Task<string> ConnectionStringAsync() => _database.CreateAsync();

    ValueTask IAsyncDisposable.DisposeAsync() => _database.DisposeAsync();

    /// <summary>One throw-away database: the seed creates it, the host opens the same one.</summary>
    private sealed class SeedOnce : ISeedDatabase
    {
        private readonly ThrowawayPostgresDatabase _database = new("tg_sla_set_");
        private Task<string>? _created;

        public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

        public Task<string> CreateAsync() => _created ??= _database.CreateAsync();

        public async ValueTask DisposeAsync() => await _database.DropAsync();
    }
}

/// <summary>
/// The set-based PostgreSQL path answers exactly what the streaming path answers on the same history. Counts and
/// limits must be equal; durations (handling times, quantiles) may differ by at most a millisecond: PostgreSQL
/// interpolates percentiles in double-precision microseconds, the mining in 100-ns ticks, and both round — far below
/// the minute the reports show.
/// </summary>
public sealed class SetBasedSlaTests(SeededPostgreSqlYearApp app) : IClassFixture<SeededPostgreSqlYearApp>
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);
    private static readonly DateTimeOffset YearStart = new(SeedSettings.DefaultYear, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<KpiDimensions, PeriodKind, bool> KpiShapes => new()
    {
        { KpiDimensions.None, PeriodKind.All, false },
        { KpiDimensions.OrgUnit, PeriodKind.Month, true },
        { KpiDimensions.District | KpiDimensions.Street, PeriodKind.Week, true },
        { KpiDimensions.Category | KpiDimensions.Channel, PeriodKind.Day, false },
    };

    [Theory]
    [MemberData(nameof(KpiShapes))]
    public async Task Kpis_AreTheSame_SetBasedAsStreamed(KpiDimensions by, PeriodKind period, bool window)
    {
        var p = Parameters(by, period, window);
        using var scope = app.Factory.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<SlaReports>();

        var streamed = await reports.KpiReportAsync(p, SlaEvaluation.Streaming, null, CancellationToken.None);
        var setBased = await reports.KpiReportAsync(p, SlaEvaluation.SetBased, null, CancellationToken.None);

        Assert.True(streamed.Rows.Count > 1 || by == KpiDimensions.None, "The history should split into groups.");
        Assert.True(streamed.Rows.Sum(r => r.Get(Kpi.OverdueRate).Denominator) > 100, "The history should hold well over a hundred cases.");
        Assert.Equal(streamed.Rows.Select(r => (r.Group, r.Period)), setBased.Rows.Select(r => (r.Group, r.Period)));
        foreach (var (s, b) in streamed.Rows.Zip(setBased.Rows))
        {
            foreach (var (sv, bv) in s.Values.Zip(b.Values))
            {
                var where = $"{s.Group} {s.Period} {sv.Kpi}";
                Assert.True(sv.Numerator == bv.Numerator && sv.Denominator == bv.Denominator, $"{where}: {sv} vs {bv}");
                if (sv.Numerator is null)
                {
                    Assert.True(
                        sv.Value is null ? bv.Value is null : bv.Value is { } v && Math.Abs(v - sv.Value.Value) <= Tolerance.TotalHours,
                        $"{where}: {sv.Value} h vs {bv.Value} h");
                }
                else
                {
                    Assert.Equal(sv.Value, bv.Value);
                }
            }
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("case-handling", true)]
    public async Task Recommendations_AreTheSame_SetBasedAsStreamed(string? process, bool window)
    {
        var p = Parameters(KpiDimensions.None, PeriodKind.All, window) with { Process = process };
        using var scope = app.Factory.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<SlaReports>();

        var streamed = await reports.LimitRecommendationsAsync(p, SlaEvaluation.Streaming, null, CancellationToken.None);
        var setBased = await reports.LimitRecommendationsAsync(p, SlaEvaluation.SetBased, null, CancellationToken.None);

        Assert.True(streamed.Count >= 5, $"Only {streamed.Count} recommendations.");
        Assert.True(streamed.Where(r => r.OrgUnit is null).Sum(r => r.SampleSize) > 100, "The history should hold over a hundred completed steps.");
        Assert.Contains(streamed, r => r.SampleSize >= 4);
        Assert.Equal(streamed.Select(Key), setBased.Select(Key));
        foreach (var (s, b) in streamed.Zip(setBased))
        {
            var where = Key(s);
            Assert.Equal(Exact(s), Exact(b));
            Close(s.Median, b.Median, where);
            Close(s.P80, b.P80, where);
            Close(s.P90, b.P90, where);
            Close(s.P95, b.P95, where);
        }

        static string Key(LimitRecommendation r) => $"{r.ProcessKey}/{r.StepId}/{r.Category}/{r.OrgUnit}";

        static object Exact(LimitRecommendation r) => (
            r.SampleSize, r.Calendar, r.CurrentLimit, r.CurrentLimitLength, r.CurrentBreachRate, r.CurrentLimitExceededRate,
            r.RecommendedLimit, r.RecommendedLength, r.RecommendedBreachRate, r.Change, r.LimitTooTight, r.Reason,
            string.Join(" | ", r.Notes.Select(n => n.Kind)));

        static void Close(TimeSpan streamed, TimeSpan setBased, string where) =>
            Assert.True((streamed - setBased).Duration() <= Tolerance, $"{where}: {streamed} vs {setBased}");
    }

    [Fact]
    public async Task Recommendations_InOneSession_WhenTheLoginMayNotCreateTables_AreThoseOfTwoSessions()
    {
        var connectionString = await app.ConnectionStringAsync();
        var role = $"tg_reader_{Guid.NewGuid():N}";
        await ExecuteAsync(connectionString,
            $"CREATE ROLE {role} LOGIN; REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}");
        var reader = new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = null }.ToString();
        try
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(reader, "CREATE UNLOGGED TABLE sla_steps_probe (id int)"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);

            using var scope = app.Factory.Services.CreateScope();
            var calendar = scope.ServiceProvider.GetRequiredService<BusinessCalendar>();
            var options = new LimitRecommenderOptions();
            var twoSessions = await scope.ServiceProvider.GetRequiredService<SlaSetQueries>()
                .RecommendationsAsync(null, null, null, new LimitRecommender(calendar, options), options, CancellationToken.None);
            await using var readerDb = new PostgreSqlTongguanDbContext(new DbContextOptionsBuilder<PostgreSqlTongguanDbContext>().UseNpgsql(reader).Options);
            var oneSession = await new SlaSetQueries(readerDb, calendar)
                .RecommendationsAsync(null, null, null, new LimitRecommender(calendar, options), options, CancellationToken.None);

            Assert.True(twoSessions.Count >= 5, $"Only {twoSessions.Count} recommendations.");
            Assert.Equal(twoSessions.Select(Shape), oneSession.Select(Shape));
            Assert.Equal(0L, await ScalarAsync(connectionString, "SELECT count(*) FROM pg_class WHERE relname LIKE 'sla\\_steps\\_%'"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(connectionString, $"DROP OWNED BY {role}; DROP ROLE {role}");
        }

        static string Shape(LimitRecommendation r) =>
            $"{r.ProcessKey}/{r.StepId}/{r.Category}/{r.OrgUnit} n={r.SampleSize} {r.Median} {r.P80} {r.P90} {r.P95} → {r.RecommendedLimit} {r.RecommendedBreachRate}";
    }

    [Fact]
    public async Task SetBased_IsWhatThePostgreSqlReportsUse()
    {
        using var scope = app.Factory.Services.CreateScope();
        var queries = scope.ServiceProvider.GetRequiredService<SlaSetQueries>();

        Assert.True(queries.Supported);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static SlaParameters Parameters(KpiDimensions by, PeriodKind period, bool window) => new(
        by, period, null, null, window ? YearStart.AddMonths(2) : null, window ? YearStart.AddMonths(10) : null, ReportFormat.Json, 1);
}
