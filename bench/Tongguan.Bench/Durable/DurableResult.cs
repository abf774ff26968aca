namespace Tongguan.Bench.Durable;

/// <summary>One durable load run, written as JSON by the <c>durable</c> command and read by <c>report</c>.</summary>
public sealed record DurableResult(
    string Provider,
    string Database,
    string Mode,
    bool ContextPool,
    int Clients,
    double Seconds,
    long Instances,
    long Starts,
    long Completions,
    long Errors,
    string? FirstError,
    double StartsPerSecond,
    double CompletionsPerSecond,
    LatencySummary StartLatency,
    LatencySummary? CompleteLatency,
    LatencySummary? CycleLatency,
    double SqlCommandsPerOperation,
    double SqlMillisecondsPerOperation,
    double CommitMillisecondsPerOperation,
    double ConnectionOpenMillisecondsPerOperation,
    double ClientMillisecondsPerOperation,
    double BenchProcessCpuMillisecondsPerOperation,
    double JitMillisecondsPerOperation,
    double AllocatedKilobytesPerOperation,
    int Gen0Collections,
    int Gen2Collections);

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencySummary(double P50, double P90, double P99, double Max)
{
    public static LatencySummary Of(List<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        milliseconds.Sort();
        return new LatencySummary(At(0.50), At(0.90), At(0.99), milliseconds[^1]);

        double At(double quantile) => milliseconds[Math.Min(milliseconds.Count - 1, (int)Math.Ceiling(quantile * milliseconds.Count) - 1)];
    }
}
