using System.Globalization;
using System.Text;
using System.Text.Json;
using Tongguan.Bench.Cases;

namespace Tongguan.Bench.Reporting;

/// <summary>The RESULTS.md section of the <c>intake</c> and <c>loop</c> runs (files <c>intake-*.json</c>, <c>loop-*.json</c>).</summary>
public static class CaseLoadReport
{
    public static async Task<string> RenderAsync(string folder, CancellationToken cancellationToken)
    {
        var intakes = new List<IntakeResult>();
        var loops = new List<LoopResult>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            if (Path.GetFileName(file).StartsWith("loop-", StringComparison.Ordinal))
            {
                loops.Add(JsonSerializer.Deserialize<LoopResult>(json, CaseLoadJson.Options) ?? throw new InvalidOperationException($"{file} holds no result."));
            }
            else
            {
                intakes.Add(JsonSerializer.Deserialize<IntakeResult>(json, CaseLoadJson.Options) ?? throw new InvalidOperationException($"{file} holds no result."));
            }
        }

        // SQLite first, then PostgreSQL; the empty database before the pre-loaded one.
        intakes = [.. intakes.OrderBy(r => r.Provider == "SQLite" ? 0 : 1).ThenBy(r => r.PreloadedOpenCases)];
        loops = [.. loops.OrderBy(r => r.Provider == "SQLite" ? 0 : 1)];
        var text = new StringBuilder();
        text.AppendLine("## Cases over HTTP: intake and the whole loop (the real host on Kestrel, loopback)");
        text.AppendLine();
        text.AppendLine("The real host (`Program` of src/Cases: its DI, migrations, definitions, deadline scheduler and engine worker)");
        text.AppendLine("on Kestrel at `http://127.0.0.1:0` in the bench process, on a fresh database; the clients are HttpClients in the");
        text.AppendLine("same process, so server, clients and the database share the 2 cores. run.sh runs, with `DOTNET_TieredCompilation=0`,");
        text.AppendLine("`Tongguan.Bench intake|loop --provider sqlite|postgresql --clients $BENCH_CLIENTS --seconds $BENCH_CASES_SECONDS");
        text.AppendLine("--warmup-seconds $BENCH_CASES_WARMUP_SECONDS` (defaults 8, 20, 10), the third intake run with `--preload $BENCH_CASES_PRELOAD`");
        text.AppendLine("(default 100,000); \"Measured\" is the measured window, from the first request to the last answer.");
        text.AppendLine();
        if (intakes.Count > 0)
        {
            text.Append(Intake(intakes));
            text.AppendLine();
        }

        if (loops.Count > 0)
        {
            text.Append(Loop(loops));
        }

        return text.ToString();
    }

    private static string Intake(List<IntakeResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("### Intake: `POST /api/reports`");
        text.AppendLine();
        text.AppendLine("Realistic reports (random leaf category, random point inside a random grid cell, channel mix, Chinese text with a");
        text.AppendLine("street and house number), ~10 % near-duplicates of a recent report, an `Idempotency-Key` on each.");
        text.AppendLine("Cases/s counts new cases (Filed + NeedsReview); reports/s counts every accepted report (Merged included).");
        text.AppendLine();
        var table = new MarkdownTable("Database", "Open cases before", "Clients", "Warm-up", "Measured", "Reports/s", "Cases/s",
            "p50 / p95 / p99 / max", "Filed / NeedsReview / Merged", "Near-duplicates sent", "Errors", "CPU / JIT per report (whole process)");
        foreach (var r in results)
        {
            table.Add(
                r.Database,
                r.PreloadedOpenCases.ToString("N0", CultureInfo.InvariantCulture),
                r.Clients.ToString(CultureInfo.InvariantCulture),
                $"{r.WarmupSeconds:0} s",
                $"{r.Seconds:0.0} s",
                Format.Number(r.ReportsPerSecond),
                Format.Number(r.CasesPerSecond),
                Latency(r.Latency),
                $"{r.Filed:N0} / {r.NeedsReview:N0} / {r.Merged:N0}",
                r.NearDuplicatesSent.ToString("N0", CultureInfo.InvariantCulture),
                r.Errors == 0 ? "0" : $"**{r.Errors}** ({r.FirstError})",
                $"{Format.Milliseconds(r.ProcessCpuMillisecondsPerReport)} / {Format.Milliseconds(r.JitMillisecondsPerReport)}");
        }

        text.Append(table.Render());
        text.AppendLine();
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {r.Provider}, {r.PreloadedOpenCases:N0} open cases before: database check {r.Check}.");
            if (r.Preload is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  Preload: {r.Preload}.");
            }
        }

        // The same provider with and without the preload, side by side: does intake slow down with many open cases?
        foreach (var loaded in results.Where(r => r.PreloadedOpenCases > 0))
        {
            var empty = results.FirstOrDefault(r => r.Provider == loaded.Provider && r.PreloadedOpenCases == 0);
            if (empty is null || empty.ReportsPerSecond <= 0)
            {
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {loaded.Provider} with {loaded.PreloadedOpenCases:N0} open cases vs an empty database: reports/s ×{loaded.ReportsPerSecond / empty.ReportsPerSecond:0.00}, " +
                $"p99 {Format.Milliseconds(loaded.Latency.P99)} vs {Format.Milliseconds(empty.Latency.P99)}.");
        }

        return text.ToString();
    }

    private static string Loop(List<LoopResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("### The whole loop: report → accept → handle → verify → callback, over HTTP as the right users");
        text.AppendLine();
        text.AppendLine("Each client takes one case after another through the loop; every task is found in `GET /api/cases/{number}`'s");
        text.AppendLine("`openTasks` and completed through `POST /api/inbox/tasks/{id}/complete` by a user of its candidate group");
        text.AppendLine("(signed in with a bearer token). A loop = 1 report + 4 reads + 4 completions (+ 1 read and a review when the duplicate check");
        text.AppendLine("asks for one).");
        text.AppendLine();
        var table = new MarkdownTable("Database", "Clients", "Warm-up", "Measured", "Loops", "Loops/s", "Loop p50 / p99", "Reviewed", "Merged (no loop)", "Errors",
            "CPU / JIT per loop (whole process)");
        foreach (var r in results)
        {
            table.Add(
                r.Database,
                r.Clients.ToString(CultureInfo.InvariantCulture),
                $"{r.WarmupSeconds:0} s",
                $"{r.Seconds:0.0} s",
                r.Loops.ToString("N0", CultureInfo.InvariantCulture),
                Format.Number(r.LoopsPerSecond),
                $"{Format.Milliseconds(r.Loop.P50)} / {Format.Milliseconds(r.Loop.P99)}",
                r.Reviewed.ToString("N0", CultureInfo.InvariantCulture),
                r.MergedInsteadOfFiled.ToString("N0", CultureInfo.InvariantCulture),
                r.Errors == 0 ? "0" : $"**{r.Errors}** ({r.FirstError})",
                $"{Format.Milliseconds(r.ProcessCpuMillisecondsPerLoop)} / {Format.Milliseconds(r.JitMillisecondsPerLoop)}");
        }

        text.Append(table.Render());
        text.AppendLine();
        var steps = new MarkdownTable(["Step", .. results.Select(r => $"{r.Provider}: p50 / p99 (calls)")]);
        foreach (var step in results.SelectMany(r => r.Steps).Select(s => s.Step).Distinct(StringComparer.Ordinal))
        {
            steps.Add([
                step,
                .. results.Select(r => r.Steps.FirstOrDefault(s => s.Step == step) is { } timing
                    ? $"{Format.Milliseconds(timing.Latency.P50)} / {Format.Milliseconds(timing.Latency.P99)} ({timing.Latency.Count:N0})"
                    : "—"),
            ]);
        }

        text.Append(steps.Render());
        text.AppendLine();
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {r.Provider}: database check {r.Check}; reports drawn from {r.Places:N0} (category, grid cell) pairs whose routing rule names a unit with officers.");
        }

        return text.ToString();
    }

    private static string Latency(Percentiles p) =>
        $"{Format.Milliseconds(p.P50)} / {Format.Milliseconds(p.P95)} / {Format.Milliseconds(p.P99)} / {Format.Milliseconds(p.Max)}";
}
