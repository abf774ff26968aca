using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Tongguan.Bench.Cases;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Bench.Soak;

/// <summary>
/// <c>soak --provider postgresql [--connection "..."] [--minutes 60] [--clients 4] [--think-ms 50] [--backlog 25] [--sample-seconds 60]
/// [--machine machine.md] [--command "..."] [--csv samples.csv] [--results bench/RESULTS.md]</c>: the real host on Kestrel
/// (loopback) under a steady, realistic mix for a long time, sampled every minute — the process's RSS, managed heap and
/// GC counts, the minute's p50/p99 latency of the handling path and of the history-wide reads apart, errors — then a
/// verdict on whether memory and the handling path's latency stayed flat (the last sixth of the run against its early
/// part) written as the Soak section of bench/RESULTS.md. The history-wide reads (the case list with its total, the KPIs
/// over every case) do work in proportion to the history, which the soak itself grows; their latency is shown beside
/// the number of cases, not judged flat.
/// The mix per client, one case after another: a report from the hotline; the acceptor's inbox; accept; handle; for
/// nine cases in ten verify and callback; the tenth waits for verification in the client's backlog and is verified
/// and called back once the backlog holds more than <c>--backlog</c> cases (oldest first), so the open set grows to a
/// steady size, as a city's does when closures keep pace with reports, while the history grows without bound; every
/// 10th case the hotline's case list, every 25th the SLA KPIs as the administrator; a case read before each completion.
/// </summary>
public static class SoakLoad
{
    private const string Hotline = "wang.fang";
    private const string Administrator = "admin";

    private static readonly (string Node, object Output)[] Steps =
    [
        ("accept", new { decision = "accept" }),
        ("handle", new { outcome = "done", result = "已到现场处置完毕，现场已恢复正常" }),
        ("verify", new { verified = true }),
        ("callback", new { satisfaction = "satisfied", comment = "处理及时，满意" }),
    ];

    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var provider = (args.Value("provider") ?? "postgresql").ToLowerInvariant();
        var minutes = args.Number("minutes", 60);
        var clients = args.Count("clients", 4);
        var think = TimeSpan.FromMilliseconds(args.Count("think-ms", 50));
        var backlog = args.Count("backlog", 25);
        var sampleEvery = TimeSpan.FromSeconds(args.Number("sample-seconds", 60));
        var duration = TimeSpan.FromMinutes(minutes);

        await using var host = await CaseHost.StartAsync(provider, CaseHost.ServerConnection(args), cancellationToken).ConfigureAwait(false);
        var database = await host.DescribeDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var maker = new ReportMaker(host.Reference, ReportMaker.RoutedToStaffedUnits(host.Reference));
        Console.WriteLine($"[soak] {host.ProviderName} ({database}) at {host.BaseAddress}, {clients} clients, think {think.TotalMilliseconds} ms, {minutes} min, sample every {sampleEvery.TotalSeconds} s");

        var window = new Window();
        var samples = new List<Sample>();
        var csv = args.Value("csv");
        if (csv is not null)
        {
            await File.WriteAllTextAsync(csv, Sample.CsvHeader + "\n", cancellationToken).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = Guid.NewGuid().ToString("N")[..8];
        var workers = Enumerable.Range(0, clients)
            .Select(client => Task.Run(() => ClientAsync(host, maker, window, run, client, think, backlog, stop.Token), CancellationToken.None))
            .ToArray();

        var gc = GcCounts.Now();
        var totalCases = 0L;
        for (var index = 1; clock.Elapsed < duration; index++)
        {
            var due = sampleEvery * index;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            var (latencies, historyLatencies, byKind, errors, firstError, cases) = window.Take();
            totalCases += cases;
            var now = GcCounts.Now();
            var memory = GC.GetGCMemoryInfo();
            using var self = Process.GetCurrentProcess();
            var percentiles = Percentiles.Of(latencies);
            var history = Percentiles.Of(historyLatencies);
            var sample = new Sample(
                index,
                percentiles.Count + history.Count,
                errors,
                cases,
                totalCases,
                percentiles.P50,
                percentiles.P99,
                history.Count,
                history.P50,
                history.Max,
                self.WorkingSet64 / 1048576.0,
                GC.GetTotalMemory(forceFullCollection: false) / 1048576.0,
                memory.HeapSizeBytes / 1048576.0,
                now.Gen0 - gc.Gen0,
                now.Gen1 - gc.Gen1,
                now.Gen2 - gc.Gen2)
            {
                Kinds = byKind.ToDictionary(k => k.Key, k => Percentiles.Of(k.Value)),
            };
            gc = now;
            samples.Add(sample);
            Console.WriteLine($"[soak] {sample.ToCsv()}{(firstError is null ? "" : "  first error: " + firstError)}");
            Console.WriteLine($"[soak]   p50/p99 ms by kind: {string.Join("; ", Kinds.All.Where(sample.Kinds.ContainsKey).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k} {sample.Kinds[k].P50:0.0}/{sample.Kinds[k].P99:0.0}")))}");
            if (csv is not null)
            {
                await File.AppendAllTextAsync(csv, sample.ToCsv() + "\n", cancellationToken).ConfigureAwait(false);
            }
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);

        var verdict = Verdict.Of(samples);
        var section = Render(args, host.ProviderName, database, clients, think, backlog, minutes, samples, verdict);
        Console.WriteLine(section);
        if (args.Value("results") is { } results)
        {
            await SoakSection.WriteAsync(results, section, cancellationToken).ConfigureAwait(false);
        }

        return verdict.Flat && samples.Sum(s => s.Errors) == 0 ? 0 : 1;
    }

    private static async Task ClientAsync(
        CaseHost host, ReportMaker maker, Window window, string run, int client, TimeSpan think, int backlog, CancellationToken cancellationToken)
    {
        using var http = host.CreateClient();
        var random = new Random(HashCode.Combine(run, client));
        var waiting = new Queue<string>();
        for (var sequence = 0; !cancellationToken.IsCancellationRequested; sequence++)
        {
            try
            {
                if (await OneCaseAsync(http, host, maker, window, random, $"soak-{run}-{client}-{sequence}", sequence, think, cancellationToken)
                    .ConfigureAwait(false) is { } open)
                {
                    waiting.Enqueue(open);
                }

                window.CaseDone();
                while (waiting.Count > backlog)
                {
                    var oldest = waiting.Dequeue();
                    for (var step = 2; step < Steps.Length; step++)
                    {
                        await CompleteAsync(http, host, window, random, oldest, Steps[step].Node, Steps[step].Output, think, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                window.Error($"{ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    /// <summary>One case through the mix; its number when it was left waiting for verification.</summary>
    private static async Task<string?> OneCaseAsync(
        HttpClient http, CaseHost host, ReportMaker maker, Window window, Random random, string key, int sequence, TimeSpan think,
        CancellationToken cancellationToken)
    {
        var filed = await SendAsync(http, host, window, Kinds.Report, HttpMethod.Post, "/api/reports", Hotline, maker.Fresh(random), key, cancellationToken)
            .ConfigureAwait(false);
        var number = (string)filed["caseNumber"]!;
        await Task.Delay(think, cancellationToken).ConfigureAwait(false);
        if ((string?)filed["outcome"] == "Merged")
        {
            return null;
        }

        if ((string?)filed["outcome"] == "NeedsReview")
        {
            await CompleteAsync(http, host, window, random, number, "review", new { decision = "file" }, think, cancellationToken).ConfigureAwait(false);
        }

        // The tenth case waits for verification in the client's backlog.
        var waits = sequence % 10 == 9;
        var last = waits ? 2 : Steps.Length;
        for (var step = 0; step < last; step++)
        {
            await CompleteAsync(http, host, window, random, number, Steps[step].Node, Steps[step].Output, think, cancellationToken).ConfigureAwait(false);
        }

        if (sequence % 10 == 0)
        {
            await SendAsync(http, host, window, Kinds.CaseList, HttpMethod.Get, "/api/cases?take=20", Hotline, null, null, cancellationToken, historyWide: true)
                .ConfigureAwait(false);
            await Task.Delay(think, cancellationToken).ConfigureAwait(false);
        }

        if (sequence % 25 == 0)
        {
            await SendAsync(http, host, window, Kinds.Kpis, HttpMethod.Get, "/api/sla/kpis?by=department", Administrator, null, null, cancellationToken, historyWide: true)
                .ConfigureAwait(false);
            await Task.Delay(think, cancellationToken).ConfigureAwait(false);
        }

        return waits ? number : null;
    }

    /// <summary>Reads the case, the task's holder's inbox, then completes the open task at <paramref name="node"/>.</summary>
    private static async Task CompleteAsync(
        HttpClient http, CaseHost host, Window window, Random random, string number, string node, object output, TimeSpan think,
        CancellationToken cancellationToken)
    {
        var detail = await SendAsync(http, host, window, Kinds.CaseRead, HttpMethod.Get, $"/api/cases/{number}", Hotline, null, null, cancellationToken).ConfigureAwait(false);
        var task = detail["openTasks"]!.AsArray().FirstOrDefault(t => (string?)t!["nodeId"] == node)
            ?? throw new InvalidOperationException($"Case {number} has no open '{node}' task.");
        var groupText = (string?)task["candidateGroups"]?.AsArray().FirstOrDefault();
        var users = CandidateGroup.TryParse(groupText, out var group) ? host.Reference.UsersIn(group.Value) : [];
        if (users.Count == 0)
        {
            throw new InvalidOperationException($"No user belongs to '{groupText}', the group of {number}'s '{node}' task.");
        }

        var user = users[random.Next(users.Count)].Id;
        await Task.Delay(think, cancellationToken).ConfigureAwait(false);
        await SendAsync(http, host, window, Kinds.Inbox, HttpMethod.Get, "/api/inbox?take=20", user, null, null, cancellationToken).ConfigureAwait(false);
        await Task.Delay(think, cancellationToken).ConfigureAwait(false);
        await SendAsync(http, host, window, Kinds.Complete, HttpMethod.Post, $"/api/inbox/tasks/{(string?)task["id"]}/complete", user, new { output }, null, cancellationToken)
            .ConfigureAwait(false);
        await Task.Delay(think, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonObject> SendAsync(
        HttpClient http, CaseHost host, Window window, string kind, HttpMethod method, string path, string user, object? body, string? idempotencyKey,
        CancellationToken cancellationToken, bool historyWide = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        await host.AuthorizeAsync(request, user, cancellationToken).ConfigureAwait(false);
        var began = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        window.Latency(kind, Stopwatch.GetElapsedTime(began).TotalMilliseconds, historyWide);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {answer[..Math.Min(answer.Length, 300)]}");
        }

        return JsonNode.Parse(answer) is JsonObject json ? json : [];
    }

    private static string Render(
        BenchArguments args, string provider, string database, int clients, TimeSpan think, int backlog, double minutes, IReadOnlyList<Sample> samples, Verdict verdict)
    {
        var text = new StringBuilder();
        text.AppendLine(SoakSection.Begin);
        text.AppendLine("## Soak (issue 8): one hour of realistic load on the real host");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{args.Value("command") ?? "bash bench/soak.sh"}`");
        text.AppendLine();
        if (args.Value("machine") is { } machine && File.Exists(machine))
        {
            text.AppendLine(File.ReadAllText(machine).TrimEnd());
            text.AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"The real host (Program of src/Cases, Production settings) on Kestrel at 127.0.0.1, {provider} ({database}), a fresh database; " +
            $"{clients} clients, {think.TotalMilliseconds:0} ms think time between requests, {minutes:0.#} minutes. Per client, one case after another: " +
            $"report (hotline) → case read → acceptor's inbox → accept → case read → inbox → handle → (9 in 10) case read → inbox → verify → " +
            $"case read → inbox → callback; the 10th case waits for verification in the client's backlog, and once the backlog holds more than {backlog} " +
            $"cases its oldest is verified and called back (so the open set grows to a steady size, about {clients * backlog} cases waiting for verification " +
            $"besides those in flight, as a city's does when closures keep pace with reports, while the history grows without bound); every 10th case the hotline's case list, every 25th the " +
            $"SLA KPIs by department. The load driver runs in the same process as the host (the other bench cases do too): RSS, managed heap " +
            $"and GC counts below are the host's and the driver's together; the driver keeps only the current minute's latencies. " +
            $"Latency is split: the handling path (report, case reads, inboxes, completions) does the same work whatever the history, and " +
            $"is judged flat; the history-wide reads (the case list with its total, the KPIs over every case) do work in proportion to the " +
            $"cases the soak has filed so far, so their time is shown beside that number and not judged flat.");
        text.AppendLine();
        text.AppendLine("| Minute | Requests | Errors | Cases | Cases so far | Handling p50 ms | Handling p99 ms | History-wide reads | their p50 ms | their max ms | RSS MiB | Managed heap MiB | Heap size MiB | Gen0 | Gen1 | Gen2 |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in samples)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Minute} | {s.Requests:N0} | {s.Errors} | {s.Cases:N0} | {s.CasesSoFar:N0} | {s.P50:0.0} | {s.P99:0.0} | {s.HistoryReads} | {s.HistoryP50:0.0} | {s.HistoryMax:0.0} | {s.RssMiB:0} | {s.ManagedMiB:0} | {s.HeapSizeMiB:0} | {s.Gen0} | {s.Gen1} | {s.Gen2} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Totals: {samples.Sum(s => s.Requests):N0} requests, {samples.Sum(s => s.Errors):N0} errors, {samples.Sum(s => s.Cases):N0} cases taken through the mix.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Verdict — medians of minutes {verdict.Early} (after warm-up) against the last minutes {verdict.Late}, each figure within its tolerance:");
        text.AppendLine();
        text.AppendLine("| Figure | Early | Late | Change | Tolerance | Flat |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var line in verdict.Lines)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {line.Figure} | {line.Early:0.0} | {line.Late:0.0} | {line.Change:+0.0%;-0.0%;0.0%} | +{line.Tolerance:P0} | {(line.Flat ? "yes" : "**no**")} |");
        }

        text.AppendLine();
        text.AppendLine("Per request kind (medians over the same minutes; shown to find what grows, not judged):");
        text.AppendLine();
        text.AppendLine("| Request kind | Early p50 ms | Late p50 ms | Early p99 ms | Late p99 ms | p99 change |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var kind in verdict.Kinds)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind.Kind} | {kind.EarlyP50:0.0} | {kind.LateP50:0.0} | {kind.EarlyP99:0.0} | {kind.LateP99:0.0} | {kind.P99Change:+0.0%;-0.0%;0.0%} |");
        }

        text.AppendLine();
        text.AppendLine(verdict.Flat && samples.Sum(s => s.Errors) == 0
            ? "**Goal met**: memory and the handling path's latency flat, no errors."
            : "**Goal not met**: see the rows marked no and the error count above.");
        text.AppendLine(SoakSection.End);
        return text.ToString();
    }

    private sealed record GcCounts(int Gen0, int Gen1, int Gen2)
    {
        public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }

    /// <summary>The current minute's request latencies and errors, handed over and reset by the sampler.</summary>
    private sealed class Window
    {
        private readonly Lock _lock = new();
        private List<double> _latencies = [];
        private List<double> _historyLatencies = [];
        private Dictionary<string, List<double>> _byKind = [];
        private long _errors;
        private long _cases;
        private string? _firstError;

        public void Latency(string kind, double milliseconds, bool historyWide)
        {
            lock (_lock)
            {
                (historyWide ? _historyLatencies : _latencies).Add(milliseconds);
                if (!_byKind.TryGetValue(kind, out var list))
                {
                    _byKind[kind] = list = [];
                }

                list.Add(milliseconds);
            }
        }

        public void Error(string message)
        {
            lock (_lock)
            {
                _errors++;
                _firstError ??= message;
            }
        }

        public void CaseDone()
        {
            lock (_lock)
            {
                _cases++;
            }
        }

        public (List<double> Latencies, List<double> HistoryLatencies, Dictionary<string, List<double>> ByKind, long Errors, string? FirstError, long Cases) Take()
        {
            lock (_lock)
            {
                var taken = (_latencies, _historyLatencies, _byKind, _errors, _firstError, _cases);
                _latencies = [];
                _historyLatencies = [];
                _byKind = [];
                _errors = 0;
                _cases = 0;
                _firstError = null;
                return taken;
            }
        }
    }
}

/// <summary>The soak's request kinds, in the order they are shown; the last two are the history-wide reads.</summary>
public static class Kinds
{
    public const string Report = "report";
    public const string CaseRead = "case read";
    public const string Inbox = "inbox";
    public const string Complete = "complete";
    public const string CaseList = "case list";
    public const string Kpis = "KPIs";

    public static readonly string[] All = [Report, CaseRead, Inbox, Complete, CaseList, Kpis];
}

/// <summary>One minute of the soak: <see cref="P50"/> and <see cref="P99"/> are the handling path's, the History* figures the history-wide reads'.</summary>
public sealed record Sample(
    int Minute, long Requests, long Errors, long Cases, long CasesSoFar, double P50, double P99, long HistoryReads, double HistoryP50, double HistoryMax,
    double RssMiB, double ManagedMiB, double HeapSizeMiB, int Gen0, int Gen1, int Gen2)
{
    /// <summary>The minute's latencies per request kind (<see cref="Soak.Kinds"/>).</summary>
    public IReadOnlyDictionary<string, Percentiles> Kinds { get; init; } = new Dictionary<string, Percentiles>();

    public const string CsvHeader =
        "minute,requests,errors,cases,cases_so_far,handling_p50_ms,handling_p99_ms,history_reads,history_p50_ms,history_max_ms,rss_mib,managed_mib,heap_size_mib,gen0,gen1,gen2";

    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{Minute},{Requests},{Errors},{Cases},{CasesSoFar},{P50:0.0},{P99:0.0},{HistoryReads},{HistoryP50:0.0},{HistoryMax:0.0},{RssMiB:0.0},{ManagedMiB:0.0},{HeapSizeMiB:0.0},{Gen0},{Gen1},{Gen2}");
}
