using Microsoft.Extensions.DependencyInjection;
using Tongguan.Sla.Deadlines.Scheduling.Quartz;

namespace Tongguan.Integration.Tests.Sla.Scheduling;

/// <summary>The Quartz scheduler's test classes run one after another: their assertions are about wall-clock timing.</summary>
[CollectionDefinition(Name)]
public sealed class QuartzSchedulerTestsInSequence
{
    public const string Name = "Quartz deadline scheduler";
}

[Collection(QuartzSchedulerTestsInSequence.Name)]
public sealed class QuartzSqliteSchedulerTests(SqliteSchedulerStore store) : DeadlineSchedulerContract<SqliteSchedulerStore>(store)
{
    protected override void AddScheduler(IServiceCollection services) => services.AddQuartzDeadlineScheduler();
}

[Collection(QuartzSchedulerTestsInSequence.Name)]
public sealed class QuartzPostgreSqlSchedulerTests(PostgreSqlSchedulerStore store) : DeadlineSchedulerContract<PostgreSqlSchedulerStore>(store)
{
    protected override void AddScheduler(IServiceCollection services) => services.AddQuartzDeadlineScheduler();
}
