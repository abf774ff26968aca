namespace Tongguan.Integration.Tests.Sla.Scheduling;

/// <summary>
/// The Hangfire scheduler tests measure wall-clock latency with several Hangfire servers each; run side by side on a
/// 2-core machine they would starve each other's pollers, so they run one class at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HangfireSchedulerSerialGroup
{
    public const string Name = "Hangfire scheduler";
}
