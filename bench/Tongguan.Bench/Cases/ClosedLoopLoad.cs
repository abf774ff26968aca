using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Bench.Cases;

/// <summary>
/// <c>loop --provider sqlite|postgresql [--connection "..."] [--clients 8] [--seconds 20] [--warmup-seconds 5]
/// [--max-loops 1000000] [--out result.json]</c>: each client takes one case after another through the whole loop over
/// HTTP, acting each time as a user of the open task's candidate group from the reference data (signed in, bearer token):
/// report → accept → handle (done, with a result) → verify (verified) → callback (satisfied), finding each task in
/// <c>GET /api/cases/{number}</c>'s openTasks. A report the duplicate check sends for review is filed by an intake
/// agent first (counted). Reports loops/s and per-loop and per-step latency; afterwards every finished loop's case
/// must be Closed and rated satisfied in the database.
/// </summary>
public static class ClosedLoopLoad
{
    public const string ReadStep = "read case (GET /api/cases/{n})";
    private const string LoopStep = "loop";

    /// <summary>The hotline agent who registers every report and reads the cases (the whole city is in their scope).</summary>
    private const string Hotline = "wang.fang";

    private static readonly (string Node, string Step, object Output)[] Path =
    [
        ("accept", "accept", new { decision = "accept" }),
        ("handle", "handle", new { outcome = "done", result = "已到现场处置完毕，现场已恢复正常" }),
        ("verify", "verify", new { verified = true }),
        ("callback", "callback", new { satisfaction = "satisfied", comment = "处理及时，满意" }),
    ];

    private sealed class Counters
    {
        public long Claimed;
        public long Loops;
        public long Reviewed;
        public long Merged;
    }

    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var provider = args.Required("provider").ToLowerInvariant();
        var clients = args.Count("clients", 8);
        var seconds = args.Number("seconds", 20);
        var warmupSeconds = args.Number("warmup-seconds", 5);
        var maxLoops = args.Count("max-loops", 1_000_000);

        await using var host = await CaseHost.StartAsync(provider, CaseHost.ServerConnection(args), cancellationToken).ConfigureAwait(false);
        var database = await host.DescribeDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var places = ReportMaker.RoutedToStaffedUnits(host.Reference);
        var maker = new ReportMaker(host.Reference, places);
        Console.WriteLine($"[loop] {host.ProviderName} ({database}) at {host.BaseAddress}, {clients} clients, {places.Count} (category, grid cell) pairs routed to staffed units, warm-up {warmupSeconds} s, measuring {seconds} s");

        var warmup = new Counters();
        var warmupFailures = new Failures();
        await RunClientsAsync(host, maker, clients, TimeSpan.FromSeconds(warmupSeconds), int.MaxValue, warmup, new StepTimes(), warmupFailures, cancellationToken)
            .ConfigureAwait(false);

        var measured = new Counters();
        var times = new StepTimes();
        var failures = new Failures();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        var elapsed = await RunClientsAsync(host, maker, clients, TimeSpan.FromSeconds(seconds), maxLoops, measured, times, failures, cancellationToken)
            .ConfigureAwait(false);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;

        var check = await CheckAsync(host, warmup.Loops + measured.Loops, cancellationToken).ConfigureAwait(false);
        var result = new LoopResult(
            host.ProviderName,
            database,
            clients,
            warmupSeconds,
            elapsed.TotalSeconds,
            measured.Loops,
            measured.Reviewed,
            measured.Merged,
            failures.Count + warmupFailures.Count,
            failures.First ?? warmupFailures.First,
            measured.Loops / elapsed.TotalSeconds,
            times.Of(LoopStep),
            times.All(LoopStep),
            places.Count,
            cpu.TotalMilliseconds / Math.Max(1, measured.Loops),
            jit.TotalMilliseconds / Math.Max(1, measured.Loops),
            check.Text);
        await CaseLoadJson.WriteAsync(result, args.Value("out"), cancellationToken).ConfigureAwait(false);
        return result.Errors == 0 && check.Ok ? 0 : 1;
    }

    private static async Task<TimeSpan> RunClientsAsync(
        CaseHost host, ReportMaker maker, int clients, TimeSpan duration, int maxLoops, Counters counters, StepTimes times, Failures failures,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..8];
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            using var http = host.CreateClient();
            var random = new Random(HashCode.Combine(run, client));
            var sequence = 0;
            while (clock.Elapsed < duration && Interlocked.Increment(ref counters.Claimed) <= maxLoops)
            {
                try
                {
                    var began = Stopwatch.GetTimestamp();
                    if (await OneLoopAsync(http, host, maker.Fresh(random), $"loop-{run}-{client}-{sequence++}", random, counters, times, cancellationToken)
                        .ConfigureAwait(false))
                    {
                        times.Add(LoopStep, Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                        Interlocked.Increment(ref counters.Loops);
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

    /// <returns>False when the report joined another case (nothing to take through the loop).</returns>
    private static async Task<bool> OneLoopAsync(
        HttpClient http, CaseHost host, ReportBody report, string idempotencyKey, Random random, Counters counters, StepTimes times,
        CancellationToken cancellationToken)
    {
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(report) };
        submit.Headers.Add("Idempotency-Key", idempotencyKey);
        await host.AuthorizeAsync(submit, Hotline, cancellationToken).ConfigureAwait(false);
        var filed = await SendAsync(http, submit, "report", times, cancellationToken).ConfigureAwait(false);
        var number = (string)filed["caseNumber"]!;
        switch ((string?)filed["outcome"])
        {
            case "Merged":
                Interlocked.Increment(ref counters.Merged);
                return false;
            case "NeedsReview":
                await CompleteAsync(http, host, number, "review", "review", new { decision = "file" }, random, times, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref counters.Reviewed);
                break;
        }

        foreach (var (node, step, output) in Path)
        {
            await CompleteAsync(http, host, number, node, step, output, random, times, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Finds the case's open task at <paramref name="node"/> and completes it as a user of its first candidate group.</summary>
    private static async Task CompleteAsync(
        HttpClient http, CaseHost host, string number, string node, string step, object output, Random random, StepTimes times,
        CancellationToken cancellationToken)
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{number}");
        await host.AuthorizeAsync(read, Hotline, cancellationToken).ConfigureAwait(false);
        var detail = await SendAsync(http, read, ReadStep, times, cancellationToken).ConfigureAwait(false);
        var open = detail["openTasks"]!.AsArray();
        var task = open.FirstOrDefault(t => (string?)t!["nodeId"] == node)
            ?? throw new InvalidOperationException(
                $"Case {number} has no open '{node}' task; open: {string.Join(", ", open.Select(t => (string?)t!["nodeId"]))}, status {(string?)detail["case"]!["status"]}.");
        var groupText = (string?)task["candidateGroups"]?.AsArray().FirstOrDefault();
        var users = CandidateGroup.TryParse(groupText, out var group) ? host.Reference.UsersIn(group.Value) : [];
        if (users.Count == 0)
        {
            throw new InvalidOperationException($"No user in the reference data belongs to '{groupText}', the group of {number}'s '{node}' task.");
        }

        using var complete = new HttpRequestMessage(HttpMethod.Post, $"/api/inbox/tasks/{(string?)task["id"]}/complete")
        {
            Content = JsonContent.Create(new { output }),
        };
        await host.AuthorizeAsync(complete, users[random.Next(users.Count)].Id, cancellationToken).ConfigureAwait(false);
        await SendAsync(http, complete, step, times, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpRequestMessage request, string step, StepTimes times, CancellationToken cancellationToken)
    {
        var began = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        times.Add(step, Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} ({step}) answered {(int)response.StatusCode}: {answer}");
        }

        return JsonNode.Parse(answer)!.AsObject();
    }

    /// <summary>Every finished loop left a case Closed and rated satisfied.</summary>
    private static async Task<(bool Ok, string Text)> CheckAsync(CaseHost host, long loops, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
        var closed = await db.Set<Case>().LongCountAsync(c => c.Status == CaseStatus.Closed && c.Satisfaction == "satisfied", cancellationToken)
            .ConfigureAwait(false);
        var ok = closed == loops;
        return (ok, $"{(ok ? "ok" : "MISMATCH")}: {closed:N0} cases Closed and rated satisfied / {loops:N0} loops finished (warm-up included)");
    }
}
