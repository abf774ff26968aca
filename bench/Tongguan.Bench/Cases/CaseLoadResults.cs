using System.Text.Json;

namespace Tongguan.Bench.Cases;

/// <summary>Latency percentiles in milliseconds over every sample of every client.</summary>
public sealed record Percentiles(long Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(List<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0);
        }

        milliseconds.Sort();
        return new Percentiles(milliseconds.Count, At(0.50), At(0.95), At(0.99), milliseconds[^1]);

        double At(double quantile) => milliseconds[Math.Min(milliseconds.Count - 1, (int)Math.Ceiling(quantile * milliseconds.Count) - 1)];
    }
}

/// <summary>One <c>intake</c> run, written as JSON and read by <c>report</c>.</summary>
public sealed record IntakeResult(
    string Provider,
    string Database,
    int Clients,
    double WarmupSeconds,
    double Seconds,
    int PreloadedOpenCases,
    string? Preload,
    long Reports,
    long Filed,
    long NeedsReview,
    long Merged,
    long NearDuplicatesSent,
    long Errors,
    string? FirstError,
    double ReportsPerSecond,
    double CasesPerSecond,
    Percentiles Latency,
    double ProcessCpuMillisecondsPerReport,
    double JitMillisecondsPerReport,
    string Check);

/// <summary>The time of one kind of step of the closed loop.</summary>
public sealed record StepTiming(string Step, Percentiles Latency);

/// <summary>One <c>loop</c> run, written as JSON and read by <c>report</c>.</summary>
public sealed record LoopResult(
    string Provider,
    string Database,
    int Clients,
    double WarmupSeconds,
    double Seconds,
    long Loops,
    long Reviewed,
    long MergedInsteadOfFiled,
    long Errors,
    string? FirstError,
    double LoopsPerSecond,
    Percentiles Loop,
    IReadOnlyList<StepTiming> Steps,
    int Places,
    double ProcessCpuMillisecondsPerLoop,
    double JitMillisecondsPerLoop,
    string Check);

/// <summary>Samples per step name, from many clients at once.</summary>
internal sealed class StepTimes
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<double>> _samples = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public void Add(string step, double milliseconds)
    {
        lock (_lock)
        {
            if (!_samples.TryGetValue(step, out var list))
            {
                _samples[step] = list = [];
                _order.Add(step);
            }

            list.Add(milliseconds);
        }
    }

    public Percentiles Of(string step)
    {
        lock (_lock)
        {
            return Percentiles.Of(_samples.GetValueOrDefault(step) ?? []);
        }
    }

    /// <summary>Every step but <paramref name="except"/>, in the order first seen.</summary>
    public IReadOnlyList<StepTiming> All(params string[] except)
    {
        lock (_lock)
        {
            return [.. _order.Where(s => !except.Contains(s, StringComparer.Ordinal)).Select(s => new StepTiming(s, Percentiles.Of(_samples[s])))];
        }
    }
}

/// <summary>Counts failures and keeps the first message; a load test reports them rather than stopping.</summary>
internal sealed class Failures
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public string? First { get; private set; }

    public void Add(string message)
    {
        if (Interlocked.Increment(ref _count) == 1)
        {
            First = message;
            Console.Error.WriteLine(message);
        }
    }
}

internal static class CaseLoadJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync<T>(T result, string? path, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(result, Options);
        Console.WriteLine(json);
        if (path is not null)
        {
            await File.WriteAllTextAsync(path, json, cancellationToken).ConfigureAwait(false);
        }
    }
}
