using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Tongguan.Bench.InMemory;

/// <summary>
/// Short, in-process runs: the whole bench must stay within minutes on a shared 2-core machine, and an in-process
/// toolchain saves BenchmarkDotNet from rebuilding the project for every benchmark class.
/// </summary>
public sealed class InMemoryBenchmarkConfig : ManualConfig
{
    public InMemoryBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(300)));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddLogger(ConsoleLogger.Default);
        WithOptions(ConfigOptions.DisableLogFile);
    }
}
