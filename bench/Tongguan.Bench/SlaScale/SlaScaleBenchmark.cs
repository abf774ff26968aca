extern alias cases;

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.Reports;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Mining.Kpis;

namespace Tongguan.Bench.SlaScale;

/// <summary>
/// Issue 5's scale proofs. <c>sla-scale</c> loads a synthetic history (<see cref="SyntheticHistory"/>) of
/// <c>--journal-rows</c> journal rows into a PostgreSQL database (binary COPY) and of <c>--sqlite-journal-rows</c> into a
/// SQLite file (EF inserts), then measures each in a separate process (<c>sla-scale-read</c>): KPIs by department and
/// month plus the limit recommendations, set-based on PostgreSQL and streamed on SQLite, with the process's peak working
/// set and the largest managed heap seen. Writes its section of bench/RESULTS.md.
/// </summary>
internal static class SlaScaleBenchmark
{
    private const string Begin = "<!-- sla-scale:begin -->";
    private const string End = "<!-- sla-scale:end -->";

    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var server = args.Value("connection") ?? Environment.GetEnvironmentVariable("TONGGUAN_TEST_POSTGRES")
            ?? throw new ArgumentException("--connection (or TONGGUAN_TEST_POSTGRES) names the PostgreSQL server.");
        var journalRows = long.Parse(args.Value("journal-rows") ?? "10000000", CultureInfo.InvariantCulture);
        var sqliteRows = long.Parse(args.Value("sqlite-journal-rows") ?? "1000000", CultureInfo.InvariantCulture);
        var name = args.Value("database") ?? "tg_sla_10m";
        var runs = args.Count("runs", 3);
        var results = new List<string>();

        var postgres = new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ToString();
        Load? pgLoad = null;
        if (!args.Has("skip-load"))
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"", cancellationToken);
            pgLoad = await LoadAsync("postgresql", postgres, journalRows, cancellationToken);
        }

        var pgRead = journalRows > 0 ? await ReadInChildAsync("postgresql", postgres, "SetBased", runs, cancellationToken) : null;
        var explain = journalRows > 0 ? await ExplainXesAsync(postgres, cancellationToken) : "";

        var folder = Path.Combine(Path.GetTempPath(), "tongguan-sla-scale", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Load? sqliteLoad = null;
        string? sqliteRead = null;
        try
        {
            if (sqliteRows > 0)
            {
                var file = args.Value("sqlite-file") ?? Path.Combine(folder, "tongguan.db");
                var sqlite = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 60 }.ToString();
                sqliteLoad = await LoadAsync("sqlite", sqlite, sqliteRows, cancellationToken);
                sqliteRead = await ReadInChildAsync("sqlite", sqlite, "Streaming", 1, cancellationToken);
                SqliteConnection.ClearAllPools();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        if (!args.Has("keep"))
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
        }

        var section = Section(pgLoad, pgRead, explain, sqliteLoad, sqliteRead, journalRows, sqliteRows, args.Value("note"));
        Console.WriteLine(section);
        var results_md = args.Value("results") ?? Path.Combine(RepositoryRoot.Find(), "bench", "RESULTS.md");
        await WriteSectionAsync(results_md, section, cancellationToken);
        return 0;
    }

    /// <summary>The child process: builds the real host over an existing database and runs KPIs and recommendations.</summary>
    public static async Task<int> ReadAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var provider = args.Required("provider");
        var evaluation = Enum.Parse<SlaEvaluation>(args.Required("evaluation"));
        var runs = args.Count("runs", 1);
        using var sampler = new HeapSampler();
        await using var host = Host(provider, args.Required("connection"), migrate: false);
        var services = host.Services;
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        var p = new SlaParameters(KpiDimensions.OrgUnit, PeriodKind.Month, null, null, null, null, ReportFormat.Json, 1);
        var kpiTimes = new List<double>();
        var recommendationTimes = new List<double>();
        int groups = 0, recommendations = 0;
        long cases = 0, steps = 0;
        for (var run = 0; run < runs; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var reports = scope.ServiceProvider.GetRequiredService<SlaReports>();
            var watch = Stopwatch.StartNew();
            var kpis = await reports.KpiReportAsync(p, evaluation, null, cancellationToken);
            kpiTimes.Add(watch.Elapsed.TotalSeconds);
            watch.Restart();
            var limits = await reports.LimitRecommendationsAsync(p, evaluation, null, cancellationToken);
            recommendationTimes.Add(watch.Elapsed.TotalSeconds);
            groups = kpis.Rows.Count;
            cases = kpis.Rows.Sum(r => r.Get(Kpi.OverdueRate).Denominator);
            recommendations = limits.Count;
            steps = limits.Where(l => l.OrgUnit is null).Sum(l => (long)l.SampleSize);
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(JsonSerializer.Serialize(new ReadResult(
            provider, evaluation.ToString(), kpiTimes, recommendationTimes, groups, cases, recommendations, steps,
            baseline / 1048576.0, process.PeakWorkingSet64 / 1048576.0, sampler.Peak / 1048576.0, Environment.ProcessorCount)));
        return 0;
    }

    private sealed record Load(string Provider, long Cases, long JournalRows, double Seconds, string Sizes);

    private sealed record ReadResult(
        string Provider, string Evaluation, List<double> KpiSeconds, List<double> RecommendationSeconds, int KpiRows, long Cases,
        int Recommendations, long CompletedSteps, double BaselineWorkingSetMb, double PeakWorkingSetMb, double PeakManagedHeapMb, int Processors);

    private static WebApplicationFactory<cases::Program> Host(string provider, string connectionString, bool migrate)
    {
        var factory = new WebApplicationFactory<cases::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseContentRoot(Path.Combine(RepositoryRoot.Find(), "src", "Cases"));
            builder.UseSetting("Tongguan:Database:Provider", provider == "postgresql" ? nameof(DatabaseProvider.PostgreSql) : nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("Tongguan:Database:ConnectionString", connectionString);
            builder.UseSetting("Tongguan:Database:MigrateOnStart", migrate ? "true" : "false");
            builder.UseSetting("Tongguan:Deadlines:RunSweeps", "false");
            // Nobody signs in to a measured history, and a Production host refuses an empty database without a password.
            builder.UseSetting("Tongguan:Auth:ProvisionAccounts", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        return factory;
    }

    private static async Task<Load> LoadAsync(string provider, string connectionString, long journalRows, CancellationToken cancellationToken)
    {
        await using var host = Host(provider, connectionString, migrate: true);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var calendar = scope.ServiceProvider.GetRequiredService<BusinessCalendar>();
        var history = new SyntheticHistory(calendar, seed: 20250101);
        var watch = Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var cases = await HistoryWriter.WriteAsync(db, history.Cases(journalRows), provider == "postgresql" ? 10_000 : 2_000,
            (c, j) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[sla-scale] {provider}: {c:N0} cases, {j:N0} journal rows, {watch.Elapsed.TotalSeconds:0} s")),
            cancellationToken);
        string sizes;
        if (provider == "postgresql")
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", cancellationToken);
            sizes = await ScalarAsync(db, """
                SELECT string_agg(format('%s %s rows, %s', relname, to_char(n_live_tup, 'FM999,999,999'), pg_size_pretty(pg_total_relation_size(relid))), '; ' ORDER BY relname)
                FROM pg_stat_user_tables WHERE relname IN ('cases', 'wf_instances', 'wf_tasks', 'wf_task_candidates', 'sla_deadlines', 'wf_journal')
                """);
            sizes += "; database " + await ScalarAsync(db, "SELECT pg_size_pretty(pg_database_size(current_database()))");
        }
        else
        {
            var journal = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM wf_journal").SingleAsync(cancellationToken);
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            sizes = string.Create(CultureInfo.InvariantCulture, $"wf_journal {journal:N0} rows; file {new FileInfo(file).Length / 1048576.0:N0} MB");
        }

        var seconds = watch.Elapsed.TotalSeconds;
        await db.Database.CloseConnectionAsync();
        var journalCount = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM wf_journal").SingleAsync(cancellationToken);
        return new Load(provider, cases, journalCount, seconds, sizes);
    }

    private static async Task<string> ScalarAsync(TongguanDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    private static async Task<string> ReadInChildAsync(string provider, string connectionString, string evaluation, int runs, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var self = Environment.ProcessPath!;
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SlaScaleBenchmark).Assembly.Location);
        }

        foreach (var a in new[] { "sla-scale-read", "--provider", provider, "--connection", connectionString, "--evaluation", evaluation, "--runs", runs.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"sla-scale-read {provider} exited with {child.ExitCode}: {output}");
        }

        return output.Trim().Split('\n')[^1];
    }

    private static async Task<string> ExplainXesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var host = Host("postgresql", connectionString, migrate: false);
        await using var scope = host.Services.CreateAsyncScope();
        var sql = scope.ServiceProvider.GetRequiredService<XesExport>().QueryText(null, null, null);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.AppendLine(reader.GetString(0));
        }

        return plan.ToString().TrimEnd();
    }

    private static async Task ExecuteAsync(string server, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Section(Load? pgLoad, string? pgRead, string explain, Load? sqliteLoad, string? sqliteRead, long journalRows, long sqliteRows, string? note)
    {
        var pg = JsonSerializer.Deserialize<ReadResult>(pgRead ?? throw new InvalidOperationException("No PostgreSQL measurement (--journal-rows 0)."))!;
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(Begin);
        text.AppendLine("## SLA mining at scale (issue 5)");
        text.AppendLine();
        text.AppendLine(inv, $"Command: `dotnet run --project bench/Tongguan.Bench -c Release -- sla-scale --journal-rows {journalRows} --sqlite-journal-rows {sqliteRows}` (or `bash bench/run.sh sla-scale`).");
        text.AppendLine(inv, $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, date {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC{(note is null ? "" : "; " + note)}.");
        text.AppendLine("History: synthetic (bench/Tongguan.Bench/SlaScale/SyntheticHistory.cs): a year of cases through accept → handle → verify → callback, returns, reworks, still-open cases, slow units, three channels; ~40 journal rows per case.");
        text.AppendLine("Report measured: KPIs by department × month, then the limit recommendations (process × step × category, and × department), each in a fresh process that builds the real host; times are wall clock of the report call.");
        text.AppendLine();
        text.AppendLine("| Database | Path | Load | KPIs (s) | Recommendations (s) | KPIs + recommendations (s) | Peak working set | Peak managed heap | Goal |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        text.AppendLine(Row(pgLoad, pg, total => total < 10 ? "< 10 s: met" : "< 10 s: **not met**"));
        if (sqliteRead is not null)
        {
            var sqlite = JsonSerializer.Deserialize<ReadResult>(sqliteRead)!;
            text.AppendLine(Row(sqliteLoad, sqlite, _ => sqlite.PeakWorkingSetMb < 500 ? "< 500 MB: met" : "< 500 MB: **not met**"));
        }

        text.AppendLine();
        text.AppendLine(inv, $"PostgreSQL: {pg.Cases:N0} cases in {pg.KpiRows:N0} KPI rows; {pg.Recommendations:N0} recommendations from {pg.CompletedSteps:N0} completed steps. Times of {pg.KpiSeconds.Count} runs: KPIs {string.Join(", ", pg.KpiSeconds.Select(s => s.ToString("0.00", inv)))} s; recommendations {string.Join(", ", pg.RecommendationSeconds.Select(s => s.ToString("0.00", inv)))} s (the first run reads a cold cache).");
        if (pgLoad is not null)
        {
            text.AppendLine(inv, $"PostgreSQL tables: {pgLoad.Sizes}.");
        }

        if (sqliteLoad is not null)
        {
            text.AppendLine(inv, $"SQLite: {sqliteLoad.Sizes}.");
        }

        text.AppendLine();
        text.AppendLine("XES export plan (`EXPLAIN` of XesExport's own query on the PostgreSQL history; the index for its order is `IX_wf_journal_BusinessKey_Sequence`):");
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine(explain);
        text.AppendLine("```");
        text.AppendLine(End);
        return text.ToString();

        static string Row(Load? load, ReadResult r, Func<double, string> goal)
        {
            var inv = CultureInfo.InvariantCulture;
            var kpi = r.KpiSeconds.Min();
            var rec = r.RecommendationSeconds.Min();
            var loadText = load is null ? "(loaded earlier)" : string.Create(inv, $"{load.Cases:N0} cases, {load.JournalRows:N0} journal rows in {load.Seconds:0} s");
            return string.Create(inv, $"| {(r.Provider == "postgresql" ? "PostgreSQL" : "SQLite")} | {r.Evaluation} | {loadText} | {kpi:0.00} | {rec:0.00} | {kpi + rec:0.00} | {r.PeakWorkingSetMb:0} MB (host alone {r.BaselineWorkingSetMb:0} MB) | {r.PeakManagedHeapMb:0} MB | {goal(kpi + rec)} |");
        }
    }

    private static async Task WriteSectionAsync(string path, string section, CancellationToken cancellationToken)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : "";
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        text = begin >= 0 && end > begin
            ? text[..begin] + section.TrimEnd() + text[(end + End.Length)..]
            : text.TrimEnd() + Environment.NewLine + Environment.NewLine + section;
        await File.WriteAllTextAsync(path, text, cancellationToken);
    }

    /// <summary>Samples the managed heap every 20 ms: its peak, which a single reading at the end would miss.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public HeapSampler() => _timer = new Timer(_ => Sample(), null, 0, 20);

        public long Peak
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var now = GC.GetTotalMemory(forceFullCollection: false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }
    }
}
