using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Tongguan.Bench.Reporting;

namespace Tongguan.Bench.InMemory;

/// <summary>
/// The <c>inmemory</c> command: BenchmarkDotNet over Tongguan and WorkflowCore, then bpmn-engine as a child
/// process, all in one run; writes a Markdown section with the comparison and the goal (Tongguan ≥ 5× each).
/// </summary>
public static class InMemoryComparison
{
    private const double Goal = 5.0;

    public static async Task<int> RunAsync(BenchArguments args, CancellationToken cancellationToken)
    {
        var repository = RepositoryRoot.Find();
        var nodeSeconds = args.Number("node-seconds", 5);

        var tongguan = BenchmarkRunner.Run<TongguanBenchmarks>();
        var workflowCore = BenchmarkRunner.Run<WorkflowCoreBenchmarks>();
        var rows = Rows(tongguan).Concat(Rows(workflowCore)).ToList();
        if (rows.Count != 3)
        {
            throw new InvalidOperationException($"Expected 3 benchmark results, got {rows.Count}: a benchmark failed (see the log above).");
        }

        var node = await BpmnEngineRunner.RunAsync(Path.Combine(repository, "bench", "node"), nodeSeconds, 3, cancellationToken)
            .ConfigureAwait(false);
        rows.Add(new EngineRow($"bpmn-engine {node.Version} (Node.js {node.Node}): 5 service tasks",
            1e9 / node.InstancesPerSecond, node.InstancesPerSecond, null,
            $"median of {node.Rounds} rounds of {node.SecondsPerRound.ToString(CultureInfo.InvariantCulture)} s, {node.Instances} instances"));

        var ours = rows.Single(r => r.Name.StartsWith("Tongguan: 5 service tasks", StringComparison.Ordinal));
        var markdown = Render(rows, ours);
        Console.WriteLine(markdown);
        if (args.Value("out") is { } path)
        {
            await File.WriteAllTextAsync(path, markdown, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static IEnumerable<EngineRow> Rows(Summary summary) =>
        summary.Reports
            .Where(r => r.Success && r.ResultStatistics is not null)
            .Select(r =>
            {
                var mean = r.ResultStatistics!.Mean;
                var allocated = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase);
                return new EngineRow(
                    r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                    mean,
                    1e9 / mean,
                    allocated,
                    $"BenchmarkDotNet, {r.ResultStatistics.N} iterations, ±{r.ResultStatistics.ConfidenceInterval.Margin / mean:P1} (99.9% CI)");
            });

    private static string Render(IReadOnlyList<EngineRow> rows, EngineRow ours)
    {
        var text = new StringBuilder();
        text.AppendLine("## In-memory engine throughput (one run, same machine)");
        text.AppendLine();
        var table = new MarkdownTable("Engine and work per instance", "Time per instance", "Instances/s", "Allocated per instance", "Tongguan ÷ this", "Measured with");
        foreach (var row in rows)
        {
            table.Add(
                row.Name,
                Format.Duration(row.MeanNanoseconds),
                Format.Number(row.InstancesPerSecond),
                row.AllocatedBytes is { } bytes ? Format.Bytes(bytes) : "n/a",
                ReferenceEquals(row, ours) ? "1×" : $"{ours.InstancesPerSecond / row.InstancesPerSecond:0.0}×",
                row.Method);
        }

        text.Append(table.Render());
        text.AppendLine();
        var goals = new MarkdownTable("Goal", "Measured", "Met");
        foreach (var other in rows.Where(r => !r.Name.StartsWith("Tongguan", StringComparison.Ordinal)))
        {
            var ratio = ours.InstancesPerSecond / other.InstancesPerSecond;
            goals.Add($"Tongguan ≥ {Goal:0}× {other.Name.Split(':')[0]}", $"{ratio:0.0}×", ratio >= Goal ? "yes" : "**no**");
        }

        text.Append(goals.Render());
        return text.ToString();
    }

    private sealed record EngineRow(string Name, double MeanNanoseconds, double InstancesPerSecond, long? AllocatedBytes, string Method);
}
