using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tongguan.Bench.Processes;
using Tongguan.Workflows.EntityFrameworkCore;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Bench.Durable;

/// <summary>
/// The <c>durable</c> command: N concurrent clients against the real <see cref="WorkflowRuntime"/> on a real database.
/// Each client loops, one DI scope (one DbContext, one transaction) per call as an HTTP request would:
/// <c>cycle</c> mode = start → complete the user task → instance ended; <c>start</c> mode = starts only.
/// Bounded by time (<c>--seconds</c>) and count (<c>--max-instances</c>), after an unmeasured warm-up.
/// </summary>
public static class DurableLoad
{
    private static readonly Actor Client = new("bench-client", "Load driver");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var provider = args.Required("provider").ToLowerInvariant();
        var mode = args.Value("mode") ?? "cycle";
        if (mode is not ("cycle" or "start" or "grouped start"))
        {
            throw new ArgumentException("--mode is cycle (start → complete → end), start (starts only) or \"grouped start\" (starts through GroupedStarts).");
        }

        var clients = args.Count("clients", 8);
        var seconds = args.Number("seconds", 20);
        var warmupSeconds = args.Number("warmup-seconds", 3);
        var maxInstances = args.Count("max-instances", 1_000_000);

        await using var database = provider switch
        {
            "sqlite" => (BenchDatabase)new SqliteBenchDatabase(args.Value("connection")),
            "postgresql" => new PostgresBenchDatabase(args.Required("connection")),
            _ => throw new ArgumentException("--provider is sqlite or postgresql."),
        };
        await database.CreateAsync(cancellationToken).ConfigureAwait(false);

        var timings = new DatabaseTimings();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        var pooled = !args.Has("plain-context");
        if (pooled)
        {
            // DbContext pooling, as the host registers it; --plain-context measures AddDbContext for comparison.
            services.AddDbContextPool<BenchDbContext>(o =>
            {
                database.Configure(o);
                o.AddInterceptors(timings);
            });
        }
        else
        {
            services.AddDbContext<BenchDbContext>(o =>
            {
                database.Configure(o);
                o.AddInterceptors(timings);
            });
        }

        services.AddTongguanWorkflows(o => o.Worker.Enabled = false);
        services.AddWorkflowsEntityFrameworkCore<BenchDbContext>();
        await using var serviceProvider = services.BuildServiceProvider();

        string describedDatabase;
        await using (var scope = serviceProvider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            describedDatabase = await database.DescribeAsync(db, cancellationToken).ConfigureAwait(false);
            var definitions = scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>();
            await definitions.PublishAsync(BenchProcesses.Xml(BenchProcesses.HandleCase), Client, cancellationToken).ConfigureAwait(false);
        }

        Console.WriteLine($"[durable] {provider} ({describedDatabase}), mode {mode}, context pool {pooled}, {clients} clients, warm-up {warmupSeconds} s, measuring {seconds} s");
        await RunClientsAsync(serviceProvider, mode, clients, TimeSpan.FromSeconds(warmupSeconds), int.MaxValue, cancellationToken).ConfigureAwait(false);
        timings.Reset();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gen0Before = GC.CollectionCount(0);
        var gen2Before = GC.CollectionCount(2);
        var run = await RunClientsAsync(serviceProvider, mode, clients, TimeSpan.FromSeconds(seconds), maxInstances, cancellationToken)
            .ConfigureAwait(false);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var operations = Math.Max(1, run.Starts + run.Completions);
        var result = new DurableResult(
            provider == "sqlite" ? "SQLite" : "PostgreSQL",
            describedDatabase,
            mode,
            pooled,
            clients,
            run.Elapsed.TotalSeconds,
            run.Starts,
            run.Starts,
            run.Completions,
            run.Errors,
            run.FirstError,
            run.Starts / run.Elapsed.TotalSeconds,
            run.Completions / run.Elapsed.TotalSeconds,
            LatencySummary.Of(run.StartLatencies),
            mode == "cycle" ? LatencySummary.Of(run.CompleteLatencies) : null,
            mode == "cycle" ? LatencySummary.Of(run.CycleLatencies) : null,
            (double)timings.Commands / operations,
            timings.CommandTime.TotalMilliseconds / operations,
            timings.CommitTime.TotalMilliseconds / operations,
            timings.ConnectionOpenTime.TotalMilliseconds / operations,
            (run.StartLatencies.Sum() + run.CompleteLatencies.Sum()) / operations,
            cpu.TotalMilliseconds / operations,
            jit.TotalMilliseconds / operations,
            allocated / 1024.0 / operations,
            GC.CollectionCount(0) - gen0Before,
            GC.CollectionCount(2) - gen2Before);

        var json = JsonSerializer.Serialize(result, Json);
        Console.WriteLine(json);
        if (args.Value("out") is { } path)
        {
            await File.WriteAllTextAsync(path, json, cancellationToken).ConfigureAwait(false);
        }

        return run.Errors == 0 ? 0 : 1;
    }

    private static async Task<ClientRun> RunClientsAsync(IServiceProvider services, string mode, int clients, TimeSpan duration,
        int maxInstances, CancellationToken cancellationToken)
    {
        var run = new ClientRun();
        var clock = Stopwatch.StartNew();
        var deadline = duration;
        var workers = Enumerable.Range(0, clients)
            .Select(client => Task.Run(() => ClientLoopAsync(services, mode, client, run, clock, deadline, maxInstances, cancellationToken), cancellationToken))
            .ToArray();
        var perClient = await Task.WhenAll(workers).ConfigureAwait(false);
        run.Elapsed = clock.Elapsed;
        foreach (var latencies in perClient)
        {
            run.StartLatencies.AddRange(latencies.Start);
            run.CompleteLatencies.AddRange(latencies.Complete);
            run.CycleLatencies.AddRange(latencies.Cycle);
        }

        return run;
    }

    private static async Task<ClientLatencies> ClientLoopAsync(IServiceProvider services, string mode, int client, ClientRun run,
        Stopwatch clock, TimeSpan deadline, int maxInstances, CancellationToken cancellationToken)
    {
        var latencies = new ClientLatencies();
        var sequence = 0;
        while (clock.Elapsed < deadline && Interlocked.Increment(ref run.Claimed) <= maxInstances)
        {
            var businessKey = $"bench-{client}-{sequence++}";
            try
            {
                var began = Stopwatch.GetTimestamp();
                InstanceState started;
                if (mode == "grouped start")
                {
                    started = await services.GetRequiredService<GroupedStarts>()
                        .StartAsync("benchHandleCase", businessKey, null, Client, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await using var scope = services.CreateAsyncScope();
                    var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
                    started = await runtime.StartAsync("benchHandleCase", businessKey, null, Client, cancellationToken).ConfigureAwait(false);
                }

                var startedAt = Stopwatch.GetTimestamp();
                latencies.Start.Add(Stopwatch.GetElapsedTime(began, startedAt).TotalMilliseconds);
                Interlocked.Increment(ref run.Starts);
                if (mode != "cycle")
                {
                    continue;
                }

                var task = started.Bookmarks.Single(b => b.Kind == BookmarkKind.UserTask);
                InstanceState ended;
                await using (var scope = services.CreateAsyncScope())
                {
                    var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
                    ended = await runtime.CompleteTaskAsync(task.Id, Client, null, cancellationToken).ConfigureAwait(false);
                }

                if (ended.Status != InstanceStatus.Completed)
                {
                    throw new InvalidOperationException($"Instance {ended.Id} is {ended.Status} after its only task was completed.");
                }

                var endedAt = Stopwatch.GetTimestamp();
                latencies.Complete.Add(Stopwatch.GetElapsedTime(startedAt, endedAt).TotalMilliseconds);
                latencies.Cycle.Add(Stopwatch.GetElapsedTime(began, endedAt).TotalMilliseconds);
                Interlocked.Increment(ref run.Completions);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A load test reports failures rather than stopping at the first; the count and first message go in the result.
                if (Interlocked.Increment(ref run.Errors) == 1)
                {
                    run.FirstError = $"{ex.GetType().Name}: {ex.Message}";
                    Console.Error.WriteLine(ex);
                }
            }
        }

        return latencies;
    }

    private sealed class ClientRun
    {
        public int Claimed;
        public long Starts;
        public long Completions;
        public long Errors;

        public string? FirstError { get; set; }

        public TimeSpan Elapsed { get; set; }

        public List<double> StartLatencies { get; } = [];

        public List<double> CompleteLatencies { get; } = [];

        public List<double> CycleLatencies { get; } = [];
    }

    private sealed class ClientLatencies
    {
        public List<double> Start { get; } = [];

        public List<double> Complete { get; } = [];

        public List<double> Cycle { get; } = [];
    }
}

/// <summary>A database created for one load run and removed after it.</summary>
internal abstract class BenchDatabase : IAsyncDisposable
{
    public abstract void Configure(DbContextOptionsBuilder options);

    public abstract Task CreateAsync(CancellationToken cancellationToken);

    public abstract Task<string> DescribeAsync(BenchDbContext db, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected static async Task<string> QueryAsync(BenchDbContext db, string sql, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>A SQLite file (WAL journal, as a server-side deployment would set it) in a temporary folder unless a connection string is given.</summary>
internal sealed class SqliteBenchDatabase(string? connectionString) : BenchDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tongguan-bench", Guid.NewGuid().ToString("N"));

    private string ConnectionString => connectionString ?? new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(_folder, "bench.db"),
        DefaultTimeout = 30,
    }.ToString();

    public override void Configure(DbContextOptionsBuilder options) => options.UseSqlite(ConnectionString);

    public override async Task CreateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // WAL lets readers run beside the one writer; the setting is stored in the file.
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task<string> DescribeAsync(BenchDbContext db, CancellationToken cancellationToken) =>
        $"SQLite {await QueryAsync(db, "select sqlite_version()", cancellationToken).ConfigureAwait(false)}, " +
        $"journal_mode={await QueryAsync(db, "PRAGMA journal_mode", cancellationToken).ConfigureAwait(false)}, " +
        $"synchronous={await QueryAsync(db, "PRAGMA synchronous", cancellationToken).ConfigureAwait(false)} (2=FULL, 1=NORMAL)";

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (connectionString is null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A fresh database on the given PostgreSQL server, dropped afterwards.</summary>
internal sealed class PostgresBenchDatabase(string serverConnectionString) : BenchDatabase
{
    private readonly string _name = "tg_bench_" + Guid.NewGuid().ToString("N");

    // The host's own PostgreSQL defaults (automatic preparation), unless the given connection string sets them.
    public string ConnectionString => Tongguan.Cases.Persistence.DatabaseProviders.PostgreSqlConnectionString(new NpgsqlConnectionStringBuilder(serverConnectionString)
    {
        Database = _name,
        // 8 clients and their second scope per cycle; the default pool of 100 is plenty, stated for the record.
        MaxPoolSize = 100,
    }.ToString());

    public override void Configure(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString);

    public override async Task CreateAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{_name}\"";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task<string> DescribeAsync(BenchDbContext db, CancellationToken cancellationToken) =>
        $"PostgreSQL {await QueryAsync(db, "SHOW server_version", cancellationToken).ConfigureAwait(false)}, " +
        $"fsync={await QueryAsync(db, "SHOW fsync", cancellationToken).ConfigureAwait(false)}, " +
        $"synchronous_commit={await QueryAsync(db, "SHOW synchronous_commit", cancellationToken).ConfigureAwait(false)}";

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
