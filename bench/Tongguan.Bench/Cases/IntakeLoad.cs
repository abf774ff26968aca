using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;

namespace Tongguan.Bench.Cases;

/// <summary>
/// <c>intake --provider sqlite|postgresql [--connection "..."] [--clients 8] [--seconds 20] [--warmup-seconds 5]
/// [--duplicates 0.1] [--preload 0] [--max-reports 1000000] [--out result.json]</c>: the real host on Kestrel
/// (loopback), C clients POSTing realistic reports to /api/reports with an Idempotency-Key each, about a tenth of
/// them near-duplicates of recent ones. Reports reports/s, cases/s, latency percentiles, the outcome mix and errors;
/// afterwards the database must hold exactly the reports and cases the answers announced.
/// </summary>
public static class IntakeLoad
{
    /// <summary>The hotline agent every load client registers reports as (the intake limiter is off for the run).</summary>
    private const string IntakeAgent = "wang.fang";

    private sealed class Counters
    {
        public long Claimed;
        public long Filed;
        public long NeedsReview;
        public long Merged;
        public long NearDuplicates;
        public readonly List<double> Latencies = [];
        public readonly Lock LatencyLock = new();
    }

    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var provider = args.Required("provider").ToLowerInvariant();
        var clients = args.Count("clients", 8);
        var seconds = args.Number("seconds", 20);
        var warmupSeconds = args.Number("warmup-seconds", 5);
        var duplicateShare = args.Number("duplicates", 0.10);
        var preload = args.Count("preload", 0);
        var maxReports = args.Count("max-reports", 1_000_000);

        await using var host = await CaseHost.StartAsync(provider, CaseHost.ServerConnection(args), cancellationToken).ConfigureAwait(false);
        var database = await host.DescribeDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var maker = new ReportMaker(host.Reference);
        string? preloaded = null;
        if (preload > 0)
        {
            Console.WriteLine($"[intake] {host.ProviderName}: pre-loading {preload:N0} open cases");
            preloaded = await OpenCasePreload.RunAsync(host, maker, preload, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"[intake] {preloaded}");
        }

        Console.WriteLine($"[intake] {host.ProviderName} ({database}) at {host.BaseAddress}, {clients} clients, warm-up {warmupSeconds} s, measuring {seconds} s");
        var warmup = new Counters();
        var warmupFailures = new Failures();
        await RunClientsAsync(host, maker, clients, duplicateShare, TimeSpan.FromSeconds(warmupSeconds), int.MaxValue, warmup, warmupFailures, "w", cancellationToken)
            .ConfigureAwait(false);

        var measured = new Counters();
        var failures = new Failures();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        var elapsed = await RunClientsAsync(host, maker, clients, duplicateShare, TimeSpan.FromSeconds(seconds), maxReports, measured, failures, "m", cancellationToken)
            .ConfigureAwait(false);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;

        var reports = measured.Filed + measured.NeedsReview + measured.Merged;
        var check = await CheckAsync(host, preload, warmup, measured, cancellationToken).ConfigureAwait(false);
        var result = new IntakeResult(
            host.ProviderName,
            database,
            clients,
            warmupSeconds,
            elapsed.TotalSeconds,
            preload,
            preloaded,
            reports,
            measured.Filed,
            measured.NeedsReview,
            measured.Merged,
            measured.NearDuplicates,
            failures.Count + warmupFailures.Count,
            failures.First ?? warmupFailures.First,
            reports / elapsed.TotalSeconds,
            (measured.Filed + measured.NeedsReview) / elapsed.TotalSeconds,
            Percentiles.Of(measured.Latencies),
            cpu.TotalMilliseconds / Math.Max(1, reports),
            jit.TotalMilliseconds / Math.Max(1, reports),
            check.Text);
        await CaseLoadJson.WriteAsync(result, args.Value("out"), cancellationToken).ConfigureAwait(false);
        return result.Errors == 0 && check.Ok ? 0 : 1;
    }

    private static async Task<TimeSpan> RunClientsAsync(
        CaseHost host, ReportMaker maker, int clients, double duplicateShare, TimeSpan duration, int maxReports, Counters counters,
        Failures failures, string phase, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..8];
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            using var http = host.CreateClient();
            var random = new Random(HashCode.Combine(run, client));
            var sequence = 0;
            while (clock.Elapsed < duration && Interlocked.Increment(ref counters.Claimed) <= maxReports)
            {
                var duplicate = random.NextDouble() < duplicateShare;
                var body = duplicate ? maker.NearDuplicate(random) : maker.Fresh(random);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", $"bench-{run}-{phase}-{client}-{sequence++}");
                await host.AuthorizeAsync(request, IntakeAgent, cancellationToken).ConfigureAwait(false);
                try
                {
                    var began = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    var milliseconds = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        failures.Add($"POST /api/reports answered {(int)response.StatusCode}: {answer}");
                        continue;
                    }

                    var outcome = (string?)JsonNode.Parse(answer)?["outcome"];
                    _ = outcome switch
                    {
                        "Filed" => Interlocked.Increment(ref counters.Filed),
                        "NeedsReview" => Interlocked.Increment(ref counters.NeedsReview),
                        "Merged" => Interlocked.Increment(ref counters.Merged),
                        _ => throw new InvalidOperationException($"Unknown outcome in {answer}"),
                    };
                    if (duplicate)
                    {
                        Interlocked.Increment(ref counters.NearDuplicates);
                    }

                    lock (counters.LatencyLock)
                    {
                        counters.Latencies.Add(milliseconds);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures.Add($"{ex.GetType().Name}: {ex.Message}");
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return clock.Elapsed;
    }

    /// <summary>The database holds exactly what the answers said: one report per answer, one case per new case.</summary>
    private static async Task<(bool Ok, string Text)> CheckAsync(CaseHost host, int preload, Counters warmup, Counters measured, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
        var reports = await db.Set<Report>().LongCountAsync(cancellationToken).ConfigureAwait(false);
        var merged = await db.Set<Report>().LongCountAsync(r => r.Link == ReportLink.AutoMerged, cancellationToken).ConfigureAwait(false);
        var cases = await db.Set<Case>().LongCountAsync(cancellationToken).ConfigureAwait(false);
        var answeredReports = preload + warmup.Filed + warmup.NeedsReview + warmup.Merged + measured.Filed + measured.NeedsReview + measured.Merged;
        var answeredCases = preload + warmup.Filed + warmup.NeedsReview + measured.Filed + measured.NeedsReview;
        var answeredMerged = warmup.Merged + measured.Merged;
        var ok = reports == answeredReports && cases == answeredCases && merged == answeredMerged;
        return (ok, $"{(ok ? "ok" : "MISMATCH")}: {reports:N0} reports stored / {answeredReports:N0} answered, {cases:N0} cases / {answeredCases:N0}, {merged:N0} auto-merged / {answeredMerged:N0} (warm-up and preload included)");
    }
}
